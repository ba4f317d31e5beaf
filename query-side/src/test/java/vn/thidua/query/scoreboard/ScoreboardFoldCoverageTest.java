package vn.thidua.query.scoreboard;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.MemberAdmittedDuringYear;
import vn.thidua.query.support.Story;

class ScoreboardFoldCoverageTest {

    /**
     * Membership changes between years do not touch a year's board: its participants were fixed at opening (the
     * cluster's formation only teaches the names).
     */
    @Test
    void theFoldHasACaseForEveryEventOfThePublishedFamily() {
        Story.assertEveryEventHasACase(() -> new Scoreboard(Story.CLUSTER, Story.YEAR), ScoreboardFold::apply,
                List.of(UnitAdmitted.class, UnitWithdrawn.class, UnitsMerged.class, ClusterRulesAmended.class,
                        UnitTransferredOut.class, UnitTransferredIn.class, ClustersMerged.class,
                        ClusterDissolved.class, RotationRosterSet.class,
                DocumentIssued.class, MemberAdmittedDuringYear.class));
    }
}
