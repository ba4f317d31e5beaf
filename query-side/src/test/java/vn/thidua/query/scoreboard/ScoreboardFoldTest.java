package vn.thidua.query.scoreboard;

import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.Award;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.events.year.Scorecard;
import vn.thidua.events.year.ScoringTable;
import vn.thidua.events.year.Signatory;
import vn.thidua.events.year.Standing;
import vn.thidua.events.year.Evidence;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.query.projection.Envelope;

class ScoreboardFoldTest {

    private static final Ballot BALLOT = new Ballot(3, 3, 3, 0, 0);
    private static final List<MemberUnit> UNITS = List.of(
            new MemberUnit("btc-bac-giang", "Ban Tổ chức Tỉnh ủy Bắc Giang", "Bắc Giang"),
            new MemberUnit("btc-hung-yen", "Ban Tổ chức Tỉnh ủy Hưng Yên", "Hưng Yên"),
            new MemberUnit("btc-hai-duong", "Ban Tổ chức Tỉnh ủy Hải Dương", "Hải Dương"));

    private static long sequence;

    private static Envelope event(Object payload) {
        return new Envelope(payload, "e-" + sequence, "cum-2:2017", sequence++, Instant.EPOCH,
                java.time.LocalDate.EPOCH, null, null);
    }

    private static Scoreboard fold(Object... payloads) {
        Scoreboard board = new Scoreboard("cum-2", 2017);
        for (Object payload : payloads) {
            board = ScoreboardFold.apply(board, event(payload));
        }
        return board;
    }

    private static Scorecard total(int points) {
        return new Scorecard(Map.of("c", BigDecimal.valueOf(points)), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.valueOf(points));
    }

    private static final EmulationYearOpened OPENED = new EmulationYearOpened("cum-2", 2017, "d-open",
            new ScoringTable(List.of(new Criterion("c", "A", "Tiêu chí", BigDecimal.valueOf(100))), BigDecimal.ONE,
                    BigDecimal.ONE), List.of(), LocalDate.of(2017, 3, 31), LocalDate.of(2017, 12, 15), UNITS,
            ClusterRules.defaults());

    @Test
    void rowsFollowSignaturesReportsAssessmentsRankingAndAwards() {
        Scoreboard board = fold(OPENED,
                new PledgeSigned("cum-2", 2017, "btc-bac-giang", new Signatory("A", "Trưởng ban"), false),
                new AnnualReportFiled("cum-2", 2017, "btc-bac-giang", "s", total(80), List.of(), false),
                new AnnualReportFiled("cum-2", 2017, "btc-hung-yen", "s", total(85), List.of(), true),
                new ReportAssessed("cum-2", 2017, "d-a", "btc-bac-giang", total(90), null),
                new RankingFinalized("cum-2", 2017, "d-r", List.of(
                        new Standing(1, "btc-bac-giang", BigDecimal.valueOf(90)),
                        new Standing(2, "btc-hung-yen", BigDecimal.valueOf(85)),
                        new Standing(null, "btc-hai-duong", null)), null),
                new CommendationProposed("cum-2", 2017, "d-c", "btc-bac-giang", Award.EMULATION_FLAG, BALLOT, "BB"));

        ScoreboardView view = ScoreboardView.of(board, Instant.EPOCH);
        assertThat(view.status()).isEqualTo(Scoreboard.Status.RANKED);
        assertThat(view.rows()).extracting(ScoreboardView.RowView::unitId)
                .containsExactly("btc-bac-giang", "btc-hung-yen", "btc-hai-duong");
        ScoreboardView.RowView first = view.rows().get(0);
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.pledgeSigned()).isTrue();
        assertThat(first.selfScore()).isEqualByComparingTo("80");
        assertThat(first.assessedScore()).isEqualByComparingTo("90");
        assertThat(first.finalScore()).isEqualByComparingTo("90");
        assertThat(first.award()).isEqualTo(Award.EMULATION_FLAG);
        assertThat(view.rows().get(1).reportLate()).isTrue();
        assertThat(view.rows().get(2).rank()).isNull();
        assertThat(view.rows().get(2).reportFiled()).isFalse();
    }

    /** The desk's year: table, pledge and deadlines for all; a report's content only for those who may read it. */
    @Test
    void theDeskSeesTheTableTheReportsAndTheYearsVersionAndHidesAReportFromOthers() {
        Evidence file = new Evidence("Báo cáo tổng kết", "ab".repeat(32), null);
        Scoreboard board = fold(OPENED,
                new AnnualReportFiled("cum-2", 2017, "btc-bac-giang", "Hoàn thành", total(80), List.of(file), false),
                new AnnualReportAmended("cum-2", 2017, "btc-bac-giang", "Hoàn thành xuất sắc", total(82),
                        List.of(file), "sửa điểm"),
                new ReportAssessed("cum-2", 2017, "d-a", "btc-bac-giang", total(81), null));
        YearAtTheDesk keeper = YearAtTheDesk.of(board, 3, unitId -> true);
        assertThat(keeper.criteria()).extracting(Criterion::criterionId).containsExactly("c");
        assertThat(keeper.maxBonus()).isEqualByComparingTo("1");
        assertThat(keeper.pledgeDeadline()).isEqualTo(LocalDate.of(2017, 3, 31));
        assertThat(keeper.reportDeadline()).isEqualTo(LocalDate.of(2017, 12, 15));
        YearAtTheDesk.Participant bacGiang = keeper.units().get(0);
        assertThat(bacGiang.report().summary()).as("as amended").isEqualTo("Hoàn thành xuất sắc");
        assertThat(bacGiang.report().selfScore().total()).isEqualByComparingTo("82");
        assertThat(bacGiang.report().evidence()).containsExactly(file);
        assertThat(bacGiang.assessment().total()).isEqualByComparingTo("81");

        YearAtTheDesk.Participant seenByAnother = YearAtTheDesk.of(board, 3, unitId -> false).units().get(0);
        assertThat(seenByAnother.reportFiled()).isTrue();
        assertThat(seenByAnother.report()).isNull();
        assertThat(seenByAnother.assessment()).isNull();
    }

    /** Who stopped taking part keeps its row, marked; a merger's successor joins with its predecessors' pledge. */
    @Test
    void participationThroughTheYearShowsOnTheBoard() {
        MemberUnit successor = new MemberUnit("btc-bac-hung", "Ban Tổ chức Tỉnh ủy Bắc Hưng", "Bắc Giang");
        Scoreboard board = fold(OPENED,
                new PledgeSigned("cum-2", 2017, "btc-bac-giang", new Signatory("A", "Trưởng ban"), false),
                new ParticipationEnded("cum-2", 2017, "btc-bac-giang", ParticipationEnded.Cause.MERGED,
                        successor.unitId(), null),
                new ParticipationEnded("cum-2", 2017, "btc-hung-yen", ParticipationEnded.Cause.MERGED,
                        successor.unitId(), null),
                new ParticipationBegan("cum-2", 2017, successor, ParticipationBegan.Cause.MERGER_SUCCESSOR,
                        List.of("btc-bac-giang", "btc-hung-yen"), null));
        List<ScoreboardView.RowView> rows = ScoreboardView.of(board, Instant.EPOCH).rows();
        assertThat(rows).extracting(ScoreboardView.RowView::unitId)
                .contains("btc-bac-giang", "btc-hung-yen", "btc-bac-hung");
        assertThat(rows).filteredOn(row -> row.unitId().equals("btc-bac-giang"))
                .extracting(ScoreboardView.RowView::participationEnded).containsExactly(ParticipationEnded.Cause.MERGED);
        ScoreboardView.RowView joined = rows.stream().filter(row -> row.unitId().equals("btc-bac-hung")).findFirst()
                .orElseThrow();
        assertThat(joined.participationEnded()).isNull();
        assertThat(joined.pledgeSigned()).as("the predecessors' pledge").isTrue();
    }

    @Test
    void aRescissionUndoesExactlyTheDecisionItNames() {
        Scoreboard board = fold(OPENED,
                new AnnualReportFiled("cum-2", 2017, "btc-bac-giang", "s", total(80), List.of(), false),
                new ReportAssessed("cum-2", 2017, "d-a", "btc-bac-giang", total(90), null),
                new DecisionRescinded("cum-2", 2017, "d-undo", "d-a", "ReportAssessed", "nhầm"));
        ScoreboardView.RowView row = ScoreboardView.of(board, Instant.EPOCH).rows().get(0);
        assertThat(row.assessedScore()).isNull();
        assertThat(row.finalScore()).isEqualByComparingTo("80");
    }

    @Test
    void rescindingTheLatestAssessmentPutsTheOneBeforeBackInForce() {
        ReportAssessed first = new ReportAssessed("cum-2", 2017, "d-a1", "btc-bac-giang", total(90), null);
        ReportAssessed second = new ReportAssessed("cum-2", 2017, "d-a2", "btc-bac-giang", total(85), null);
        AnnualReportFiled filed = new AnnualReportFiled("cum-2", 2017, "btc-bac-giang", "s", total(80), List.of(),
                false);
        DecisionRescinded undoSecond = new DecisionRescinded("cum-2", 2017, "d-undo", "d-a2", "ReportAssessed", "nhầm");
        Scoreboard board = fold(OPENED, filed, first, second, undoSecond);
        ScoreboardView.RowView row = ScoreboardView.of(board, Instant.EPOCH).rows().get(0);
        assertThat(row.assessedScore()).isEqualByComparingTo("90");
        assertThat(board.row("btc-bac-giang").assessmentDecisionId).isEqualTo("d-a1");

        Scoreboard bothUndone = fold(OPENED, filed, first, second, undoSecond,
                new DecisionRescinded("cum-2", 2017, "d-undo-1", "d-a1", "ReportAssessed", "nhầm"));
        assertThat(ScoreboardView.of(bothUndone, Instant.EPOCH).rows().get(0).finalScore()).isEqualByComparingTo("80");
    }

    @Test
    void showsTheHeadElectedForTheYearAsATermWhateverOrderTheStreamsInterleave() {
        ClusterHeadElected head = new ClusterHeadElected("cum-2", "d-h", 2017, "btc-bac-giang", BALLOT, "BB");
        ClusterHeadElected otherTerm = new ClusterHeadElected("cum-2", "d-h2", 2018, "btc-hung-yen", BALLOT, "BB");
        ScoreboardView before = ScoreboardView.of(fold(head, otherTerm, OPENED), Instant.EPOCH);
        ScoreboardView after = ScoreboardView.of(fold(OPENED, otherTerm, head), Instant.EPOCH);
        assertThat(before).isEqualTo(after);
        assertThat(after.head()).isEqualTo(new ScoreboardView.UnitRef("btc-bac-giang", "Ban Tổ chức Tỉnh ủy Bắc Giang"));
        assertThat(ScoreboardView.of(fold(OPENED, head,
                new DecisionRescinded("cum-2", 2017, "d-x", "d-h", "ClusterHeadElected", "sai")), Instant.EPOCH)
                .head()).isNull();
    }
}
