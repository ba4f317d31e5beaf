package vn.thidua.query.leadership;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.query.support.Story;

class LeadershipTest {

    /** Terms and the names to show them with; a year's reports and awards are not leadership. */
    @Test
    void theFoldHasACaseForEveryEventOfThePublishedFamily() {
        Story.assertEveryEventHasACase(Leadership::new, Leadership::apply, List.of(UnitWithdrawn.class,
                PledgeSigned.class, AnnualReportFiled.class, AnnualReportAmended.class, ReportAssessed.class,
                RankingFinalized.class, CommendationProposed.class, EmulationYearClosed.class,
                ClusterRulesAmended.class, UnitTransferredOut.class, ClusterDissolved.class, RotationRosterSet.class,
                DocumentIssued.class, ParticipationEnded.class));
    }
}
