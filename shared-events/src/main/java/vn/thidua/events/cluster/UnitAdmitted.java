package vn.thidua.events.cluster;

import org.axonframework.serialization.Revision;

import vn.thidua.events.decisions.Decision;

@Revision("1")
public record UnitAdmitted(String clusterId, String decisionId, MemberUnit unit, String reason) implements Decision {
}
