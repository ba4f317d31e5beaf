package vn.thidua.query.unitrecord;

import vn.thidua.events.year.ParticipationEnded;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.thidua.events.leadership.Office;
import vn.thidua.events.year.Award;
import vn.thidua.query.projection.ReadGate;
import vn.thidua.query.projection.DocumentStore;
import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;

/** A unit's record, with the years of the units merged into it: the successor keeps its predecessors' history. */
@RestController
@Tag(name = "clusters")
public class UnitRecordController {

    /**
     * One year in one cluster; a unit that moved during a year has that year in both clusters, the one it left
     * saying why it stopped taking part there ({@code participationEnded}).
     */
    public record YearView(String unitId, String clusterId, int year, Integer rank, BigDecimal finalScore,
                           Award award, Office office, ParticipationEnded.Cause participationEnded) {
    }

    /**
     * A stay in one cluster: joined on {@code from} by a decision of type {@code joinedBy} (coming from
     * {@code fromClusterId} in a transfer or a merger of clusters), left on {@code until} by {@code leftBy} (for
     * {@code toClusterId}); {@code until} is absent while the unit is a member. Days are the acts' days.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MembershipView(String clusterId, LocalDate from, String joinedBy, String fromClusterId,
                                 LocalDate until, String leftBy, String toClusterId) {
    }

    /** {@code clusters}: the unit's own stays, in the order they began (its predecessors' are in their records). */
    public record RecordView(String unitId, String name, List<YearView> years, List<String> predecessors,
                             String successor, List<MembershipView> clusters) {
    }

    private final DocumentStore documents;
    private final ReadGate gate;

    public UnitRecordController(DocumentStore documents, ReadGate gate) {
        this.documents = documents;
        this.gate = gate;
    }

    @Operation(summary = "Hồ sơ đơn vị qua các năm · A unit's record across years and mergers")
    @Problems({Problem.UNIT_NOT_FOUND})
    @GetMapping("/api/units/{unitId}/record")
    public RecordView record(@PathVariable String unitId, @RequestParam(required = false) Long minPosition) {
        gate.enter(UnitRecordProjection.MODEL, minPosition);
        UnitRecord unit = load(unitId);
        if (unit == null) {
            throw Problem.UNIT_NOT_FOUND.raise(unitId);
        }
        List<YearView> years = new ArrayList<>();
        collectLineage(unit, years, new HashSet<>());
        years.sort(Comparator.comparingInt(YearView::year).thenComparing(YearView::clusterId)
                .thenComparing(YearView::unitId));
        return new RecordView(unit.unitId, unit.name, years, unit.predecessors, unit.successor,
                unit.clusters.stream().map(stay -> new MembershipView(stay.clusterId, stay.from, stay.joinedBy,
                        stay.fromClusterId, stay.until, stay.leftBy, stay.toClusterId)).toList());
    }

    private void collectLineage(UnitRecord unit, List<YearView> years, Set<String> visited) {
        if (!visited.add(unit.unitId)) {
            return;
        }
        unit.years.forEach(y -> years.add(new YearView(unit.unitId, y.clusterId, y.year, y.rank, y.finalScore,
                y.award, y.office, y.participationEnded)));
        for (String predecessor : unit.predecessors) {
            UnitRecord earlier = load(predecessor);
            if (earlier != null) {
                collectLineage(earlier, years, visited);
            }
        }
    }

    private UnitRecord load(String unitId) {
        return documents.load(UnitRecordProjection.MODEL, UnitRecordProjection.unitKey(unitId), UnitRecord.class)
                .map(DocumentStore.Stored::state).orElse(null);
    }
}
