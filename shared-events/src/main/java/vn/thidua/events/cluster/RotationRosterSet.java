package vn.thidua.events.cluster;

import java.util.List;

import org.axonframework.serialization.Revision;

import vn.thidua.events.decisions.Decision;

/**
 * The council set the order in which the head's office passes among the members (every member once); units that
 * join later take their places at its end, as they do on the roster of joining.
 */
@Revision("1")
public record RotationRosterSet(String clusterId, String decisionId, List<String> roster, String reason)
        implements Decision {
}
