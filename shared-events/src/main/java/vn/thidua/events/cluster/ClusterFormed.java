package vn.thidua.events.cluster;

import java.util.List;

import org.axonframework.serialization.Revision;

import vn.thidua.events.decisions.Decision;

@Revision("1")
public record ClusterFormed(String clusterId, String decisionId, String name, String sector,
                            List<MemberUnit> members, ClusterRules rules) implements Decision {
}
