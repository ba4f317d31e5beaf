package vn.thidua.command.documents;

import java.net.URI;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.thidua.command.cluster.ClusterYears;
import vn.thidua.command.evidence.KeptFiles;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.security.Access;
import vn.thidua.command.web.CommandDispatcher;
import vn.thidua.command.web.Recorded;
import vn.thidua.command.web.Refusals;
import vn.thidua.command.web.RequestRefusal;
import vn.thidua.command.web.Slug;
import vn.thidua.command.year.YearCommands.IssueDocument;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.DocumentKind;

/**
 * Issuing a document (ban hành): the minutes of the year-end review, the award proposal or a unit's certificate,
 * printed once from a ledger checkpoint that seals the whole year, kept with the record by the SHA-256 of its bytes,
 * and recorded as {@code DocumentIssued}. From then on the query side serves those bytes, never a reprint.
 */
@RestController
@Tag(name = "documents")
public class DocumentIssuing {

    /** The issue as recorded, with the command's version and position. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Issued(String clusterId, int year, String decisionId, DocumentKind kind, String unitId, int number,
                         String symbol, String numberAndSymbol, LocalDate occurredOn, String place, String sha256,
                         long treeSize, long version, Long position) {
    }

    private final IssuedDocuments documents;
    private final ClusterYears years;
    private final DocumentPrinter printer;
    private final KeptFiles files;
    private final CommandDispatcher commands;
    private final Access access;

    public DocumentIssuing(IssuedDocuments documents, ClusterYears years, DocumentPrinter printer, KeptFiles files,
                           CommandDispatcher commands, Access access) {
        this.documents = documents;
        this.years = years;
        this.printer = printer;
        this.files = files;
        this.commands = commands;
        this.access = access;
    }

    @Operation(summary = "Ban hành văn bản · Issue a document",
            description = "Hội đồng hoặc thư ký cụm ban hành biên bản, tờ trình hoặc giấy xác nhận với số, ký hiệu, ngày"
                    + " và nơi ký; bản PDF được in một lần từ checkpoint của sổ cái và lưu theo SHA-256"
                    + " (DocumentIssued) · The council or the cluster's secretariat issues the minutes, the proposal"
                    + " or a certificate with its number, symbol, day and place; the PDF is printed once from a ledger"
                    + " checkpoint and kept by its SHA-256.")
    @Refusals(value = {Rule.YEAR_NOT_FOUND, Rule.RANKING_NOT_FINALIZED, Rule.NOT_A_MEMBER, Rule.NOT_A_PARTICIPANT, Rule.PARTICIPATION_ENDED,
            Rule.DOCUMENT_ALREADY_ISSUED, Rule.DOCUMENT_NUMBER_TAKEN, Rule.OCCURRED_IN_FUTURE,
            Rule.OCCURRED_BEFORE_OPENING}, requests = {RequestRefusal.NOT_YOUR_CLUSTER,
            RequestRefusal.LEDGER_BEHIND, RequestRefusal.DOCUMENT_PRINTER_UNAVAILABLE})
    @PostMapping("/api/clusters/{clusterId}/years/{year}/documents")
    public ResponseEntity<Issued> issue(@PathVariable @Slug String clusterId,
                                        @PathVariable @Min(2000) @Max(2100) int year,
                                        @Valid @RequestBody IssueRequest request,
                                        @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
                                        String authorization) throws InterruptedException {
        access.requireCouncilOrSecretariatOf(clusterId);
        if (request.kind() == DocumentKind.CERTIFICATE && request.unitId() == null) {
            throw RequestRefusal.CERTIFICATE_UNIT_MISSING.refuse();
        }
        if (!years.opened(clusterId, year)) {
            throw Rule.YEAR_NOT_FOUND.refuse(clusterId, year);
        }
        long treeSize = documents.checkpointSealing(clusterId, year)
                .orElseThrow(RequestRefusal.LEDGER_BEHIND::refuse);
        byte[] pdf = printer.print(clusterId, year, request, treeSize, authorization);
        String sha256 = files.keep(pdf, "application/pdf").sha256();
        String unitId = request.kind() == DocumentKind.CERTIFICATE ? request.unitId() : null;
        Recorded recorded = commands.send(new IssueDocument(clusterId, year, commands.newDecisionId(),
                request.kind(), unitId, request.number(), request.symbol(), request.place().strip(), sha256,
                treeSize), Rule.YEAR_NOT_FOUND.refuse(clusterId, year));
        DocumentIssued issued = documents.recorded(clusterId, year, recorded.version());
        return ResponseEntity.created(URI.create("/api/clusters/" + clusterId + "/years/" + year + "/documents"))
                .body(new Issued(clusterId, year, issued.decisionId(), issued.kind(), issued.unitId(),
                        issued.number(), issued.symbol(), issued.numberAndSymbol(), request.occurredOn(),
                        issued.place(), issued.sha256(), issued.treeSize(), recorded.version(),
                        recorded.position()));
    }
}
