package vn.thidua.events.reorganisation;

import java.util.List;

import org.axonframework.serialization.Revision;

import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.decisions.Decision;

/** This cluster absorbed another one: the absorbed cluster's members joined it, the absorbed cluster dissolved. */
@Revision("1")
public record ClustersMerged(String clusterId, String decisionId, String absorbedClusterId, List<MemberUnit> units,
                             String reason) implements Decision {
}
