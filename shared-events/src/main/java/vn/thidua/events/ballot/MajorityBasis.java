package vn.thidua.events.ballot;

/** What the votes for are counted against: the voters present, or every member (every eligible voter). */
public enum MajorityBasis {
    PRESENT, MEMBERS;

    public int of(Ballot ballot) {
        return this == PRESENT ? ballot.votersPresent() : ballot.eligibleVoters();
    }
}
