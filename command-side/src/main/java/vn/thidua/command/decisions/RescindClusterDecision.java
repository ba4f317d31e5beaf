package vn.thidua.command.decisions;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import vn.thidua.command.cluster.ClusterDecision;

/** Rescind a decision the cluster itself recorded (an election). */
public record RescindClusterDecision(@TargetAggregateIdentifier String clusterId, String decisionId,
                                     String rescindedDecisionId, String reason) implements ClusterDecision {

    @Override
    public List<String> clustersConcerned() {
        return List.of(clusterId);
    }
}
