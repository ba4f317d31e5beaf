package vn.thidua.events.leadership;

import org.axonframework.serialization.Revision;

import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.decisions.Decision;

@Revision("1")
public record DeputyHeadElected(String clusterId, String decisionId, int termYear, String unitId, Ballot ballot,
                                String minutesRef) implements Decision {
}
