package vn.thidua.events.year;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.serialization.Revision;

import vn.thidua.events.YearEvent;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.decisions.Decision;

/**
 * The year was opened (phát động thi đua). The members at that moment are the year's participants, and the cluster's
 * rules at that moment govern the year's award ballots.
 */
@Revision("1")
public record EmulationYearOpened(String clusterId, int year, String decisionId, ScoringTable scoringTable,
                                  List<PledgeTarget> pledgeTargets, LocalDate pledgeDeadline,
                                  LocalDate reportDeadline, List<MemberUnit> participants,
                                  ClusterRules rules)
        implements YearEvent, Decision {
}
