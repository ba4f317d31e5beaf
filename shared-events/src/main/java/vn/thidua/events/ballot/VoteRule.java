package vn.thidua.events.ballot;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The vote one kind of decision needs: a quorum of the eligible voters present, and votes for that reach a
 * threshold of the basis, strictly ("more than 1/2") or not ("at least 70/100").
 *
 * @param quorumNumerator      with {@code quorumDenominator}: at least this share of eligible voters is present
 * @param thresholdNumerator   with {@code thresholdDenominator}: the share of the basis the votes for must reach
 * @param strictlyMore         votes for must be more than the threshold, not merely equal to it
 */
public record VoteRule(int quorumNumerator, int quorumDenominator, MajorityBasis basis,
                       int thresholdNumerator, int thresholdDenominator, boolean strictlyMore) {

    /** Whether the rule can be met at all and means what it says: shares no greater than one, none below zero. */
    @JsonIgnore
    public boolean isProper() {
        return basis != null && quorumNumerator >= 0 && quorumDenominator > 0
                && quorumNumerator <= quorumDenominator && thresholdNumerator >= 0 && thresholdDenominator > 0
                && (strictlyMore ? thresholdNumerator < thresholdDenominator
                : thresholdNumerator <= thresholdDenominator);
    }

    public boolean quorumMet(Ballot ballot) {
        return (long) ballot.votersPresent() * quorumDenominator >= (long) ballot.eligibleVoters() * quorumNumerator;
    }

    public boolean carried(Ballot ballot) {
        long votesFor = (long) ballot.votesFor() * thresholdDenominator;
        long threshold = (long) basis.of(ballot) * thresholdNumerator;
        return strictlyMore ? votesFor > threshold : votesFor >= threshold;
    }
}
