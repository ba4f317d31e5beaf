package vn.thidua.events.year;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;
import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.decisions.Decision;

@Revision("1")
public record CommendationProposed(String clusterId, int year, String decisionId, String unitId, Award award,
                                   Ballot ballot, String minutesRef) implements YearEvent, Decision {
}
