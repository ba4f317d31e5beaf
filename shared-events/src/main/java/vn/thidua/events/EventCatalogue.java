package vn.thidua.events;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.MemberAdmittedDuringYear;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;

/**
 * The events of each aggregate, the published family every fold must answer for. Java 17 would seal
 * {@link ClusterEvent} only over classes of its own package (outside a named module), and the events are filed by
 * feature; so the family is this list, a test keeps it equal to every event record in this module, and each read
 * model's test fails when an event of the family has no case in its fold.
 */
public final class EventCatalogue {

    /** What a cluster (the {@code Cluster} aggregate) records. */
    public static final List<Class<? extends ClusterEvent>> CLUSTER = List.of(ClusterFormed.class,
            UnitAdmitted.class, UnitWithdrawn.class, UnitsMerged.class, ClusterHeadElected.class,
            DeputyHeadElected.class, DecisionRescinded.class, ClusterRulesAmended.class, UnitTransferredOut.class,
            UnitTransferredIn.class, ClustersMerged.class, ClusterDissolved.class, RotationRosterSet.class);

    /** What one emulation year (the {@code EmulationYear} aggregate) records. */
    public static final List<Class<? extends ClusterEvent>> YEAR = List.of(EmulationYearOpened.class,
            PledgeSigned.class, AnnualReportFiled.class, AnnualReportAmended.class, ReportAssessed.class,
            RankingFinalized.class, CommendationProposed.class, DecisionRescinded.class, EmulationYearClosed.class,
            DocumentIssued.class, ParticipationEnded.class, ParticipationBegan.class, MemberAdmittedDuringYear.class);

    private EventCatalogue() {
    }

    public static Set<Class<? extends ClusterEvent>> all() {
        Set<Class<? extends ClusterEvent>> all = new LinkedHashSet<>(CLUSTER);
        all.addAll(YEAR);
        return all;
    }
}
