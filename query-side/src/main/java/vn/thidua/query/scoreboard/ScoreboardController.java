package vn.thidua.query.scoreboard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/clusters/{clusterId}/years/{year}")
public class ScoreboardController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ScoreboardQueries queries;
    private final ScoreboardStream stream;

    public ScoreboardController(ScoreboardQueries queries, ScoreboardStream stream) {
        this.queries = queries;
        this.stream = stream;
    }

    /** Now, or as it stood at {@code asOf} (ISO-8601 instant). */
    @GetMapping("/scoreboard")
    public ScoreboardView scoreboard(@PathVariable String clusterId, @PathVariable int year,
                                     @RequestParam(required = false) Instant asOf,
                                     @RequestParam(required = false) Long minVersion) {
        return asOf == null ? queries.live(clusterId, year, minVersion) : queries.asOf(clusterId, year, asOf);
    }

    @GetMapping(value = "/scoreboard.csv", produces = "text/csv")
    public ResponseEntity<byte[]> csv(@PathVariable String clusterId, @PathVariable int year,
                                      @RequestParam(required = false) Long minVersion) {
        String csv = ScoreboardCsv.write(queries.live(clusterId, year, minVersion));
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"scoreboard-" + clusterId + "-" + year + ".csv\"")
                .body(csv.getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping(value = "/scoreboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable String clusterId, @PathVariable int year) {
        return stream.subscribe(clusterId, year);
    }
}
