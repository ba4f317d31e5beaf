package vn.thidua.events.cluster;

/**
 * The voting and award rules a cluster adopted when it was formed.
 *
 * @param quorumNumerator      with {@code quorumDenominator}: the share of eligible voters that must be present
 * @param majorityNumerator    with {@code majorityDenominator}: votes for must be strictly more than this share of
 *                             those present
 * @param headRotation         the head of the previous term cannot be head again
 * @param flagQuotaPercent     at most this percentage of ranked units may be proposed for the emulation flag (at
 *                             least one)
 * @param headSelection        how the head is chosen; absent in rules adopted before clusters could choose, whose
 *                             {@code headRotation} then says it (see {@link #headSelectionInForce()})
 */
public record ClusterRules(int quorumNumerator, int quorumDenominator,
                           int majorityNumerator, int majorityDenominator,
                           boolean headRotation, int flagQuotaPercent, HeadSelection headSelection) {

    /** Rules as adopted before the head's selection could be chosen. */
    public ClusterRules(int quorumNumerator, int quorumDenominator, int majorityNumerator, int majorityDenominator,
                        boolean headRotation, int flagQuotaPercent) {
        this(quorumNumerator, quorumDenominator, majorityNumerator, majorityDenominator, headRotation,
                flagQuotaPercent, null);
    }

    /** Quorum two thirds, elected by more than half of those present, not the same head twice running, flags 20%. */
    public static ClusterRules defaults() {
        return new ClusterRules(2, 3, 1, 2, true, 20, HeadSelection.NOT_TWICE_RUNNING);
    }

    /** The head's selection these rules mean: as chosen, or as {@code headRotation} said before there was a choice. */
    public HeadSelection headSelectionInForce() {
        return headSelection != null ? headSelection : meaningOf(headRotation);
    }

    /** What {@code headRotation} meant before the head's selection could be chosen. */
    public static HeadSelection meaningOf(boolean headRotation) {
        return headRotation ? HeadSelection.NOT_TWICE_RUNNING : HeadSelection.FREE;
    }
}
