package vn.thidua.events.year;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;
import vn.thidua.events.cluster.MemberUnit;

/**
 * A unit became a member of the cluster while this year was under way (admitted, or arriving after the ranking): it
 * takes part from the next year, and its acts for this one are refused as not a participant's.
 */
@Revision("1")
public record MemberAdmittedDuringYear(String clusterId, int year, MemberUnit unit) implements YearEvent {
}
