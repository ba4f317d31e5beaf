package vn.thidua.events.ballot;

/** The tally of a secret ballot (bỏ phiếu kín) as recorded in the minutes. */
public record Ballot(int eligibleVoters, int votersPresent, int votesFor, int votesAgainst, int invalid) {
}
