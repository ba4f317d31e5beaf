package vn.thidua.events.ballot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.FlagCap;
import vn.thidua.events.cluster.HeadSelection;
import vn.thidua.events.json.EventJson;

import java.util.Map;

class VoteRuleTest {

    private static final VoteRule SEVENTY_PERCENT_OF_PRESENT =
            new VoteRule(2, 3, MajorityBasis.PRESENT, 70, 100, false);
    private static final VoteRule MORE_THAN_HALF_OF_MEMBERS =
            new VoteRule(2, 3, MajorityBasis.MEMBERS, 1, 2, true);

    @Test
    void atLeastAThresholdIsMetByEqualling() {
        assertThat(SEVENTY_PERCENT_OF_PRESENT.carried(new Ballot(12, 10, 7, 3, 0))).isTrue();
        assertThat(SEVENTY_PERCENT_OF_PRESENT.carried(new Ballot(12, 10, 6, 4, 0))).isFalse();
    }

    @Test
    void moreThanAThresholdIsNotMetByEqualling() {
        assertThat(MORE_THAN_HALF_OF_MEMBERS.carried(new Ballot(12, 12, 6, 6, 0))).isFalse();
        assertThat(MORE_THAN_HALF_OF_MEMBERS.carried(new Ballot(12, 12, 7, 5, 0))).isTrue();
    }

    @Test
    void theBasisDecidesWhatTheVotesAreCountedAgainst() {
        Ballot eightOfTwelvePresentSevenFor = new Ballot(12, 8, 6, 2, 0);
        assertThat(new VoteRule(2, 3, MajorityBasis.PRESENT, 1, 2, true).carried(eightOfTwelvePresentSevenFor))
                .isTrue();
        assertThat(MORE_THAN_HALF_OF_MEMBERS.carried(eightOfTwelvePresentSevenFor)).isFalse();
    }

    @Test
    void theQuorumIsAtLeastItsShareOfEligibleVoters() {
        assertThat(SEVENTY_PERCENT_OF_PRESENT.quorumMet(new Ballot(12, 8, 8, 0, 0))).isTrue();
        assertThat(SEVENTY_PERCENT_OF_PRESENT.quorumMet(new Ballot(12, 7, 7, 0, 0))).isFalse();
    }

    @Test
    void aThresholdThatCannotBeMetIsImproper() {
        assertThat(new VoteRule(2, 3, MajorityBasis.PRESENT, 1, 1, true).isProper()).isFalse();
        assertThat(new VoteRule(2, 3, MajorityBasis.PRESENT, 1, 1, false).isProper()).isTrue();
        assertThat(new VoteRule(4, 3, MajorityBasis.PRESENT, 1, 2, true).isProper()).isFalse();
        assertThat(new VoteRule(2, 3, null, 1, 2, true).isProper()).isFalse();
    }

    @Test
    void rulesWithoutVotesPerKindMeanTheQuorumAndMajorityOfEveryBallot() {
        ClusterRules before = ClusterRules.defaults();
        for (BallotKind kind : BallotKind.values()) {
            assertThat(before.voteFor(kind)).isEqualTo(new VoteRule(2, 3, MajorityBasis.PRESENT, 1, 2, true));
        }
        assertThat(before.flagCapInForce()).isEqualTo(FlagCap.percentOfRanked(20));
    }

    @Test
    void aKindNamedInTheVotesHasItsOwnRule() {
        ClusterRules rules = new ClusterRules(2, 3, 1, 2, true, 20, HeadSelection.ROTATION,
                Map.of(BallotKind.EMULATION_FLAG, SEVENTY_PERCENT_OF_PRESENT), FlagCap.count(1));
        assertThat(rules.voteFor(BallotKind.EMULATION_FLAG)).isEqualTo(SEVENTY_PERCENT_OF_PRESENT);
        assertThat(rules.voteFor(BallotKind.HEAD).strictlyMore()).isTrue();
        assertThat(rules.flagCapInForce().flagsAllowed(40)).isEqualTo(1);
    }

    @Test
    void aPercentageCapAllowsAtLeastOneFlag() {
        assertThat(FlagCap.percentOfRanked(20).flagsAllowed(4)).isEqualTo(1);
        assertThat(FlagCap.percentOfRanked(20).flagsAllowed(14)).isEqualTo(2);
        assertThat(new FlagCap(1, 20).isProper()).isFalse();
        assertThat(new FlagCap(null, null).isProper()).isFalse();
    }

    /** The published JSON holds what the council set, nothing derived (a cap's unset half, whether it is proper). */
    @Test
    void theRulesJsonHoldsOnlyWhatWasSet() {
        String json = EventJson.mapper().writeValueAsString(new ClusterRules(2, 3, 1, 2, true, 20,
                HeadSelection.ROTATION, Map.of(BallotKind.HEAD, SEVENTY_PERCENT_OF_PRESENT), FlagCap.count(1)));
        assertThat(json).endsWith("\"votes\":{\"HEAD\":{\"quorumNumerator\":2,\"quorumDenominator\":3,"
                + "\"basis\":\"PRESENT\",\"thresholdNumerator\":70,\"thresholdDenominator\":100,"
                + "\"strictlyMore\":false}},\"flagCap\":{\"count\":1}}");
    }

    /** The decision log hashes the rules' JSON: the same rules must always be written the same way. */
    @Test
    void theVotesAreWrittenInTheOrderOfTheKindsWhateverOrderTheyCameIn() {
        Map<BallotKind, VoteRule> flagFirst = new java.util.LinkedHashMap<>();
        flagFirst.put(BallotKind.CERTIFICATE_OF_MERIT, MORE_THAN_HALF_OF_MEMBERS);
        flagFirst.put(BallotKind.HEAD, SEVENTY_PERCENT_OF_PRESENT);
        String json = EventJson.mapper().writeValueAsString(new ClusterRules(2, 3, 1, 2, true, 20,
                HeadSelection.ROTATION, flagFirst, null));
        assertThat(json.indexOf("\"HEAD\"")).isPositive().isLessThan(json.indexOf("\"CERTIFICATE_OF_MERIT\""));
        assertThat(EventJson.mapper().readValue(json, ClusterRules.class).votes()).containsExactly(
                Map.entry(BallotKind.HEAD, SEVENTY_PERCENT_OF_PRESENT),
                Map.entry(BallotKind.CERTIFICATE_OF_MERIT, MORE_THAN_HALF_OF_MEMBERS));
    }
}
