package vn.thidua.command.cluster;

import java.util.List;

/**
 * A command the cluster decides on the whole of its state (its members, rules, officers and years): taken one at a
 * time per cluster across every replica ({@link OneDecisionPerCluster}), each on the cluster as stored.
 */
public interface ClusterDecision {

    /** The clusters whose state the decision reads or changes. */
    List<String> clustersConcerned();
}
