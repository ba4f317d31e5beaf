package vn.thidua.command.rules;

import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.cluster.ClusterRules;

/**
 * The secret-ballot rules shared by elections and award proposals: the tally adds up, every member unit is an
 * eligible voter, the quorum is present and more than the required share of those present voted for.
 */
public final class BallotRules {

    private BallotRules() {
    }

    public static void requireCarried(Ballot ballot, int memberUnits, ClusterRules rules) {
        int cast = ballot.votesFor() + ballot.votesAgainst() + ballot.invalid();
        Rule.BALLOT_INCONSISTENT.require(cast <= ballot.votersPresent(),
                "for + against + invalid = " + cast + " > present = " + ballot.votersPresent());
        Rule.BALLOT_INCONSISTENT.require(ballot.votersPresent() <= ballot.eligibleVoters(),
                "present = " + ballot.votersPresent() + " > eligible = " + ballot.eligibleVoters());
        Rule.ELIGIBLE_VOTERS_MISMATCH.require(ballot.eligibleVoters() == memberUnits,
                ballot.eligibleVoters(), memberUnits);
        Rule.QUORUM_NOT_MET.require(
                (long) ballot.votersPresent() * rules.quorumDenominator()
                        >= (long) ballot.eligibleVoters() * rules.quorumNumerator(),
                ballot.votersPresent(), ballot.eligibleVoters(), rules.quorumNumerator(), rules.quorumDenominator());
        Rule.MAJORITY_NOT_REACHED.require(
                (long) ballot.votesFor() * rules.majorityDenominator()
                        > (long) ballot.votersPresent() * rules.majorityNumerator(),
                ballot.votesFor(), rules.majorityNumerator(), rules.majorityDenominator(), ballot.votersPresent());
    }
}
