package vn.thidua.query.documents;

import vn.thidua.events.year.DocumentKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.platform.security.Actors;
import vn.thidua.query.ledger.SealedLedger;
import vn.thidua.query.security.ClusterScope;
import vn.thidua.query.unitrecord.UnitRecordController;
import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;
import vn.thidua.query.web.RequestLanguage;

/**
 * The documents a secretariat hands in, made from the ledger at a checkpoint ({@code ?treeSize=}, the latest by
 * default), Vietnamese or English by {@code Accept-Language}, each with a QR code of its verification page.
 */
@RestController
@Tag(name = "documents")
public class DocumentController {

    private static final MediaType PDF = MediaType.APPLICATION_PDF;

    /** What the command side asks to print before it issues: the document as issued, at a checkpoint. */
    public record PrintRequest(@NotNull DocumentKind kind, String unitId, @NotNull @Min(1) Integer number,
                               @NotBlank String symbol, @NotNull LocalDate occurredOn, @NotBlank String place,
                               @NotNull Long treeSize) {
    }

    private final YearRecords records;
    private final DocumentRegister register;
    private final DocumentRenderer renderer;
    private final DocumentVerification verification;
    private final UnitRecordController unitRecords;
    private final Actors actors;
    private final ClusterScope clusterScope;
    private final String publicUrl;

    public DocumentController(YearRecords records, DocumentRegister register, DocumentRenderer renderer, DocumentVerification verification,
                              UnitRecordController unitRecords, Actors actors, ClusterScope clusterScope,
                              @Value("${thidua.public-url}") String publicUrl) {
        this.records = records;
        this.register = register;
        this.renderer = renderer;
        this.verification = verification;
        this.unitRecords = unitRecords;
        this.actors = actors;
        this.clusterScope = clusterScope;
        this.publicUrl = publicUrl;
    }

    @Operation(summary = "Biên bản hội nghị tổng kết (PDF) · Minutes of the year-end review (PDF)")
    @Problems({Problem.YEAR_NOT_FOUND, Problem.NOT_YOUR_CLUSTER, Problem.TREE_SIZE_INVALID, Problem.LEDGER_NOT_STARTED, Problem.DOCUMENT_FONT_MISSING})
    @GetMapping(value = "/api/clusters/{clusterId}/years/{year}/documents/minutes.pdf", produces = "application/pdf")
    public ResponseEntity<byte[]> minutes(@PathVariable String clusterId, @PathVariable int year,
                                          @RequestParam(required = false) Long treeSize,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return document(DocumentKind.MINUTES, clusterId, year, null, treeSize, language, "bien-ban");
    }

    @Operation(summary = "Tờ trình đề nghị khen thưởng (PDF) · Award proposal to the council (PDF)")
    @Problems({Problem.YEAR_NOT_FOUND, Problem.NOT_YOUR_CLUSTER, Problem.TREE_SIZE_INVALID, Problem.LEDGER_NOT_STARTED, Problem.DOCUMENT_FONT_MISSING})
    @GetMapping(value = "/api/clusters/{clusterId}/years/{year}/documents/proposal.pdf", produces = "application/pdf")
    public ResponseEntity<byte[]> proposal(@PathVariable String clusterId, @PathVariable int year,
                                           @RequestParam(required = false) Long treeSize,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return document(DocumentKind.PROPOSAL, clusterId, year, null, treeSize, language, "to-trinh");
    }

    @Operation(summary = "Giấy xác nhận kết quả của đơn vị (PDF) · A unit's certificate of result (PDF)")
    @Problems({Problem.UNIT_NOT_FOUND, Problem.YEAR_NOT_FOUND, Problem.NOT_YOUR_UNIT, Problem.NOT_YOUR_CLUSTER, Problem.TREE_SIZE_INVALID, Problem.LEDGER_NOT_STARTED, Problem.DOCUMENT_FONT_MISSING})
    @GetMapping(value = "/api/units/{unitId}/years/{year}/certificate.pdf", produces = "application/pdf")
    public ResponseEntity<byte[]> certificate(@PathVariable String unitId, @PathVariable int year,
                                              @RequestParam(required = false) Long treeSize,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        requireOwnUnitIfOfficer(unitId);
        String clusterId = unitRecords.record(unitId, null).years().stream()
                .filter(y -> y.year() == year && y.unitId().equals(unitId))
                .min(java.util.Comparator.comparing(y -> y.participationEnded() != null))
                .map(UnitRecordController.YearView::clusterId).orElseThrow(() -> Problem.YEAR_NOT_FOUND.raise(unitId, year));
        return document(DocumentKind.CERTIFICATE, clusterId, year, unitId, treeSize, language, "giay-xac-nhan");
    }

    @Operation(summary = "Sổ đăng ký văn bản đã ban hành của năm · The register of the year's issued documents")
    @Problems({Problem.NOT_YOUR_CLUSTER})
    @GetMapping("/api/clusters/{clusterId}/years/{year}/documents")
    public List<DocumentRegister.Entry> issued(@PathVariable String clusterId, @PathVariable int year) {
        clusterScope.require(clusterId);
        return register.of(clusterId, year);
    }

    /**
     * The document as it is to be issued, printed for the command side that issues it (acting for the issuer): with
     * its number, day and place, without the draft mark. It is issued only once the command side has recorded it.
     */
    @Operation(summary = "In văn bản để ban hành · Print a document to issue")
    @Problems({Problem.YEAR_NOT_FOUND, Problem.UNIT_NOT_FOUND, Problem.NOT_YOUR_CLUSTER, Problem.TREE_SIZE_INVALID,
            Problem.CERTIFICATE_UNIT_MISSING, Problem.DOCUMENT_FONT_MISSING})
    @PostMapping(value = "/api/clusters/{clusterId}/years/{year}/documents/print", produces = "application/pdf")
    public ResponseEntity<byte[]> print(@PathVariable String clusterId, @PathVariable int year,
                                        @Valid @RequestBody PrintRequest request) {
        clusterScope.require(clusterId);
        String unitId = request.kind() == DocumentKind.CERTIFICATE ? request.unitId() : null;
        if (request.kind() == DocumentKind.CERTIFICATE && (unitId == null || unitId.isBlank())) {
            throw Problem.CERTIFICATE_UNIT_MISSING.raise();
        }
        SealedLedger.SignedCheckpoint checkpoint = records.checkpoint(request.treeSize());
        YearRecord record = records.record(clusterId, year, checkpoint);
        byte[] pdf = renderer.render(request.kind(), record, unitId, RequestLanguage.of("vi"),
                verifyUrl(request.kind(), clusterId, year, unitId, checkpoint.treeSize()),
                new IssuedAs(request.number(), request.symbol(), request.occurredOn(), request.place()));
        return ResponseEntity.ok().contentType(PDF).body(pdf);
    }

    /**
     * The page a document's QR code opens: public, like the checkpoint it checks against, and telling the holder of
     * the paper no more than the paper; the cluster's record keepers see the acts in words and all recorded since.
     */
    @Operation(summary = "Kiểm tra một văn bản với sổ cái · Check a document against the ledger")
    @Problems({Problem.DOCUMENT_NOT_FOUND, Problem.CERTIFICATE_UNIT_MISSING, Problem.TREE_SIZE_INVALID})
    @GetMapping(value = "/api/documents/verification")
    public DocumentVerification.Result verification(@RequestParam String kind, @RequestParam String cluster,
                                                    @RequestParam int year, @RequestParam long treeSize,
                                                    @RequestParam(required = false) String unit) {
        return verification.verify(kindOf(kind), cluster, year, unit, treeSize,
                clusterScope.keepsTheRecordOf(cluster) ? DocumentVerification.Scope.WHOLE_RECORD
                        : DocumentVerification.Scope.WHAT_THE_PAPER_PRINTS);
    }

    /**
     * The issued document's bytes as kept, the same every time, when it was issued and no other checkpoint is asked
     * for; otherwise a draft printed at the checkpoint, marked so on every page.
     */
    private ResponseEntity<byte[]> document(DocumentKind kind, String clusterId, int year, String unitId,
                                            Long treeSize, String language, String fileName) {
        clusterScope.require(clusterId);
        String name = fileName + "-" + (unitId == null ? clusterId : unitId) + "-" + year;
        DocumentRegister.Entry issued = treeSize == null ? register.find(clusterId, year, kind, unitId).orElse(null)
                : null;
        if (issued != null) {
            byte[] pdf = register.pdf(issued).orElseThrow(() -> Problem.DOCUMENT_NOT_FOUND.raise(kind.slug()));
            return ResponseEntity.ok().contentType(PDF).eTag("\"" + issued.sha256() + "\"")
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + "-so-"
                            + issued.number() + ".pdf\"")
                    .body(pdf);
        }
        SealedLedger.SignedCheckpoint checkpoint = records.checkpoint(treeSize);
        YearRecord record = records.record(clusterId, year, checkpoint);
        String verifyUrl = verifyUrl(kind, clusterId, year, unitId, checkpoint.treeSize());
        byte[] pdf = renderer.render(kind, record, unitId, RequestLanguage.of(language), verifyUrl, null);
        return ResponseEntity.ok().contentType(PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + "-du-thao.pdf\"")
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

    private void requireOwnUnitIfOfficer(String unitId) {
        Actor actor = actors.current().orElse(null);
        if (actor != null && actor.role() == Role.UNIT_OFFICER && !unitId.equals(actor.unitId())) {
            throw Problem.NOT_YOUR_UNIT.raise();
        }
    }
}
