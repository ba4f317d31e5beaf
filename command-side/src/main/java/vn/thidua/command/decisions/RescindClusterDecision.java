package vn.thidua.command.decisions;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rescind a decision the cluster itself recorded (an election). */
public record RescindClusterDecision(@TargetAggregateIdentifier String clusterId, String decisionId,
                                     String rescindedDecisionId, String reason) {
}
