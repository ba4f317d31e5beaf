package vn.thidua.events.reorganisation;

import org.axonframework.serialization.Revision;

import vn.thidua.events.decisions.Decision;

/**
 * The cluster ceased to exist: merged into {@code successorClusterId}, or dissolved without one (its members had left
 * first). Its record stays readable; it records nothing more.
 */
@Revision("1")
public record ClusterDissolved(String clusterId, String decisionId, String successorClusterId, String reason)
        implements Decision {
}
