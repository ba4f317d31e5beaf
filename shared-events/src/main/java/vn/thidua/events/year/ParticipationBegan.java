package vn.thidua.events.year;

import java.util.List;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;
import vn.thidua.events.cluster.MemberUnit;

/**
 * A unit took part in a year under way after it opened: the successor of a merger takes its predecessors' place
 * ({@code predecessorUnitIds}), or a unit transferred in from {@code fromClusterId} continues its year here.
 */
@Revision("1")
public record ParticipationBegan(String clusterId, int year, MemberUnit unit, Cause cause,
                                 List<String> predecessorUnitIds, String fromClusterId) implements YearEvent {

    public enum Cause {
        MERGER_SUCCESSOR,
        TRANSFERRED_IN
    }
}
