package vn.thidua.command.rules;

import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.ballot.VoteRule;

/**
 * The secret-ballot rules shared by elections and award proposals: the tally adds up, every member unit is an
 * eligible voter, the quorum is present and the votes for reach the threshold the cluster's rules set for that kind of
 * ballot.
 */
public final class BallotRules {

    private BallotRules() {
    }

    public static void requireCarried(Ballot ballot, int memberUnits, VoteRule vote) {
        int cast = ballot.votesFor() + ballot.votesAgainst() + ballot.invalid();
        Rule.BALLOT_INCONSISTENT.require(cast <= ballot.votersPresent(),
                "for + against + invalid = " + cast + " > present = " + ballot.votersPresent());
        Rule.BALLOT_INCONSISTENT.require(ballot.votersPresent() <= ballot.eligibleVoters(),
                "present = " + ballot.votersPresent() + " > eligible = " + ballot.eligibleVoters());
        Rule.ELIGIBLE_VOTERS_MISMATCH.require(ballot.eligibleVoters() == memberUnits,
                ballot.eligibleVoters(), memberUnits);
        Rule.QUORUM_NOT_MET.require(vote.quorumMet(ballot), ballot.votersPresent(), ballot.eligibleVoters(),
                vote.quorumNumerator(), vote.quorumDenominator());
        Rule.MAJORITY_NOT_REACHED.require(vote.carried(ballot), ballot.votesFor(), vote.strictlyMore() ? ">" : "≥",
                vote.thresholdNumerator(), vote.thresholdDenominator(), vote.basis().of(ballot));
    }
}
