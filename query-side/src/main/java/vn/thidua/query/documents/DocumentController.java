package vn.thidua.query.documents;

import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.platform.security.Actors;
import vn.thidua.query.ledger.SealedLedger;
import vn.thidua.query.unitrecord.UnitRecordController;
import vn.thidua.query.web.Problem;

/**
 * The documents a secretariat hands in, made from the ledger at a checkpoint ({@code ?treeSize=}, the latest by
 * default), Vietnamese or English by {@code Accept-Language}, each with a QR code of its verification page.
 */
@RestController
public class DocumentController {

    private static final MediaType PDF = MediaType.APPLICATION_PDF;

    private final YearRecords records;
    private final DocumentRenderer renderer;
    private final DocumentVerification verification;
    private final UnitRecordController unitRecords;
    private final Actors actors;
    private final String publicUrl;

    public DocumentController(YearRecords records, DocumentRenderer renderer, DocumentVerification verification,
                              UnitRecordController unitRecords, Actors actors,
                              @Value("${thidua.public-url}") String publicUrl) {
        this.records = records;
        this.renderer = renderer;
        this.verification = verification;
        this.unitRecords = unitRecords;
        this.actors = actors;
        this.publicUrl = publicUrl;
    }

    @GetMapping(value = "/api/clusters/{clusterId}/years/{year}/documents/minutes.pdf", produces = "application/pdf")
    public ResponseEntity<byte[]> minutes(@PathVariable String clusterId, @PathVariable int year,
                                          @RequestParam(required = false) Long treeSize, Locale locale) {
        return document(DocumentKind.MINUTES, clusterId, year, null, treeSize, locale, "bien-ban");
    }

    @GetMapping(value = "/api/clusters/{clusterId}/years/{year}/documents/proposal.pdf", produces = "application/pdf")
    public ResponseEntity<byte[]> proposal(@PathVariable String clusterId, @PathVariable int year,
                                           @RequestParam(required = false) Long treeSize, Locale locale) {
        return document(DocumentKind.PROPOSAL, clusterId, year, null, treeSize, locale, "to-trinh");
    }

    @GetMapping(value = "/api/units/{unitId}/years/{year}/certificate.pdf", produces = "application/pdf")
    public ResponseEntity<byte[]> certificate(@PathVariable String unitId, @PathVariable int year,
                                              @RequestParam(required = false) Long treeSize, Locale locale) {
        requireOwnUnitIfOfficer(unitId);
        String clusterId = unitRecords.record(unitId, null).years().stream()
                .filter(y -> y.year() == year && y.unitId().equals(unitId)).map(UnitRecordController.YearView::clusterId)
                .findFirst().orElseThrow(() -> Problem.YEAR_NOT_FOUND.raise(unitId, year));
        return document(DocumentKind.CERTIFICATE, clusterId, year, unitId, treeSize, locale, "giay-xac-nhan");
    }

    /** The page a document's QR code opens: public, like the checkpoint it checks against. */
    @GetMapping(value = "/api/documents/verification")
    public DocumentVerification.Result verification(@RequestParam String kind, @RequestParam String cluster,
                                                    @RequestParam int year, @RequestParam long treeSize,
                                                    @RequestParam(required = false) String unit) {
        return verification.verify(kindOf(kind), cluster, year, unit, treeSize);
    }

    private ResponseEntity<byte[]> document(DocumentKind kind, String clusterId, int year, String unitId,
                                            Long treeSize, Locale locale, String fileName) {
        requireOwnClusterIfSecretariat(clusterId);
        SealedLedger.SignedCheckpoint checkpoint = records.checkpoint(treeSize);
        YearRecord record = records.record(clusterId, year, checkpoint);
        String verifyUrl = verifyUrl(kind, clusterId, year, unitId, checkpoint.treeSize());
        byte[] pdf = renderer.render(kind, record, unitId, locale, verifyUrl);
        String name = fileName + "-" + (unitId == null ? clusterId : unitId) + "-" + year + ".pdf";
        return ResponseEntity.ok().contentType(PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + "\"")
                .body(pdf);
    }

    String verifyUrl(DocumentKind kind, String clusterId, int year, String unitId, long treeSize) {
        UriComponentsBuilder url = UriComponentsBuilder.fromUriString(publicUrl).path("/documents/verify.html")
                .queryParam("kind", kind.slug()).queryParam("cluster", clusterId).queryParam("year", year)
                .queryParam("treeSize", treeSize);
        if (unitId != null) {
            url.queryParam("unit", unitId);
        }
        return url.build().toUriString();
    }

    private static DocumentKind kindOf(String kind) {
        for (DocumentKind known : DocumentKind.values()) {
            if (known.slug().equals(kind)) {
                return known;
            }
        }
        throw Problem.DOCUMENT_NOT_FOUND.raise(kind);
    }

    private void requireOwnClusterIfSecretariat(String clusterId) {
        Actor actor = actors.current().orElse(null);
        if (actor != null && actor.role() == Role.SECRETARIAT && !clusterId.equals(actor.clusterId())) {
            throw Problem.NOT_YOUR_CLUSTER.raise(clusterId);
        }
    }

    private void requireOwnUnitIfOfficer(String unitId) {
        Actor actor = actors.current().orElse(null);
        if (actor != null && actor.role() == Role.UNIT_OFFICER && !unitId.equals(actor.unitId())) {
            throw Problem.NOT_YOUR_UNIT.raise();
        }
    }
}
