package vn.thidua.query.evidence;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.platform.security.Actors;
import vn.thidua.query.security.ClusterScope;
import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;

/**
 * An evidence file, for whoever may read a report that cites it: the council and auditors, the secretariat of the
 * report's cluster, the officer of the reporting unit. Anyone else is told it does not exist (404), as for a hash no
 * report cites: whether a file is kept is itself something only its readers learn.
 */
@RestController
@Tag(name = "evidence")
public class EvidenceController {

    /** A report citing the file: where it was filed and by which unit. */
    private record Citation(String clusterId, String unitId) {
    }

    /** The file as kept. */
    private record Kept(String mediaType, byte[] content) {
    }

    private final JdbcClient jdbc;
    private final Actors actors;
    private final ClusterScope clusterScope;

    public EvidenceController(JdbcClient jdbc, Actors actors, ClusterScope clusterScope) {
        this.jdbc = jdbc;
        this.actors = actors;
        this.clusterScope = clusterScope;
    }

    @Operation(summary = "Tải một tệp minh chứng · Download an evidence file")
    @Problems({Problem.EVIDENCE_NOT_FOUND})
    @GetMapping("/api/evidence/{sha256}")
    public ResponseEntity<byte[]> evidence(@PathVariable String sha256) {
        String hash = sha256.toLowerCase(Locale.ROOT);
        if (!hash.matches("[0-9a-f]{64}") || !citations(hash).stream().anyMatch(this::mayRead)) {
            throw Problem.EVIDENCE_NOT_FOUND.raise(sha256);
        }
        Kept kept = jdbc.sql("select media_type, content from evidence_file where sha256 = ?").param(hash)
                .query((row, i) -> new Kept(row.getString(1), row.getBytes(2))).optional()
                .orElseThrow(() -> Problem.EVIDENCE_NOT_FOUND.raise(sha256));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(kept.mediaType()))
                .eTag("\"" + hash + "\"")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + hash + "\"")
                .body(kept.content());
    }

    private List<Citation> citations(String hash) {
        return jdbc.sql("select distinct payload::jsonb ->> 'clusterId', payload::jsonb ->> 'unitId'"
                        + " from domain_event_entry where payload_type in (?, ?)"
                        + " and payload::jsonb -> 'evidence' @> jsonb_build_array(jsonb_build_object('sha256', ?::text))")
                .params(AnnualReportFiled.class.getName(), AnnualReportAmended.class.getName(), hash)
                .query((row, i) -> new Citation(row.getString(1), row.getString(2))).list();
    }

    /** The record's keepers of the report's cluster, or the officer of the unit that filed it. */
    private boolean mayRead(Citation report) {
        Actor actor = actors.current().orElse(null);
        return clusterScope.keepsTheRecordOf(report.clusterId())
                || actor != null && actor.role() == Role.UNIT_OFFICER && report.unitId().equals(actor.unitId());
    }
}
