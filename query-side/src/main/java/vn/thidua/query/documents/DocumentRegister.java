package vn.thidua.query.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.thidua.events.YearId;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.DocumentKind;
import vn.thidua.ledger.StoredEvent;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.StoredPayloads;

/**
 * The register of a year's issued documents (sổ đăng ký văn bản đi), read from the year's own events as the store
 * holds them, so that an issue is listed the moment it is recorded; and the issued PDF, kept by its hash.
 */
@Component
public class DocumentRegister {

    /** One issued document; {@code pdf} is where its bytes are served. */
    public record Entry(String decisionId, DocumentKind kind, String unitId, int number, String symbol,
                        String numberAndSymbol, LocalDate occurredOn, String place, String sha256, long treeSize,
                        Instant recordedAt, String actor, String pdf) {
    }

    private final JdbcClient jdbc;

    public DocumentRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Entry> of(String clusterId, int year) {
        return jdbc.sql("select " + StoredEvent.COLUMNS + " from domain_event_entry"
                        + " where aggregate_identifier = ? and payload_type = ? order by global_index")
                .params(YearId.of(clusterId, year), DocumentIssued.class.getName())
                .query((row, i) -> entry(StoredEvent.read(row))).list().stream().filter(Objects::nonNull).toList();
    }

    public Optional<Entry> find(String clusterId, int year, DocumentKind kind, String unitId) {
        return of(clusterId, year).stream()
                .filter(entry -> entry.kind() == kind && Objects.equals(entry.unitId(), unitId)).findFirst();
    }

    /** The bytes issued, as kept; empty if they are gone (the ledger verification names that). */
    public Optional<byte[]> pdf(Entry entry) {
        return jdbc.sql("select content from evidence_file where sha256 = ?").param(entry.sha256())
                .query((row, i) -> row.getBytes(1)).optional();
    }

    private static Entry entry(StoredEvent stored) {
        if (!(StoredPayloads.payload(stored).orElse(null) instanceof DocumentIssued issued)) {
            return null;
        }
        Envelope envelope = StoredPayloads.envelope(stored, issued);
        String pdf = switch (issued.kind()) {
            case MINUTES -> "/api/clusters/" + issued.clusterId() + "/years/" + issued.year() + "/documents/minutes.pdf";
            case PROPOSAL -> "/api/clusters/" + issued.clusterId() + "/years/" + issued.year()
                    + "/documents/proposal.pdf";
            case CERTIFICATE -> "/api/units/" + issued.unitId() + "/years/" + issued.year() + "/certificate.pdf";
        };
        return new Entry(issued.decisionId(), issued.kind(), issued.unitId(), issued.number(), issued.symbol(),
                issued.numberAndSymbol(), envelope.occurredOn(), issued.place(), issued.sha256(), issued.treeSize(),
                envelope.at(), envelope.actor(), pdf);
    }
}
