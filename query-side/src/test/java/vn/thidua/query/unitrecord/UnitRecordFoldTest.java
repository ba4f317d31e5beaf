package vn.thidua.query.unitrecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.support.Story;

public class UnitRecordFoldTest {

    /** Every unit's record, and which units each decision touched (for rescissions), as the projection keeps them. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class Records {
        final Map<String, UnitRecord> units = new TreeMap<>();
        final Map<String, List<String>> touchedBy = new TreeMap<>();

        public Records fold(Envelope event) {
            List<String> unitIds = event.payload() instanceof DecisionRescinded rescinded
                    ? touchedBy.getOrDefault(rescinded.rescindedDecisionId(), List.of())
                    : UnitRecordFold.touched(event.payload());
            if (event.payload() instanceof vn.thidua.events.decisions.Decision decision
                    && !(decision instanceof DecisionRescinded) && !unitIds.isEmpty()) {
                touchedBy.put(decision.decisionId(), unitIds);
            }
            unitIds.forEach(unitId -> UnitRecordFold.apply(units.computeIfAbsent(unitId, UnitRecord::new),
                    event.payload()));
            return this;
        }
    }

    /** A unit's record holds ranks, scores, awards, offices and lineage; the rest of a year is the scoreboard's. */
    @Test
    void theFoldHasACaseForEveryEventOfThePublishedFamily() {
        Story.assertEveryEventHasACase(Records::new, Records::fold, List.of(UnitWithdrawn.class,
                EmulationYearOpened.class, PledgeSigned.class, AnnualReportFiled.class, AnnualReportAmended.class,
                ReportAssessed.class, EmulationYearClosed.class));
    }

    @Test
    void aSuccessorKeepsItsPredecessorsAndTheyNameIt() {
        Records records = new Records();
        long sequence = 0;
        for (var event : List.of(Story.FORMED, Story.oneOfEach().get(
                vn.thidua.events.cluster.UnitsMerged.class).event())) {
            records.fold(Story.envelope(event, sequence++));
        }
        assertThat(records.units.get("btc-bac-ninh").predecessors).containsExactly("btc-bac-giang");
        assertThat(records.units.get("btc-bac-giang").successor).isEqualTo("btc-bac-ninh");
    }
}
