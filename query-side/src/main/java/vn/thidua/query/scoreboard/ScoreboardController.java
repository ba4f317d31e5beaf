package vn.thidua.query.scoreboard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

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

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ScoreboardQueries queries;
    private final ScoreboardStream stream;

    public ScoreboardController(ScoreboardQueries queries, ScoreboardStream stream) {
        this.queries = queries;
        this.stream = stream;
    }

    /**
     * Now, or as it stood at {@code asOf} (ISO-8601 instant). An {@code asOf} answer is folded from the event store
     * itself, so it reflects any {@code minPosition} a client already holds. The live scoreboard carries an entity tag: a dashboard
     * that polls with {@code If-None-Match} gets 304 and no body until the scoreboard changes.
     */
    @Operation(summary = "Bảng xếp hạng của năm · The year's scoreboard")
    @Problems({Problem.YEAR_NOT_FOUND})
    @GetMapping("/scoreboard")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScoreboardView.class)))
    public ResponseEntity<?> scoreboard(@PathVariable String clusterId, @PathVariable int year,
                                        @RequestParam(required = false) Instant asOf,
                                        @RequestParam(required = false) Long minPosition, WebRequest request) {
        if (asOf != null) {
            return ResponseEntity.ok(queries.asOf(clusterId, year, asOf));
        }
        ScoreboardQueries.Answer answer = queries.live(clusterId, year, minPosition);
        if (request.checkNotModified(answer.etag())) {
            return null;
        }
        return ResponseEntity.ok().eTag(answer.etag()).contentType(MediaType.APPLICATION_JSON).body(answer.json());
    }

    @Operation(summary = "Bảng xếp hạng dạng CSV · The scoreboard as CSV")
    @Problems({Problem.YEAR_NOT_FOUND})
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

    @Operation(summary = "Bảng xếp hạng trực tiếp (SSE) · The live scoreboard (server-sent events)")
    @Problems({Problem.YEAR_NOT_FOUND})
    @GetMapping(value = "/scoreboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable String clusterId, @PathVariable int year) {
        return stream.subscribe(clusterId, year);
    }
}
