package vn.thidua.query.cluster;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.query.support.Story;

class ClusterDocumentTest {

    /** The cluster page shows members and the head per term; a year's own acts are the scoreboard's. */
    @Test
    void theFoldHasACaseForEveryEventOfThePublishedFamily() {
        Story.assertEveryEventHasACase(ClusterDocument::new, ClusterDocument::apply, List.of(
                EmulationYearOpened.class, PledgeSigned.class, AnnualReportFiled.class, AnnualReportAmended.class,
                ReportAssessed.class, DeputyHeadElected.class, RankingFinalized.class, CommendationProposed.class,
                EmulationYearClosed.class));
    }
}
