package vn.thidua.command.year;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;
import static vn.thidua.command.SeedCluster.MEMBERS;
import static vn.thidua.command.SeedCluster.PLEDGE;
import static vn.thidua.command.SeedCluster.PLEDGE_DEADLINE_2017;
import static vn.thidua.command.SeedCluster.REPORT_DEADLINE_2017;
import static vn.thidua.command.SeedCluster.RULES;
import static vn.thidua.command.SeedCluster.SCORING_TABLE;
import static vn.thidua.command.SeedCluster.unitIds;
import static vn.thidua.command.rules.Refusals.refusedBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import vn.thidua.command.decisions.RescindYearDecision;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.year.YearCommands.AmendAnnualReport;
import vn.thidua.command.year.YearCommands.AssessReport;
import vn.thidua.command.year.YearCommands.CloseEmulationYear;
import vn.thidua.command.year.YearCommands.FileAnnualReport;
import vn.thidua.command.year.YearCommands.FinalizeRanking;
import vn.thidua.command.year.YearCommands.IssueDocument;
import vn.thidua.command.year.YearCommands.ProposeCommendation;
import vn.thidua.command.year.YearCommands.SignPledge;
import vn.thidua.events.ballot.BallotKind;
import vn.thidua.events.ballot.MajorityBasis;
import vn.thidua.events.ballot.VoteRule;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.FlagCap;
import vn.thidua.events.cluster.HeadSelection;
import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.year.Award;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.MemberAdmittedDuringYear;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.events.year.DocumentKind;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.Evidence;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.events.year.Scorecard;
import vn.thidua.events.year.Signatory;
import vn.thidua.events.year.Standing;

class EmulationYearTest {

    private static final int YEAR = 2017;
    private static final Instant BEFORE_DEADLINES = Instant.parse("2017-03-01T02:00:00Z");
    /** 16 December 2017, 00:30 in Hanoi: the day after the report deadline, though still the 15th in UTC. */
    private static final Instant DAY_AFTER_REPORT_DEADLINE_IN_HANOI = Instant.parse("2017-12-15T17:30:00Z");
    private static final Ballot UNANIMOUS = new Ballot(14, 14, 14, 0, 0);
    private static final Signatory SIGNATORY = new Signatory("Nguyễn Văn Hùng", "Trưởng ban");
    private static final List<Evidence> EVIDENCE = List.of(new Evidence("Báo cáo tổng kết năm 2017",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "https://so.example/bc-2017.pdf"));

    private static final EmulationYearOpened OPENED = new EmulationYearOpened(CLUSTER_ID, YEAR, "d-open",
            SCORING_TABLE, PLEDGE, PLEDGE_DEADLINE_2017, REPORT_DEADLINE_2017, MEMBERS, RULES);

    private AggregateTestFixture<EmulationYear> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EmulationYear.class);
    }

    private TestExecutor<EmulationYear> given(Object... events) {
        List<Object> history = new ArrayList<>();
        history.add(OPENED);
        history.addAll(List.of(events));
        return fixture.givenCurrentTime(BEFORE_DEADLINES).andGiven(history);
    }

    private static Map<String, BigDecimal> points(int chuyenMon, int phongTrao) {
        Map<String, BigDecimal> scores = new LinkedHashMap<>();
        scores.put("chuyen-mon", BigDecimal.valueOf(chuyenMon));
        scores.put("phong-trao", BigDecimal.valueOf(phongTrao));
        return scores;
    }

    private static Scorecard card(int chuyenMon, int phongTrao, int bonus, int penalty) {
        return new Scorecard(points(chuyenMon, phongTrao), BigDecimal.valueOf(bonus), BigDecimal.valueOf(penalty),
                BigDecimal.valueOf(chuyenMon + phongTrao + bonus - penalty));
    }

    private static FileAnnualReport report(String unitId, Map<String, BigDecimal> scores, int bonus, int penalty) {
        return new FileAnnualReport(CLUSTER_ID, YEAR, unitId, "Hoàn thành xuất sắc nhiệm vụ", scores,
                BigDecimal.valueOf(bonus), BigDecimal.valueOf(penalty), EVIDENCE);
    }

    private static AnnualReportFiled filed(String unitId, int chuyenMon, int phongTrao) {
        return new AnnualReportFiled(CLUSTER_ID, YEAR, unitId, "Hoàn thành xuất sắc nhiệm vụ",
                card(chuyenMon, phongTrao, 0, 0), EVIDENCE, false);
    }

    private static PledgeSigned signed(String unitId) {
        return new PledgeSigned(CLUSTER_ID, YEAR, unitId, SIGNATORY, false);
    }

    /** Every participant signed and reported; unit i scored 90 - i, so the ranking follows the seed's order. */
    private static List<Object> everyoneSignedAndReported() {
        List<Object> events = new ArrayList<>();
        List<String> units = unitIds();
        for (int i = 0; i < units.size(); i++) {
            events.add(signed(units.get(i)));
            events.add(filed(units.get(i), 55 - i, 35));
        }
        return events;
    }

    private static RankingFinalized rankingOfEveryone() {
        List<Standing> standings = new ArrayList<>();
        List<String> units = unitIds();
        for (int i = 0; i < units.size(); i++) {
            standings.add(new Standing(i + 1, units.get(i), BigDecimal.valueOf(90 - i)));
        }
        return new RankingFinalized(CLUSTER_ID, YEAR, "d-rank", standings, null);
    }

    private static Object[] rankedYear(Object... more) {
        List<Object> events = new ArrayList<>(everyoneSignedAndReported());
        events.add(rankingOfEveryone());
        events.addAll(List.of(more));
        return events.toArray();
    }

    private static ProposeCommendation propose(String decisionId, String unitId, Award award) {
        return new ProposeCommendation(CLUSTER_ID, YEAR, decisionId, unitId, award, UNANIMOUS, "BB-khen-1");
    }

    private static CommendationProposed proposed(String decisionId, String unitId, Award award) {
        return new CommendationProposed(CLUSTER_ID, YEAR, decisionId, unitId, award, UNANIMOUS, "BB-khen-1");
    }

    @Nested
    class Pledge {

        @Test
        void aParticipantSigns() {
            given().when(new SignPledge(CLUSTER_ID, YEAR, BAC_GIANG, SIGNATORY))
                    .expectEvents(signed(BAC_GIANG))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void aSignatureAfterTheDeadlineIsAcceptedAndMarkedLate() {
            fixture.givenCurrentTime(Instant.parse("2017-04-01T02:00:00Z")).andGiven(OPENED)
                    .when(new SignPledge(CLUSTER_ID, YEAR, BAC_GIANG, SIGNATORY))
                    .expectEvents(new PledgeSigned(CLUSTER_ID, YEAR, BAC_GIANG, SIGNATORY, true));
        }

        @Test
        void refusesANonMember() {
            given().when(new SignPledge(CLUSTER_ID, YEAR, "btc-ha-noi", SIGNATORY))
                    .expectException(refusedBy(Rule.NOT_A_MEMBER))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondSignature() {
            given(signed(BAC_GIANG)).when(new SignPledge(CLUSTER_ID, YEAR, BAC_GIANG, SIGNATORY))
                    .expectException(refusedBy(Rule.ALREADY_SIGNED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Reports {

        @Test
        void filesAReportWithItsSelfTotal() {
            given().when(report(BAC_GIANG, points(55, 35), 2, 1))
                    .expectEvents(new AnnualReportFiled(CLUSTER_ID, YEAR, BAC_GIANG, "Hoàn thành xuất sắc nhiệm vụ",
                            card(55, 35, 2, 1), EVIDENCE, false));
        }

        @Test
        void aLateReportIsAcceptedAndMarkedLateByTheHanoiCalendar() {
            fixture.givenCurrentTime(DAY_AFTER_REPORT_DEADLINE_IN_HANOI).andGiven(OPENED)
                    .when(report(BAC_GIANG, points(55, 35), 0, 0))
                    .expectEvents(new AnnualReportFiled(CLUSTER_ID, YEAR, BAC_GIANG, "Hoàn thành xuất sắc nhiệm vụ",
                            card(55, 35, 0, 0), EVIDENCE, true));
        }

        @Test
        void refusesAScoreAboveTheCriterionsMax() {
            given().when(report(BAC_GIANG, points(61, 35), 0, 0))
                    .expectException(refusedBy(Rule.SCORE_OUT_OF_RANGE))
                    .expectNoEvents();
        }

        @Test
        void refusesANegativeScore() {
            given().when(report(BAC_GIANG, points(-1, 35), 0, 0))
                    .expectException(refusedBy(Rule.SCORE_OUT_OF_RANGE))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownCriterion() {
            Map<String, BigDecimal> scores = points(50, 30);
            scores.put("khong-co", BigDecimal.ONE);
            given().when(report(BAC_GIANG, scores, 0, 0))
                    .expectException(refusedBy(Rule.UNKNOWN_CRITERION))
                    .expectNoEvents();
        }

        @Test
        void refusesAReportThatLeavesACriterionOut() {
            given().when(report(BAC_GIANG, Map.of("chuyen-mon", BigDecimal.TEN), 0, 0))
                    .expectException(refusedBy(Rule.SCORES_INCOMPLETE))
                    .expectNoEvents();
        }

        @Test
        void refusesBonusAboveItsCap() {
            given().when(report(BAC_GIANG, points(50, 30), 6, 0))
                    .expectException(refusedBy(Rule.BONUS_ABOVE_CAP))
                    .expectNoEvents();
        }

        @Test
        void refusesPenaltyAboveItsCap() {
            given().when(report(BAC_GIANG, points(50, 30), 0, 6))
                    .expectException(refusedBy(Rule.PENALTY_ABOVE_CAP))
                    .expectNoEvents();
        }

        @Test
        void refusesANonMember() {
            given().when(report("btc-ha-noi", points(50, 30), 0, 0))
                    .expectException(refusedBy(Rule.NOT_A_MEMBER))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondFiling() {
            given(filed(BAC_GIANG, 50, 30)).when(report(BAC_GIANG, points(50, 30), 0, 0))
                    .expectException(refusedBy(Rule.REPORT_ALREADY_FILED))
                    .expectNoEvents();
        }

        @Test
        void amendsAReportWithAReason() {
            given(filed(BAC_GIANG, 50, 30))
                    .when(new AmendAnnualReport(CLUSTER_ID, YEAR, BAC_GIANG, "Bổ sung", points(52, 30),
                            BigDecimal.ZERO, BigDecimal.ZERO, EVIDENCE, "Bổ sung minh chứng"))
                    .expectEvents(new AnnualReportAmended(CLUSTER_ID, YEAR, BAC_GIANG, "Bổ sung",
                            card(52, 30, 0, 0), EVIDENCE, "Bổ sung minh chứng"));
        }

        @Test
        void refusesAnAmendmentWithoutAReason() {
            given(filed(BAC_GIANG, 50, 30)).when(new AmendAnnualReport(CLUSTER_ID, YEAR, BAC_GIANG, "Bổ sung", points(52, 30),
                            BigDecimal.ZERO, BigDecimal.ZERO, EVIDENCE, " "))
                    .expectException(refusedBy(Rule.AMENDMENT_REASON_MISSING))
                    .expectNoEvents();
        }

        @Test
        void refusesToAmendAReportNeverFiled() {
            given().when(new AmendAnnualReport(CLUSTER_ID, YEAR, BAC_GIANG, "Bổ sung", points(52, 30),
                            BigDecimal.ZERO, BigDecimal.ZERO, EVIDENCE, "?"))
                    .expectException(refusedBy(Rule.REPORT_NOT_FILED))
                    .expectNoEvents();
        }

        @Test
        void refusesAReportAfterTheRankingIsFinal() {
            List<Object> history = new ArrayList<>(List.of(rankedYear()));
            history.removeIf(event -> event instanceof AnnualReportFiled f && f.unitId().equals(BAC_GIANG));
            given(history.toArray()).when(report(BAC_GIANG, points(50, 30), 0, 0))
                    .expectException(refusedBy(Rule.RANKING_FINALIZED))
                    .expectNoEvents();
        }

        @Test
        void refusesAnAmendmentAfterTheRankingIsFinal() {
            given(rankedYear()).when(new AmendAnnualReport(CLUSTER_ID, YEAR, BAC_GIANG, "Bổ sung", points(52, 30),
                            BigDecimal.ZERO, BigDecimal.ZERO, EVIDENCE, "?"))
                    .expectException(refusedBy(Rule.RANKING_FINALIZED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Assessment {

        @Test
        void theClusterAssessesAFiledReport() {
            given(filed(BAC_GIANG, 50, 30))
                    .when(new AssessReport(CLUSTER_ID, YEAR, "d-assess", BAC_GIANG, points(48, 30), BigDecimal.ONE,
                            BigDecimal.ZERO, "Thẩm định chéo"))
                    .expectEvents(new ReportAssessed(CLUSTER_ID, YEAR, "d-assess", BAC_GIANG, card(48, 30, 1, 0),
                            "Thẩm định chéo"));
        }

        @Test
        void refusesToAssessAMissingReport() {
            given().when(new AssessReport(CLUSTER_ID, YEAR, "d-assess", BAC_GIANG, points(48, 30),
                            BigDecimal.ZERO, BigDecimal.ZERO, null))
                    .expectException(refusedBy(Rule.REPORT_NOT_FILED))
                    .expectNoEvents();
        }

        @Test
        void refusesAnAssessmentOutsideTheTable() {
            given(filed(BAC_GIANG, 50, 30))
                    .when(new AssessReport(CLUSTER_ID, YEAR, "d-assess", BAC_GIANG, points(48, 41),
                            BigDecimal.ZERO, BigDecimal.ZERO, null))
                    .expectException(refusedBy(Rule.SCORE_OUT_OF_RANGE))
                    .expectNoEvents();
        }
    }

    @Nested
    class RankingDecision {

        @Test
        void ranksByFinalScoreWithTiesSharingARankAndUnreportedUnitsLast() {
            given(filed("btc-hung-yen", 50, 30), filed("btc-hai-duong", 45, 35), filed("btc-quang-ninh", 55, 35),
                    filed(BAC_GIANG, 40, 30),
                    new ReportAssessed(CLUSTER_ID, YEAR, "d-assess", BAC_GIANG, card(60, 40, 0, 0), null))
                    .when(new FinalizeRanking(CLUSTER_ID, YEAR, "d-rank", "Hội nghị tổng kết"))
                    .expectEvents(new RankingFinalized(CLUSTER_ID, YEAR, "d-rank", expectedStandings(),
                            "Hội nghị tổng kết"));
        }

        private List<Standing> expectedStandings() {
            List<Standing> standings = new ArrayList<>(List.of(
                    new Standing(1, BAC_GIANG, BigDecimal.valueOf(100)),
                    new Standing(2, "btc-quang-ninh", BigDecimal.valueOf(90)),
                    new Standing(3, "btc-hai-duong", BigDecimal.valueOf(80)),
                    new Standing(3, "btc-hung-yen", BigDecimal.valueOf(80))));
            unitIds().stream().skip(4).forEach(unitId -> standings.add(new Standing(null, unitId, null)));
            return standings;
        }

        @Test
        void refusesARankingWithoutReports() {
            given().when(new FinalizeRanking(CLUSTER_ID, YEAR, "d-rank", null))
                    .expectException(refusedBy(Rule.NO_REPORTS))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondRanking() {
            given(rankedYear()).when(new FinalizeRanking(CLUSTER_ID, YEAR, "d-rank-2", null))
                    .expectException(refusedBy(Rule.RANKING_FINALIZED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Commendations {

        @Test
        void proposesTheTopUnitForTheEmulationFlag() {
            given(rankedYear()).when(propose("d-flag", BAC_GIANG, Award.EMULATION_FLAG))
                    .expectEvents(proposed("d-flag", BAC_GIANG, Award.EMULATION_FLAG));
        }

        @Test
        void refusesAFlagBeyondTwentyPercentOfRankedUnits() {
            // 14 ranked units: 20% allows 2 flags.
            given(rankedYear(proposed("d-1", BAC_GIANG, Award.EMULATION_FLAG),
                    proposed("d-2", "btc-hung-yen", Award.EMULATION_FLAG)))
                    .when(propose("d-3", "btc-hai-duong", Award.EMULATION_FLAG))
                    .expectException(refusedBy(Rule.FLAG_QUOTA_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void certificatesOfMeritHaveNoQuota() {
            given(rankedYear(proposed("d-1", BAC_GIANG, Award.EMULATION_FLAG),
                    proposed("d-2", "btc-hung-yen", Award.EMULATION_FLAG)))
                    .when(propose("d-3", "btc-hai-duong", Award.CERTIFICATE_OF_MERIT))
                    .expectEvents(proposed("d-3", "btc-hai-duong", Award.CERTIFICATE_OF_MERIT));
        }

        /** A small cluster's regulation: one flag, voted by at least 70% of those present; merit by all members. */
        private static final ClusterRules ONE_FLAG_SEVENTY_PERCENT = new ClusterRules(2, 3, 1, 2, true, 20,
                HeadSelection.ROTATION, Map.of(BallotKind.EMULATION_FLAG,
                new VoteRule(2, 3, MajorityBasis.PRESENT, 70, 100, false),
                BallotKind.CERTIFICATE_OF_MERIT, new VoteRule(2, 3, MajorityBasis.MEMBERS, 1, 2, true)),
                FlagCap.count(1));

        private TestExecutor<EmulationYear> underOwnRules(Object... more) {
            List<Object> history = new ArrayList<>(List.of(new EmulationYearOpened(CLUSTER_ID, YEAR, "d-open",
                    SCORING_TABLE, PLEDGE, PLEDGE_DEADLINE_2017, REPORT_DEADLINE_2017, MEMBERS,
                    ONE_FLAG_SEVENTY_PERCENT)));
            history.addAll(List.of(rankedYear(more)));
            return fixture.givenCurrentTime(BEFORE_DEADLINES).andGiven(history);
        }

        private static ProposeCommendation proposeByBallot(String unitId, Award award, Ballot ballot) {
            return new ProposeCommendation(CLUSTER_ID, YEAR, "d-" + unitId, unitId, award, ballot, "BB-khen-1");
        }

        @Test
        void aCountCapAllowsThatManyFlagsWhateverTheRanking() {
            underOwnRules(proposed("d-1", BAC_GIANG, Award.EMULATION_FLAG))
                    .when(propose("d-2", "btc-hung-yen", Award.EMULATION_FLAG))
                    .expectException(refusedBy(Rule.FLAG_QUOTA_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void aFlagNeedsTheShareOfThosePresentItsRuleSets() {
            Ballot sevenOfTen = new Ballot(14, 10, 7, 3, 0);
            underOwnRules().when(proposeByBallot(BAC_GIANG, Award.EMULATION_FLAG, sevenOfTen))
                    .expectSuccessfulHandlerExecution();
            underOwnRules().when(proposeByBallot(BAC_GIANG, Award.EMULATION_FLAG, new Ballot(14, 10, 6, 4, 0)))
                    .expectException(refusedBy(Rule.MAJORITY_NOT_REACHED))
                    .expectNoEvents();
        }

        @Test
        void aCertificateCountedAgainstAllMembersNeedsMoreThanHalfOfThem() {
            // 7 of 10 present carries "more than half of those present", not "more than half of 14 members".
            underOwnRules().when(proposeByBallot("btc-hung-yen", Award.CERTIFICATE_OF_MERIT, new Ballot(14, 10, 7, 3, 0)))
                    .expectException(refusedBy(Rule.MAJORITY_NOT_REACHED))
                    .expectNoEvents();
            underOwnRules().when(proposeByBallot("btc-hung-yen", Award.CERTIFICATE_OF_MERIT, new Ballot(14, 10, 8, 2, 0)))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void atLeastOneFlagEvenForASmallRanking() {
            List<Standing> two = List.of(new Standing(1, BAC_GIANG, BigDecimal.TEN),
                    new Standing(2, "btc-hung-yen", BigDecimal.ONE));
            given(signed(BAC_GIANG), filed(BAC_GIANG, 50, 30), filed("btc-hung-yen", 10, 10),
                    new RankingFinalized(CLUSTER_ID, YEAR, "d-rank", two, null))
                    .when(propose("d-flag", BAC_GIANG, Award.EMULATION_FLAG))
                    .expectEvents(proposed("d-flag", BAC_GIANG, Award.EMULATION_FLAG));
        }

        @Test
        void refusesAnUnrankedUnit() {
            List<Object> history = new ArrayList<>(everyoneSignedAndReported());
            history.removeIf(event -> event instanceof AnnualReportFiled f && f.unitId().equals("btc-thai-binh"));
            List<Standing> standings = new ArrayList<>(rankingOfEveryone().standings().subList(0, 13));
            standings.add(new Standing(null, "btc-thai-binh", null));
            history.add(new RankingFinalized(CLUSTER_ID, YEAR, "d-rank", standings, null));
            given(history.toArray()).when(propose("d-c", "btc-thai-binh", Award.CERTIFICATE_OF_MERIT))
                    .expectException(refusedBy(Rule.UNIT_NOT_RANKED))
                    .expectNoEvents();
        }

        @Test
        void refusesAUnitThatDidNotSignThePledge() {
            List<Object> history = new ArrayList<>(List.of(rankedYear()));
            history.removeIf(event -> event instanceof PledgeSigned s && s.unitId().equals(BAC_GIANG));
            given(history.toArray()).when(propose("d-flag", BAC_GIANG, Award.EMULATION_FLAG))
                    .expectException(refusedBy(Rule.PLEDGE_NOT_SIGNED))
                    .expectNoEvents();
        }

        @Test
        void refusesBeforeTheRankingIsFinal() {
            given(everyoneSignedAndReported().toArray()).when(propose("d-flag", BAC_GIANG, Award.EMULATION_FLAG))
                    .expectException(refusedBy(Rule.RANKING_NOT_FINALIZED))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondProposalForOneUnit() {
            given(rankedYear(proposed("d-1", BAC_GIANG, Award.CERTIFICATE_OF_MERIT)))
                    .when(propose("d-2", BAC_GIANG, Award.EMULATION_FLAG))
                    .expectException(refusedBy(Rule.ALREADY_PROPOSED))
                    .expectNoEvents();
        }

        @Test
        void followsTheBallotRules() {
            given(rankedYear()).when(new ProposeCommendation(CLUSTER_ID, YEAR, "d-flag", BAC_GIANG,
                            Award.EMULATION_FLAG, new Ballot(14, 9, 9, 0, 0), "BB-khen-1"))
                    .expectException(refusedBy(Rule.QUORUM_NOT_MET))
                    .expectNoEvents();
        }
    }

    @Nested
    class Rescission {

        @Test
        void anAssessmentMayBeRescindedBeforeTheRanking() {
            given(filed(BAC_GIANG, 50, 30),
                    new ReportAssessed(CLUSTER_ID, YEAR, "d-assess", BAC_GIANG, card(60, 40, 0, 0), null))
                    .when(new RescindYearDecision(CLUSTER_ID, YEAR, "d-undo", "d-assess", "Chấm nhầm"))
                    .expectEvents(new DecisionRescinded(CLUSTER_ID, YEAR, "d-undo", "d-assess", "ReportAssessed",
                            "Chấm nhầm"));
        }

        @Test
        void aRescindedAssessmentNoLongerCountsInTheRanking() {
            given(filed(BAC_GIANG, 50, 30),
                    new ReportAssessed(CLUSTER_ID, YEAR, "d-assess", BAC_GIANG, card(60, 40, 0, 0), null),
                    new DecisionRescinded(CLUSTER_ID, YEAR, "d-undo", "d-assess", "ReportAssessed", "Chấm nhầm"))
                    .when(new FinalizeRanking(CLUSTER_ID, YEAR, "d-rank", null))
                    .expectEvents(new RankingFinalized(CLUSTER_ID, YEAR, "d-rank", selfScoreOnly(), null));
        }

        @Test
        void rescindingTheLatestAssessmentPutsTheOneBeforeBackInForce() {
            given(filed(BAC_GIANG, 50, 30),
                    new ReportAssessed(CLUSTER_ID, YEAR, "d-assess-1", BAC_GIANG, card(60, 40, 0, 0), null),
                    new ReportAssessed(CLUSTER_ID, YEAR, "d-assess-2", BAC_GIANG, card(55, 35, 0, 0), null),
                    new DecisionRescinded(CLUSTER_ID, YEAR, "d-undo", "d-assess-2", "ReportAssessed", "Chấm nhầm"))
                    .when(new FinalizeRanking(CLUSTER_ID, YEAR, "d-rank", null))
                    .expectEvents(new RankingFinalized(CLUSTER_ID, YEAR, "d-rank", firstAssessment(), null));
        }

        private List<Standing> firstAssessment() {
            List<Standing> standings = new ArrayList<>(List.of(new Standing(1, BAC_GIANG, BigDecimal.valueOf(100))));
            unitIds().stream().skip(1).forEach(unitId -> standings.add(new Standing(null, unitId, null)));
            return standings;
        }

        private List<Standing> selfScoreOnly() {
            List<Standing> standings = new ArrayList<>(List.of(new Standing(1, BAC_GIANG, BigDecimal.valueOf(80))));
            unitIds().stream().skip(1).forEach(unitId -> standings.add(new Standing(null, unitId, null)));
            return standings;
        }

        @Test
        void anAssessmentIsFinalOnceTheRankingIs() {
            given(rankedYear(new ReportAssessed(CLUSTER_ID, YEAR, "d-assess", BAC_GIANG, card(60, 40, 0, 0),
                    null)))
                    .when(new RescindYearDecision(CLUSTER_ID, YEAR, "d-undo", "d-assess", "?"))
                    .expectException(refusedBy(Rule.RANKING_FINALIZED))
                    .expectNoEvents();
        }

        @Test
        void theRankingCannotBeRescindedWhileAwardsRestOnIt() {
            given(rankedYear(proposed("d-flag", BAC_GIANG, Award.EMULATION_FLAG)))
                    .when(new RescindYearDecision(CLUSTER_ID, YEAR, "d-undo", "d-rank", "?"))
                    .expectException(refusedBy(Rule.COMMENDATIONS_EXIST))
                    .expectNoEvents();
        }

        @Test
        void aRescindedRankingReopensTheReports() {
            given(rankedYear(new DecisionRescinded(CLUSTER_ID, YEAR, "d-undo", "d-rank", "RankingFinalized",
                    "Sai sót")))
                    .when(new AmendAnnualReport(CLUSTER_ID, YEAR, BAC_GIANG, "Bổ sung", points(52, 30),
                            BigDecimal.ZERO, BigDecimal.ZERO, EVIDENCE, "Bổ sung minh chứng"))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void aRescindedProposalFreesItsFlag() {
            given(rankedYear(proposed("d-1", BAC_GIANG, Award.EMULATION_FLAG),
                    proposed("d-2", "btc-hung-yen", Award.EMULATION_FLAG),
                    new DecisionRescinded(CLUSTER_ID, YEAR, "d-undo", "d-2", "CommendationProposed", "Sai")))
                    .when(propose("d-3", "btc-hai-duong", Award.EMULATION_FLAG))
                    .expectEvents(proposed("d-3", "btc-hai-duong", Award.EMULATION_FLAG));
        }

        @Test
        void theOpeningIsNotRescindable() {
            given().when(new RescindYearDecision(CLUSTER_ID, YEAR, "d-undo", "d-open", "?"))
                    .expectException(refusedBy(Rule.NOT_RESCINDABLE))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownOrRescindedDecision() {
            given().when(new RescindYearDecision(CLUSTER_ID, YEAR, "d-undo", "d-none", "?"))
                    .expectException(refusedBy(Rule.DECISION_NOT_FOUND));
            given(rankedYear(proposed("d-1", BAC_GIANG, Award.EMULATION_FLAG),
                    new DecisionRescinded(CLUSTER_ID, YEAR, "d-undo", "d-1", "CommendationProposed", "Sai")))
                    .when(new RescindYearDecision(CLUSTER_ID, YEAR, "d-undo-2", "d-1", "?"))
                    .expectException(refusedBy(Rule.ALREADY_RESCINDED));
        }
    }

    @Nested
    class Closing {

        @Test
        void closesARankedYear() {
            given(rankedYear()).when(new CloseEmulationYear(CLUSTER_ID, YEAR, "d-close", "Kết thúc năm"))
                    .expectEvents(new EmulationYearClosed(CLUSTER_ID, YEAR, "d-close", "Kết thúc năm"));
        }

        @Test
        void refusesToCloseBeforeTheRanking() {
            given().when(new CloseEmulationYear(CLUSTER_ID, YEAR, "d-close", null))
                    .expectException(refusedBy(Rule.RANKING_NOT_FINALIZED))
                    .expectNoEvents();
        }

        @Test
        void aClosedYearAcceptsNothingMore() {
            Object[] closed = rankedYear(new EmulationYearClosed(CLUSTER_ID, YEAR, "d-close", null));
            given(closed).when(new SignPledge(CLUSTER_ID, YEAR, BAC_GIANG, SIGNATORY))
                    .expectException(refusedBy(Rule.YEAR_CLOSED));
            given(closed).when(propose("d-flag", BAC_GIANG, Award.EMULATION_FLAG))
                    .expectException(refusedBy(Rule.YEAR_CLOSED));
            given(closed).when(new RescindYearDecision(CLUSTER_ID, YEAR, "d-undo", "d-rank", "?"))
                    .expectException(refusedBy(Rule.YEAR_CLOSED));
            given(closed).when(new CloseEmulationYear(CLUSTER_ID, YEAR, "d-close-2", null))
                    .expectException(refusedBy(Rule.YEAR_CLOSED))
                    .expectNoEvents();
        }
    }

    @Nested
    class IssuingDocuments {

        private static final String SHA = "ab".repeat(32);

        private IssueDocument issue(String decisionId, DocumentKind kind, String unitId, int number) {
            return new IssueDocument(CLUSTER_ID, YEAR, decisionId, kind, unitId, number, "BB-CTĐ2", "Hải Dương", SHA,
                    120);
        }

        private DocumentIssued issued(String decisionId, DocumentKind kind, String unitId, int number) {
            return new DocumentIssued(CLUSTER_ID, YEAR, decisionId, kind, unitId, number, "BB-CTĐ2", "Hải Dương",
                    SHA, 120);
        }

        @Test
        void theMinutesAreIssuedOnceTheRankingIsFinalEvenAfterTheYearIsClosed() {
            given(rankedYear(new EmulationYearClosed(CLUSTER_ID, YEAR, "d-close", null)))
                    .when(issue("d-doc", DocumentKind.MINUTES, null, 2))
                    .expectEvents(issued("d-doc", DocumentKind.MINUTES, null, 2));
        }

        @Test
        void nothingIsIssuedBeforeTheRanking() {
            given(everyoneSignedAndReported().toArray()).when(issue("d-doc", DocumentKind.MINUTES, null, 2))
                    .expectException(refusedBy(Rule.RANKING_NOT_FINALIZED)).expectNoEvents();
        }

        @Test
        void aKindIsIssuedOnceACertificateOncePerUnitANumberOnce() {
            Object[] minutesIssued = rankedYear(issued("d-doc", DocumentKind.MINUTES, null, 2));
            given(minutesIssued).when(issue("d-doc-2", DocumentKind.MINUTES, null, 3))
                    .expectException(refusedBy(Rule.DOCUMENT_ALREADY_ISSUED)).expectNoEvents();
            given(minutesIssued).when(issue("d-doc-2", DocumentKind.PROPOSAL, null, 2))
                    .expectException(refusedBy(Rule.DOCUMENT_NUMBER_TAKEN)).expectNoEvents();
            Object[] certificateIssued = rankedYear(issued("d-cert", DocumentKind.CERTIFICATE, BAC_GIANG, 5));
            given(certificateIssued).when(issue("d-cert-2", DocumentKind.CERTIFICATE, BAC_GIANG, 6))
                    .expectException(refusedBy(Rule.DOCUMENT_ALREADY_ISSUED));
            given(certificateIssued).when(issue("d-cert-2", DocumentKind.CERTIFICATE, unitIds().get(1), 6))
                    .expectEvents(issued("d-cert-2", DocumentKind.CERTIFICATE, unitIds().get(1), 6));
        }

        @Test
        void aCertificateIsForAParticipant() {
            given(rankedYear()).when(issue("d-cert", DocumentKind.CERTIFICATE, "btc-khong-co", 5))
                    .expectException(refusedBy(Rule.NOT_A_MEMBER)).expectNoEvents();
        }

        @Test
        void anIssuedDocumentIsNotRescinded() {
            given(rankedYear(issued("d-doc", DocumentKind.MINUTES, null, 2)))
                    .when(new RescindYearDecision(CLUSTER_ID, YEAR, "d-undo", "d-doc", "in nhầm"))
                    .expectException(refusedBy(Rule.NOT_RESCINDABLE));
        }
    }

    /** Membership through the year: who takes part, who stopped, who came too late, and what each may still do. */
    @Nested
    class Participation {

        private final String hungYen = unitIds().get(1);
        private final MemberUnit haNam = new MemberUnit("btc-ha-nam-moi", "Ban Tổ chức Tỉnh ủy Hà Nam", "Hà Nam");

        @Test
        void aWithdrawnUnitsLaterActsAreRefusedAndItIsNotRanked() {
            Object withdrawn = new ParticipationEnded(CLUSTER_ID, YEAR, hungYen, ParticipationEnded.Cause.WITHDRAWN,
                    null, null);
            given(withdrawn).when(report(hungYen, points(50, 30), 0, 0))
                    .expectException(refusedBy(Rule.PARTICIPATION_ENDED)).expectNoEvents();
            List<String> stillTakingPart = unitIds().stream().filter(unitId -> !unitId.equals(hungYen)).toList();
            List<Standing> standings = Ranking.standings(stillTakingPart, Map.of(BAC_GIANG, BigDecimal.valueOf(90)));
            assertThat(standings).extracting(Standing::unitId).doesNotContain(hungYen);
            given(filed(BAC_GIANG, 55, 35), filed(hungYen, 56, 35), withdrawn)
                    .when(new FinalizeRanking(CLUSTER_ID, YEAR, "d-rank", null))
                    .expectEvents(new RankingFinalized(CLUSTER_ID, YEAR, "d-rank", standings, null));
        }

        @Test
        void aWithdrawnUnitIsNotProposedEvenIfRankedBefore() {
            given(rankedYear(new ParticipationEnded(CLUSTER_ID, YEAR, BAC_GIANG,
                    ParticipationEnded.Cause.WITHDRAWN, null, null)))
                    .when(propose("d-flag", BAC_GIANG, Award.EMULATION_FLAG))
                    .expectException(refusedBy(Rule.PARTICIPATION_ENDED));
        }

        @Test
        void aMemberAdmittedDuringTheYearIsNotAParticipantNorAStranger() {
            given(new MemberAdmittedDuringYear(CLUSTER_ID, YEAR, haNam))
                    .when(new SignPledge(CLUSTER_ID, YEAR, haNam.unitId(), SIGNATORY))
                    .expectException(refusedBy(Rule.NOT_A_PARTICIPANT));
            given().when(new SignPledge(CLUSTER_ID, YEAR, "btc-khong-co", SIGNATORY))
                    .expectException(refusedBy(Rule.NOT_A_MEMBER));
        }

        @Test
        void aMergersSuccessorReportsInItsPredecessorsPlaceAndKeepsTheirPledge() {
            Object[] merged = {signed(BAC_GIANG),
                    new ParticipationEnded(CLUSTER_ID, YEAR, BAC_GIANG, ParticipationEnded.Cause.MERGED,
                            haNam.unitId(), null),
                    new ParticipationEnded(CLUSTER_ID, YEAR, hungYen, ParticipationEnded.Cause.MERGED,
                            haNam.unitId(), null),
                    new ParticipationBegan(CLUSTER_ID, YEAR, haNam, ParticipationBegan.Cause.MERGER_SUCCESSOR,
                            List.of(BAC_GIANG, hungYen), null)};
            given(merged).when(report(haNam.unitId(), points(50, 30), 0, 0))
                    .expectSuccessfulHandlerExecution();
            given(merged).when(new SignPledge(CLUSTER_ID, YEAR, haNam.unitId(), SIGNATORY))
                    .expectException(refusedBy(Rule.ALREADY_SIGNED));
            given(merged).when(report(BAC_GIANG, points(50, 30), 0, 0))
                    .expectException(refusedBy(Rule.PARTICIPATION_ENDED));
        }

        @Test
        void aUnitTransferredInTakesPartAndItsBallotCountsAmongTheParticipants() {
            given(new ParticipationBegan(CLUSTER_ID, YEAR, haNam, ParticipationBegan.Cause.TRANSFERRED_IN,
                    List.of(), "cum-3"))
                    .when(new SignPledge(CLUSTER_ID, YEAR, haNam.unitId(), SIGNATORY))
                    .expectEvents(new PledgeSigned(CLUSTER_ID, YEAR, haNam.unitId(), SIGNATORY, false));
        }
    }
}
