package vn.thidua.query.scoreboard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import vn.thidua.query.web.RequestLanguage;

@RestController
@Tag(name = "emulation year")
@RequestMapping("/api/clusters/{clusterId}/years/{year}")
public class ScoreboardController {

    /** An Accept-Encoding weight of zero: "not acceptable". */
    private static final Pattern REFUSED = Pattern.compile("q\\s*=\\s*0(\\.0{0,3})?");
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ScoreboardQueries queries;
    private final ScoreboardStream stream;

    public ScoreboardController(ScoreboardQueries queries, ScoreboardStream stream) {
        this.queries = queries;
        this.stream = stream;
    }

    /**
     * Now, or as it stood: as recorded at {@code asOf} (ISO-8601 instant), or on the day {@code asOfDate}
     * ({@code YYYY-MM-DD}: the acts that took place by then, including those entered later), or both. Such an answer
     * is folded from the event store itself, so it reflects any {@code minPosition} a client already holds. The live
     * scoreboard carries an entity tag: a dashboard that polls with {@code If-None-Match} gets 304 and no body until the
     * scoreboard changes; a client that accepts gzip gets the answer compressed once per change.
     */
    @Operation(summary = "Bảng xếp hạng của năm · The year's scoreboard")
    @Problems({Problem.YEAR_NOT_FOUND})
    @GetMapping("/scoreboard")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScoreboardView.class)))
    public ResponseEntity<?> scoreboard(@PathVariable String clusterId, @PathVariable int year,
                                        @RequestParam(required = false) Instant asOf,
                                        @RequestParam(required = false) LocalDate asOfDate,
                                        @RequestParam(required = false) Long minPosition, WebRequest request) {
        if (asOf != null || asOfDate != null) {
            return ResponseEntity.ok(queries.asOf(clusterId, year, asOf, asOfDate));
        }
        ScoreboardQueries.Answer answer = queries.live(clusterId, year, minPosition);
        boolean gzipped = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzipped ? answer.gzippedEtag() : answer.etag();
        if (request.checkNotModified(etag)) {
            return null;
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(etag).contentType(MediaType.APPLICATION_JSON)
                .varyBy(HttpHeaders.ACCEPT_ENCODING);
        return gzipped ? ok.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(answer.gzippedJson())
                : ok.body(answer.json());
    }

    /** Whether the client takes gzip: named in Accept-Encoding without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < parts.length; i++) {
                    if (REFUSED.matcher(parts[i].trim()).matches()) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    @Operation(summary = "Bảng xếp hạng dạng CSV · The scoreboard as CSV")
    @Problems({Problem.YEAR_NOT_FOUND, Problem.NOT_YOUR_CLUSTER})
    @GetMapping(value = "/scoreboard.csv", produces = "text/csv")
    public ResponseEntity<byte[]> csv(@PathVariable String clusterId, @PathVariable int year,
                                      @RequestParam(required = false) Long minPosition,
                                      @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                      String language) {
        String csv = ScoreboardCsv.write(queries.live(clusterId, year, minPosition).view(),
                RequestLanguage.of(language));
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"scoreboard-" + clusterId + "-" + year + ".csv\"")
                .body(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Operation(summary = "Bảng xếp hạng dạng Excel (xlsx), từng tiêu chí tự chấm và thẩm định · The scoreboard as an"
            + " Excel workbook, each criterion self-scored and assessed")
    @Problems({Problem.YEAR_NOT_FOUND, Problem.NOT_YOUR_CLUSTER})
    @GetMapping(value = "/scoreboard.xlsx", produces = ScoreboardXlsx.MEDIA_TYPE)
    public ResponseEntity<byte[]> xlsx(@PathVariable String clusterId, @PathVariable int year,
                                       @RequestParam(required = false) Long minPosition,
                                       @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                       String language) {
        Scoreboard board = queries.board(clusterId, year, minPosition);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(ScoreboardXlsx.MEDIA_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"scoreboard-" + clusterId + "-" + year + ".xlsx\"")
                .body(ScoreboardXlsx.write(board, ScoreboardView.of(board, board.changedAt),
                        RequestLanguage.of(language)));
    }

    @Operation(summary = "Bảng xếp hạng trực tiếp (SSE) · The live scoreboard (server-sent events)")
    @Problems({Problem.YEAR_NOT_FOUND, Problem.TOO_MANY_STREAMS})
    @GetMapping(value = "/scoreboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable String clusterId, @PathVariable int year) {
        return stream.subscribe(clusterId, year);
    }
}
