package vn.thidua.events.decisions;

import org.axonframework.serialization.Revision;

/**
 * A decision was withdrawn by a later one. {@code year} is the year the rescinded decision concerns: its emulation
 * year, or the term year of a rescinded election.
 */
@Revision("1")
public record DecisionRescinded(String clusterId, Integer year, String decisionId, String rescindedDecisionId,
                                String rescindedDecisionType, String reason) implements Decision {
}
