package vn.thidua.query.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.thidua.query.narration.Text;
import vn.thidua.query.projection.ReadGate;
import vn.thidua.events.time.ActDate;
import vn.thidua.ledger.StoredTimestamp;
import vn.thidua.query.web.Page;
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
            Instant recordedAt = StoredTimestamp.parse(at);
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

    /**
     * In the order the acts took place: by their day, then as they were recorded. With {@code limit} (at most 1,000),
     * a page of the lines after the first {@code after}, and a {@code Link: <...>; rel="next"} header while more
     * follow (a back-dated act entered meanwhile moves later lines down by one).
     */
    @Operation(summary = "Diễn biến trong năm · The year in events, in words")
    @Problems({Problem.YEAR_NOT_FOUND, Problem.NOT_YOUR_CLUSTER})
    @GetMapping("/api/clusters/{clusterId}/years/{year}/timeline")
    public ResponseEntity<List<Line>> timeline(@PathVariable String clusterId, @PathVariable int year,
                                               @RequestParam(required = false) Long minPosition,
                                               @RequestParam(defaultValue = "0") @Min(0) long after,
                                               @RequestParam(required = false) @Min(1) @Max(Page.MAX_LIMIT)
                                               Integer limit) {
        gate.enter(TimelineProjection.MODEL, minPosition);
        List<Line> lines = jdbc.sql("""
                        select at, occurred_on, event_type, unit_id, actor, text_vi, text_en from timeline_entry
                        where cluster_id = ? and year = ?
                        order by coalesce(occurred_on, cast(cast(at as timestamptz) at time zone 'Asia/Ho_Chi_Minh'
                            as date)), at, event_id
                        offset ? limit ?""")
                .params(clusterId, year, after, Page.fetch(limit))
                .query((row, i) -> Line.of(row.getString(1), row.getObject(2, LocalDate.class), row.getString(3),
                        row.getString(4), row.getString(5), new Text(row.getString(6), row.getString(7))))
                .list();
        if (lines.isEmpty() && (after == 0 || !jdbc.sql("select exists (select 1 from timeline_entry"
                + " where cluster_id = ? and year = ?)").params(clusterId, year).query(Boolean.class).single())) {
            throw Problem.YEAR_NOT_FOUND.raise(clusterId, year);
        }
        List<Line> page = Page.of(lines, limit);
        return Page.answer(page, lines.size(), limit, () -> after + page.size());
    }
}
