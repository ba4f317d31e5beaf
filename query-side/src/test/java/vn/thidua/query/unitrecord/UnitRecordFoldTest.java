package vn.thidua.query.unitrecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.query.projection.Envelope;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.MemberAdmittedDuringYear;
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
                    event));
            return this;
        }
    }

    /** A unit's record holds ranks, scores, awards, offices and lineage; the rest of a year is the scoreboard's. */
    @Test
    void theFoldHasACaseForEveryEventOfThePublishedFamily() {
        Story.assertEveryEventHasACase(Records::new, Records::fold, List.of(ClusterRulesAmended.class,
                ClusterDissolved.class, RotationRosterSet.class, EmulationYearOpened.class, PledgeSigned.class,
                AnnualReportFiled.class, AnnualReportAmended.class, ReportAssessed.class, EmulationYearClosed.class,
                DocumentIssued.class, MemberAdmittedDuringYear.class));
    }

    /** A unit that moves during a year has that year in both clusters; the one it left says why. */
    @Test
    void aTransferDuringTheYearShowsTheYearInBothClusters() {
        Records records = new Records();
        long sequence = 0;
        for (var event : List.of(Story.FORMED, Story.OPENED,
                new vn.thidua.events.year.ParticipationEnded(Story.CLUSTER, Story.YEAR, "btc-hung-yen",
                        vn.thidua.events.year.ParticipationEnded.Cause.TRANSFERRED, null, "cum-3"),
                new vn.thidua.events.year.ParticipationBegan("cum-3", Story.YEAR, new vn.thidua.events.cluster
                        .MemberUnit("btc-hung-yen", "Ban Tổ chức Tỉnh ủy Hưng Yên", "Hưng Yên"),
                        vn.thidua.events.year.ParticipationBegan.Cause.TRANSFERRED_IN, List.of(), Story.CLUSTER))) {
            records.fold(Story.envelope(event, sequence++));
        }
        assertThat(records.units.get("btc-hung-yen").years)
                .extracting(year -> year.clusterId + " " + year.year + " " + year.participationEnded)
                .containsExactly("cum-2 2017 TRANSFERRED", "cum-3 2017 null");
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

    /** A unit moved in the 2025 reorganisation: its record names each cluster, the days and how it joined and left. */
    @Test
    void aUnitsStaysFollowItThroughATransferAndAMergerOfClusters() {
        MemberUnit haNam = new MemberUnit("btc-ha-nam", "Ban Tổ chức Tỉnh ủy Hà Nam", "Hà Nam");
        Records records = new Records();
        records.fold(on(LocalDate.of(2017, 1, 5), new ClusterFormed("cum-3", "d-3", "Cụm thi đua số 3", "Ngành Tổ chức",
                List.of(haNam), ClusterRules.defaults())));
        records.fold(on(LocalDate.of(2025, 7, 1), new UnitTransferredOut("cum-3", "d-out", "btc-ha-nam", "cum-2",
                "Sắp xếp lại cụm")));
        records.fold(on(LocalDate.of(2025, 7, 1), new UnitTransferredIn("cum-2", "d-in", haNam, "cum-3",
                "Sắp xếp lại cụm")));
        records.fold(on(LocalDate.of(2026, 1, 2), new ClustersMerged("cum-1", "d-merge", "cum-2", List.of(haNam),
                "Hợp nhất cụm")));

        List<UnitRecord.Membership> stays = records.units.get("btc-ha-nam").clusters;
        assertThat(stays).extracting(stay -> stay.clusterId + " " + stay.from + " " + stay.joinedBy + " "
                        + stay.fromClusterId + " " + stay.until + " " + stay.leftBy + " " + stay.toClusterId)
                .containsExactly(
                        "cum-3 2017-01-05 ClusterFormed null 2025-07-01 UnitTransferredOut cum-2",
                        "cum-2 2025-07-01 UnitTransferredIn cum-3 2026-01-02 ClustersMerged cum-1",
                        "cum-1 2026-01-02 ClustersMerged cum-2 null null null");
        assertThat(records.units.get("btc-ha-nam").name).isEqualTo("Ban Tổ chức Tỉnh ủy Hà Nam");
    }

    private static Envelope on(LocalDate day, Object payload) {
        return new Envelope(payload, "e-" + payload.hashCode(), "cluster", 0, Instant.parse("2026-11-27T03:00:00Z"),
                day, "hoi-dong", "COUNCIL");
    }
}
