package vn.thidua.query.cluster;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vn.thidua.events.ClusterEvent;
import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.FlagCap;
import vn.thidua.events.cluster.HeadSelection;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredOut;

import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.MemberAdmittedDuringYear;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.query.support.Story;

class ClusterDocumentTest {

    /** The cluster page shows members and the head per term; a year's own acts are the scoreboard's. */
    @Test
    void theFoldHasACaseForEveryEventOfThePublishedFamily() {
        Story.assertEveryEventHasACase(ClusterDocument::new, ClusterDocument::apply, List.of(
                EmulationYearOpened.class, PledgeSigned.class, AnnualReportFiled.class, AnnualReportAmended.class,
                ReportAssessed.class, DeputyHeadElected.class, RankingFinalized.class, CommendationProposed.class,
                EmulationYearClosed.class,
                DocumentIssued.class, MemberAdmittedDuringYear.class, ParticipationEnded.class, ParticipationBegan.class));
    }

    @Test
    void theRulesInForceForAYearAreTheLatestAmendmentByThen() {
        ClusterRules oneFlag = new ClusterRules(2, 3, 1, 2, true, 20, HeadSelection.ROTATION, null, FlagCap.count(1));
        ClusterDocument cluster = fold(Story.FORMED,
                new ClusterRulesAmended(Story.CLUSTER, "d-rules", 2019, oneFlag, "BB-03", "Quy chế mới"));
        assertThat(cluster.rulesFor(2018)).isEqualTo(Story.FORMED.rules());
        assertThat(cluster.rulesFor(2019)).isEqualTo(oneFlag);
        assertThat(cluster.rulesFor(2030)).isEqualTo(oneFlag);
        assertThat(cluster.rulesInForce()).extracting(ClusterDocument.RulesInForce::fromYear)
                .containsExactly(null, 2019);
    }

    @Test
    void aMergedClusterNamesItsSuccessorAndTheSuccessorItsPredecessor() {
        MemberUnit bacNinh = Story.FORMED.members().get(2);
        ClusterDocument absorbed = fold(Story.FORMED,
                new UnitTransferredOut(Story.CLUSTER, "d-out", "btc-hung-yen", "cum-3", "Sắp xếp lại"),
                new ClusterDissolved(Story.CLUSTER, "d-end", "cum-1", "Hợp nhất vào cụm số 1"));
        assertThat(absorbed.status).isEqualTo(ClusterDocument.ClusterStatus.DISSOLVED);
        assertThat(absorbed.successor).isEqualTo("cum-1");
        assertThat(absorbed.members).extracting(member -> member.unitId() + " " + member.status() + " "
                + member.toClusterId()).containsExactly("btc-bac-giang TRANSFERRED cum-1",
                "btc-hung-yen TRANSFERRED cum-3", "btc-bac-ninh TRANSFERRED cum-1");

        ClusterDocument absorbing = fold(new ClusterFormed("cum-1", "d-1", "Cụm thi đua số 1", "Ngành Tổ chức",
                        List.of(new MemberUnit("btc-ha-noi", "Ban Tổ chức Thành ủy Hà Nội", "Hà Nội")),
                        ClusterRules.defaults()),
                new ClustersMerged("cum-1", "d-merge", Story.CLUSTER, List.of(bacNinh), "Hợp nhất cụm"));
        assertThat(absorbing.predecessors).containsExactly(Story.CLUSTER);
        assertThat(absorbing.members).extracting(member -> member.unitId() + " " + member.fromClusterId())
                .containsExactly("btc-ha-noi null", "btc-bac-ninh " + Story.CLUSTER);
    }

    @Test
    void theCouncilsRosterKeepsItsOrderAndANewcomerJoinsAtItsEnd() {
        ClusterDocument cluster = fold(Story.FORMED);
        assertThat(cluster.rosterOrder()).containsExactly("btc-bac-giang", "btc-hung-yen", "btc-bac-ninh");
        cluster = fold(Story.FORMED, new RotationRosterSet(Story.CLUSTER, "d-roster", List.of("btc-bac-ninh",
                        "btc-hung-yen", "btc-bac-giang"), "Theo quy chế"),
                new UnitAdmitted(Story.CLUSTER, "d-in", new MemberUnit("btc-ha-nam", "Ban Tổ chức Tỉnh ủy Hà Nam",
                        "Hà Nam"), "Kết nạp"));
        assertThat(cluster.rosterOrder()).containsExactly("btc-bac-ninh", "btc-hung-yen", "btc-bac-giang",
                "btc-ha-nam");
    }

    private static ClusterDocument fold(ClusterEvent... events) {
        ClusterDocument cluster = new ClusterDocument();
        long sequence = 0;
        for (ClusterEvent event : events) {
            cluster = ClusterDocument.apply(cluster, Story.envelope(event, sequence++));
        }
        return cluster;
    }
}
