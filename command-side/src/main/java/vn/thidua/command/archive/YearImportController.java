package vn.thidua.command.archive;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.thidua.command.idempotency.RequestBodyCaching;
import vn.thidua.command.rules.Refusal;
import vn.thidua.command.security.Access;
import vn.thidua.command.web.Refusals;
import vn.thidua.command.web.RequestMetadata;
import vn.thidua.command.web.RequestRefusal;
import vn.thidua.command.web.Slug;
import vn.thidua.platform.web.ProblemDetails;

/**
 * A past year brought in from the workbook the cluster kept (Excel, or LibreOffice's OOXML): the body is the
 * {@code .xlsx}; {@code ?dryRun=true} judges every row and records nothing; without it every act is recorded or,
 * if any row is refused, none (409 with the refusals). The empty template is {@code GET /api/import/template.xlsx}.
 */
@RestController
@Tag(name = "emulation year")
public class YearImportController {

    public static final String PATH_END = "/import";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** A dry run's answer, or a real one's that recorded every act. */
    public record ImportAnswer(String clusterId, int year, boolean dryRun, int acts,
                               List<YearWorkbook.RowRefusal> refusals, Long position) {
    }

    private final YearImport imports;
    private final Access access;

    public YearImportController(YearImport imports, Access access) {
        this.imports = imports;
        this.access = access;
    }

    @Operation(summary = "Nhập một năm từ bảng tính · Import a year from its workbook",
            description = "Nội dung là tệp .xlsx theo mẫu (GET /api/import/template.xlsx), mỗi trang tính một loại"
                    + " việc, mỗi dòng một việc với ngày diễn ra. dryRun=true: kiểm tra từng dòng, không ghi gì."
                    + " Không có dryRun: ghi tất cả, hoặc không ghi gì nếu có dòng bị từ chối (409) · The body is"
                    + " the .xlsx of the template, a sheet per kind of act, a row per act with its day. dryRun=true"
                    + " judges every row and records nothing; without it all acts are recorded, or none if any row"
                    + " is refused (409 with the refusals).")
    @Refusals(requests = {RequestRefusal.NOT_YOUR_CLUSTER, RequestRefusal.IF_MATCH_NOT_APPLICABLE,
            RequestRefusal.WORKBOOK_TOO_LARGE, RequestRefusal.IMPORT_REFUSED})
    @PostMapping(value = "/api/clusters/{clusterId}/years/{year}" + PATH_END, consumes = MediaType.ALL_VALUE)
    public ResponseEntity<?> importYear(@PathVariable @Slug String clusterId,
                                        @PathVariable @Min(2000) @Max(2100) int year,
                                        @RequestParam(defaultValue = "false") boolean dryRun,
                                        HttpServletRequest request, Locale locale) throws IOException {
        access.requireCouncilOrSecretariatOf(clusterId);
        if (request.getHeader(HttpHeaders.IF_MATCH) != null) {
            // A workbook's acts concern the year and its cluster, at versions no client saw.
            throw RequestRefusal.IF_MATCH_NOT_APPLICABLE.refuse();
        }
        byte[] workbook = RequestBodyCaching.file(request, RequestRefusal.WORKBOOK_TOO_LARGE::refuse);
        request.setAttribute(RequestMetadata.MANY_COMMANDS, true);
        YearImport.Outcome outcome = imports.run(clusterId, year, workbook, dryRun);
        if (dryRun || outcome.accepted()) {
            return ResponseEntity.ok(new ImportAnswer(clusterId, year, dryRun, outcome.acts(), outcome.refusals(),
                    outcome.position()));
        }
        Refusal refused = RequestRefusal.IMPORT_REFUSED.refuse(outcome.refusals().size()).refusal();
        ProblemDetail problem = ProblemDetails.of(HttpStatus.CONFLICT, refused.code(),
                "vi".equals(locale.getLanguage()) ? refused.vietnamese() : refused.english());
        problem.setProperty("messages", Map.of("vi", refused.vietnamese(), "en", refused.english()));
        problem.setProperty("acts", outcome.acts());
        problem.setProperty("refusals", outcome.refusals());
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Operation(summary = "Mẫu bảng tính để nhập một năm · The workbook template to import a year")
    @ApiResponses({@ApiResponse(responseCode = "200", description = "the template workbook"),
            @ApiResponse(responseCode = "401", description = "not signed in",
                    content = @Content(mediaType = "application/problem+json")),
            @ApiResponse(responseCode = "403", description = "not the council nor a secretariat",
                    content = @Content(mediaType = "application/problem+json"))})
    @GetMapping(value = "/api/import/template.xlsx", produces = XLSX)
    public ResponseEntity<byte[]> template() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mau-nhap-nam-thi-dua.xlsx\"")
                .body(YearWorkbook.template());
    }
}
