package vn.thidua.events.cluster;

import org.axonframework.serialization.Revision;

import vn.thidua.events.decisions.Decision;

@Revision("1")
public record UnitWithdrawn(String clusterId, String decisionId, String unitId, String reason) implements Decision {
}
