package vn.thidua.query.decisions;

import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;

/** What the decision log lists of each kind of decision besides its year: its minutes and its stated grounds. */
final class DecisionFacts {

    private DecisionFacts() {
    }

    static String minutesRef(Decision decision) {
        if (decision instanceof ClusterHeadElected elected) {
            return elected.minutesRef();
        } else if (decision instanceof DeputyHeadElected elected) {
            return elected.minutesRef();
        } else if (decision instanceof CommendationProposed proposed) {
            return proposed.minutesRef();
        } else if (decision instanceof ClusterRulesAmended amended) {
            return amended.minutesRef();
        }
        return null;
    }

    /** The reason or note recorded with the decision. */
    static String reason(Decision decision) {
        if (decision instanceof UnitAdmitted admitted) {
            return admitted.reason();
        } else if (decision instanceof UnitWithdrawn withdrawn) {
            return withdrawn.reason();
        } else if (decision instanceof UnitsMerged merged) {
            return merged.reason();
        } else if (decision instanceof DecisionRescinded rescinded) {
            return rescinded.reason();
        } else if (decision instanceof ReportAssessed assessed) {
            return assessed.note();
        } else if (decision instanceof RankingFinalized ranking) {
            return ranking.note();
        } else if (decision instanceof EmulationYearClosed closed) {
            return closed.note();
        } else if (decision instanceof ClusterHeadElected elected) {
            return elected.outOfRotationReason();
        } else if (decision instanceof ClusterRulesAmended amended) {
            return amended.reason();
        } else if (decision instanceof UnitTransferredOut transferred) {
            return transferred.reason();
        } else if (decision instanceof UnitTransferredIn transferred) {
            return transferred.reason();
        } else if (decision instanceof ClustersMerged merged) {
            return merged.reason();
        } else if (decision instanceof ClusterDissolved dissolved) {
            return dissolved.reason();
        } else if (decision instanceof RotationRosterSet set) {
            return set.reason();
        }
        return null;
    }
}
