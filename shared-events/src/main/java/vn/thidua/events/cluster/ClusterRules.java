package vn.thidua.events.cluster;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import vn.thidua.events.ballot.BallotKind;
import vn.thidua.events.ballot.MajorityBasis;
import vn.thidua.events.ballot.VoteRule;

/**
 * The voting and award rules of a cluster (quy chế của cụm): adopted when it was formed, amended by the council from a
 * given year on ({@link ClusterRulesAmended}).
 *
 * @param quorumNumerator      with {@code quorumDenominator}: the share of eligible voters that must be present, for
 *                             every kind of ballot {@code votes} does not name
 * @param majorityNumerator    with {@code majorityDenominator}: votes for must be strictly more than this share of
 *                             those present, for every kind of ballot {@code votes} does not name
 * @param headRotation         the head of the previous term cannot be head again
 * @param flagQuotaPercent     at most this percentage of ranked units may be proposed for the emulation flag (at
 *                             least one), unless {@code flagCap} says otherwise
 * @param headSelection        how the head is chosen; absent in rules adopted before clusters could choose, whose
 *                             {@code headRotation} then says it (see {@link #headSelectionInForce()})
 * @param votes                the vote a kind of ballot needs where it differs from the quorum and majority above;
 *                             absent in rules adopted before votes could differ by kind
 * @param flagCap              how many flags a year may propose, as a count or a percentage; absent in rules adopted
 *                             before, where {@code flagQuotaPercent} says it
 */
public record ClusterRules(int quorumNumerator, int quorumDenominator,
                           int majorityNumerator, int majorityDenominator,
                           boolean headRotation, int flagQuotaPercent, HeadSelection headSelection,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Map<BallotKind, VoteRule> votes,
                           @JsonInclude(JsonInclude.Include.NON_NULL) FlagCap flagCap) {

    /** The votes in the order of the kinds, so that the rules' JSON (hashed by the decision log) is always the same. */
    public ClusterRules {
        if (votes != null) {
            Map<BallotKind, VoteRule> inKindOrder = new EnumMap<>(BallotKind.class);
            inKindOrder.putAll(votes);
            votes = Collections.unmodifiableMap(inKindOrder);
        }
    }

    /** Rules as adopted before votes and the flag cap could be set per kind. */
    public ClusterRules(int quorumNumerator, int quorumDenominator, int majorityNumerator, int majorityDenominator,
                        boolean headRotation, int flagQuotaPercent, HeadSelection headSelection) {
        this(quorumNumerator, quorumDenominator, majorityNumerator, majorityDenominator, headRotation,
                flagQuotaPercent, headSelection, null, null);
    }

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

    /** The vote a kind of ballot needs: its own, or the cluster's quorum and "more than" majority of those present. */
    public VoteRule voteFor(BallotKind kind) {
        VoteRule own = votes == null ? null : votes.get(kind);
        return own != null ? own : new VoteRule(quorumNumerator, quorumDenominator, MajorityBasis.PRESENT,
                majorityNumerator, majorityDenominator, true);
    }

    public FlagCap flagCapInForce() {
        return flagCap != null ? flagCap : FlagCap.percentOfRanked(flagQuotaPercent);
    }

    /** Whether every vote can be met and the flag cap allows at least one flag. */
    @JsonIgnore
    public boolean isProper() {
        return Arrays.stream(BallotKind.values()).allMatch(kind -> voteFor(kind).isProper())
                && flagCapInForce().isProper();
    }
}
