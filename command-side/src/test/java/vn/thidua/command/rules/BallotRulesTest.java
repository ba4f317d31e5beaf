package vn.thidua.command.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.ballot.BallotKind;
import vn.thidua.events.ballot.MajorityBasis;
import vn.thidua.events.ballot.VoteRule;
import vn.thidua.events.cluster.ClusterRules;

class BallotRulesTest {

    private static final ClusterRules DEFAULTS = ClusterRules.defaults();

    @ParameterizedTest(name = "{0} eligible, {1} present, {2} for, {3} against, {4} invalid, {5} members -> {6}")
    @CsvSource({
            "14, 14, 14, 0, 0, 14, CARRIED",
            "14, 10, 6, 4, 0, 14, CARRIED",
            "15, 10, 6, 4, 0, 15, CARRIED",
            "14, 9, 5, 4, 0, 14, QUORUM_NOT_MET",
            "14, 8, 8, 0, 0, 14, QUORUM_NOT_MET",
            "14, 14, 7, 7, 0, 14, MAJORITY_NOT_REACHED",
            "14, 12, 6, 5, 1, 14, MAJORITY_NOT_REACHED",
            "14, 12, 7, 5, 1, 14, BALLOT_INCONSISTENT",
            "14, 15, 15, 0, 0, 14, BALLOT_INCONSISTENT",
            "13, 13, 13, 0, 0, 14, ELIGIBLE_VOTERS_MISMATCH"
    })
    void aBallotCarriesOnlyWithQuorumAndMajority(int eligible, int present, int votesFor, int against, int invalid,
                                                 int members, String outcome) {
        Ballot ballot = new Ballot(eligible, present, votesFor, against, invalid);
        assertThat(outcomeOf(ballot, members, DEFAULTS)).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "quorum {0}/{1}, majority {2}/{3}: {4} present of 10, {5} for -> {6}")
    @CsvSource({
            "1, 2, 1, 2, 5, 3, CARRIED",
            "3, 4, 1, 2, 7, 4, QUORUM_NOT_MET",
            "1, 2, 2, 3, 6, 4, MAJORITY_NOT_REACHED",
            "1, 2, 2, 3, 6, 5, CARRIED"
    })
    void aClusterMaySetItsOwnFractions(int qn, int qd, int mn, int md, int present, int votesFor, String outcome) {
        ClusterRules rules = new ClusterRules(qn, qd, mn, md, true, 20);
        Ballot ballot = new Ballot(10, present, votesFor, present - votesFor, 0);
        assertThat(outcomeOf(ballot, 10, rules)).isEqualTo(outcome);
    }

    /** Flags in some councils need at least 70% of those present, in others more than half of all members. */
    @ParameterizedTest(name = "{0} {1}/{2} of {3}: 12 members, {4} present, {5} for -> {6}")
    @CsvSource({
            "AT_LEAST, 70, 100, PRESENT, 10, 7, CARRIED",
            "AT_LEAST, 70, 100, PRESENT, 10, 6, MAJORITY_NOT_REACHED",
            "MORE_THAN, 1, 2, MEMBERS, 12, 7, CARRIED",
            "MORE_THAN, 1, 2, MEMBERS, 12, 6, MAJORITY_NOT_REACHED",
            "MORE_THAN, 1, 2, MEMBERS, 9, 7, CARRIED",
            "MORE_THAN, 1, 2, PRESENT, 9, 5, CARRIED",
            "MORE_THAN, 1, 2, MEMBERS, 9, 5, MAJORITY_NOT_REACHED",
            "AT_LEAST, 2, 3, PRESENT, 9, 6, CARRIED"
    })
    void eachKindOfBallotMayHaveItsOwnThresholdAndBasis(String comparison, int tn, int td, MajorityBasis basis,
                                                         int present, int votesFor, String outcome) {
        VoteRule vote = new VoteRule(2, 3, basis, tn, td, comparison.equals("MORE_THAN"));
        Ballot ballot = new Ballot(12, present, votesFor, present - votesFor, 0);
        assertThat(outcomeOf(ballot, 12, vote)).isEqualTo(outcome);
    }

    private static String outcomeOf(Ballot ballot, int members, ClusterRules rules) {
        return outcomeOf(ballot, members, rules.voteFor(BallotKind.HEAD));
    }

    private static String outcomeOf(Ballot ballot, int members, VoteRule vote) {
        try {
            BallotRules.requireCarried(ballot, members, vote);
            return "CARRIED";
        } catch (RuleViolation violation) {
            return violation.code();
        }
    }
}
