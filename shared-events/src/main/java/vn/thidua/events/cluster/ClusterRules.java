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
 */
public record ClusterRules(int quorumNumerator, int quorumDenominator,
                           int majorityNumerator, int majorityDenominator,
                           boolean headRotation, int flagQuotaPercent) {

    /** Quorum two thirds, elected by more than half of those present, rotation on, flags for 20%. */
    public static ClusterRules defaults() {
        return new ClusterRules(2, 3, 1, 2, true, 20);
    }
}
