package vn.thidua.events.reorganisation;

import org.axonframework.serialization.Revision;

import vn.thidua.events.decisions.Decision;

/** The council moved a member unit to another cluster between years; its record here stays with this cluster. */
@Revision("1")
public record UnitTransferredOut(String clusterId, String decisionId, String unitId, String toClusterId,
                                 String reason) implements Decision {
}
