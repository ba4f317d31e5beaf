package vn.thidua.events.cluster;

import org.axonframework.serialization.Revision;

import vn.thidua.events.decisions.Decision;

/**
 * The council amended the cluster's rules: {@code rules} are in force for {@code effectiveFromYear} and every later
 * year (and term) until amended again; earlier years keep the rules they were run under.
 */
@Revision("1")
public record ClusterRulesAmended(String clusterId, String decisionId, int effectiveFromYear, ClusterRules rules,
                                  String minutesRef, String reason) implements Decision {
}
