package vn.thidua.events.decisions;

import vn.thidua.events.ClusterEvent;

/**
 * A decision (quyết định) of the cluster or its council. Decisions are never edited or deleted: a mistake is
 * corrected by a {@link DecisionRescinded} that points at the decision's id.
 */
public interface Decision extends ClusterEvent {
    String decisionId();
}
