package vn.thidua.query.timeline;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.thidua.query.narration.Text;
import vn.thidua.query.projection.ReadGate;
import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;

@RestController
@Tag(name = "emulation year")
public class TimelineController {

    /** One line of the timeline. */
    public record Line(String at, String type, String unitId, String actor, Text text) {
    }

    private final JdbcClient jdbc;
    private final ReadGate gate;

    public TimelineController(JdbcClient jdbc, ReadGate gate) {
        this.jdbc = jdbc;
        this.gate = gate;
    }

    @Operation(summary = "Diễn biến trong năm · The year in events, in words")
    @Problems({Problem.YEAR_NOT_FOUND})
    @GetMapping("/api/clusters/{clusterId}/years/{year}/timeline")
    public List<Line> timeline(@PathVariable String clusterId, @PathVariable int year,
                               @RequestParam(required = false) Long minPosition) {
        gate.enter(TimelineProjection.MODEL, minPosition);
        List<Line> lines = jdbc.sql("""
                        select at, event_type, unit_id, actor, text_vi, text_en from timeline_entry
                        where cluster_id = ? and year = ? order by at, event_id""")
                .params(clusterId, year)
                .query((row, i) -> new Line(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        new Text(row.getString(5), row.getString(6))))
                .list();
        if (lines.isEmpty()) {
            throw Problem.YEAR_NOT_FOUND.raise(clusterId, year);
        }
        return lines;
    }
}
