package vn.thidua.events.year;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;

/**
 * A unit stopped taking part in a year under way, by a decision of the cluster's council recorded on the cluster:
 * it withdrew, was merged into {@code successorUnitId}, or was transferred to {@code toClusterId}. What it did in the
 * year stays recorded; it is not ranked after this, nor proposed, and acts of it for this year are refused.
 */
@Revision("1")
public record ParticipationEnded(String clusterId, int year, String unitId, Cause cause, String successorUnitId,
                                 String toClusterId) implements YearEvent {

    public enum Cause {
        WITHDRAWN,
        MERGED,
        TRANSFERRED
    }
}
