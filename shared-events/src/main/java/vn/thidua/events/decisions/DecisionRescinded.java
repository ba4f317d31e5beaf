package vn.thidua.events.decisions;

import org.axonframework.serialization.Revision;

/**
 * A decision was withdrawn by a later one. {@code year} is the emulation year of the rescinded decision, or null
 * when it was a cluster-level decision (an election).
 */
@Revision("1")
public record DecisionRescinded(String clusterId, Integer year, String decisionId, String rescindedDecisionId,
                                String rescindedDecisionType, String reason) implements Decision {
}
