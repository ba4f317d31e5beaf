package vn.thidua.query.projection;

import vn.thidua.events.ClusterEvent;
import vn.thidua.events.YearEvent;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;

/**
 * The year an event is about: an emulation year's own, an election's term year, a rescission's, the first year of
 * amended rules; else none.
 */
public final class ConcernedYear {

    private ConcernedYear() {
    }

    public static Integer of(ClusterEvent event) {
        if (event instanceof YearEvent yearEvent) {
            return yearEvent.year();
        } else if (event instanceof ClusterHeadElected elected) {
            return elected.termYear();
        } else if (event instanceof DeputyHeadElected elected) {
            return elected.termYear();
        } else if (event instanceof DecisionRescinded rescinded) {
            return rescinded.year();
        } else if (event instanceof ClusterRulesAmended amended) {
            return amended.effectiveFromYear();
        }
        return null;
    }
}
