package vn.thidua.benchmarks;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The limit of the query side's request pipeline: the scoreboard's path (so the same security rule, sign-in and
 * filters apply) answering a fixed byte array of the scoreboard's size, with no read model, cache or rendering
 * behind it. Added to the query side by the query benchmark only ({@code ?fixed} selects it).
 */
@RestController
class FixedAnswer {

    /** The bytes to answer: the real scoreboard's JSON, taken once the query side is up. */
    static volatile byte[] body = new byte[0];

    @GetMapping(value = "/api/clusters/{clusterId}/years/{year}/scoreboard", params = "fixed")
    ResponseEntity<byte[]> fixed() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
