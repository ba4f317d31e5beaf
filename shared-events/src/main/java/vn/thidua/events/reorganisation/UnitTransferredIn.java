package vn.thidua.events.reorganisation;

import org.axonframework.serialization.Revision;

import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.decisions.Decision;

/** A unit joined this cluster from another one by the council's transfer (the other side of UnitTransferredOut). */
@Revision("1")
public record UnitTransferredIn(String clusterId, String decisionId, MemberUnit unit, String fromClusterId,
                                String reason) implements Decision {
}
