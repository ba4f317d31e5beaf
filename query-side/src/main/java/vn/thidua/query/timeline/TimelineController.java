package vn.thidua.query.timeline;

import java.time.Instant;
import java.time.LocalDate;
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
import vn.thidua.events.time.ActDate;
import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;

@RestController
@Tag(name = "emulation year")
public class TimelineController {

    /**
     * One line of the timeline: when it was recorded ({@code at}), the day the act took place ({@code occurredOn})
     * and whether that day is before the day it was recorded ({@code backdated}).
     */
    public record Line(String at, LocalDate occurredOn, boolean backdated, String type, String unitId, String actor,
                       Text text) {

        static Line of(String at, LocalDate backdatedDay, String type, String unitId, String actor, Text text) {
            Instant recordedAt = Instant.parse(at);
            LocalDate day = ActDate.of(backdatedDay, recordedAt);
            return new Line(at, day, ActDate.isBackdated(day, recordedAt), type, unitId, actor, text);
        }
    }

    private final JdbcClient jdbc;
    private final ReadGate gate;

    public TimelineController(JdbcClient jdbc, ReadGate gate) {
        this.jdbc = jdbc;
        this.gate = gate;
    }

    /** In the order the acts took place: by their day, then as they were recorded. */
    @Operation(summary = "Diễn biến trong năm · The year in events, in words")
    @Problems({Problem.YEAR_NOT_FOUND, Problem.NOT_YOUR_CLUSTER})
    @GetMapping("/api/clusters/{clusterId}/years/{year}/timeline")
    public List<Line> timeline(@PathVariable String clusterId, @PathVariable int year,
                               @RequestParam(required = false) Long minPosition) {
        gate.enter(TimelineProjection.MODEL, minPosition);
        List<Line> lines = jdbc.sql("""
                        select at, occurred_on, event_type, unit_id, actor, text_vi, text_en from timeline_entry
                        where cluster_id = ? and year = ?
                        order by coalesce(occurred_on, cast(cast(at as timestamptz) at time zone 'Asia/Ho_Chi_Minh'
                            as date)), at, event_id""")
                .params(clusterId, year)
                .query((row, i) -> Line.of(row.getString(1), row.getObject(2, LocalDate.class), row.getString(3),
                        row.getString(4), row.getString(5), new Text(row.getString(6), row.getString(7))))
                .list();
        if (lines.isEmpty()) {
            throw Problem.YEAR_NOT_FOUND.raise(clusterId, year);
        }
        return lines;
    }
}
