package vn.thidua.query.scoreboard;

import java.util.ArrayList;
import java.util.Map;

import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.events.year.Scorecard;
import vn.thidua.events.year.Standing;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.scoreboard.Scoreboard.Officer;
import vn.thidua.query.scoreboard.Scoreboard.Row;
import vn.thidua.query.scoreboard.Scoreboard.Status;

/**
 * Scoreboard + event -> scoreboard. The same fold serves the live projection, a replay and {@code asOf}. It folds the
 * year's own events and the elections for the year as a term; the two streams touch different fields, so the order
 * in which they are interleaved does not change the result.
 */
public final class ScoreboardFold {

    private ScoreboardFold() {
    }

    public static Scoreboard apply(Scoreboard board, Envelope event) {
        if (board.changedAt == null || event.at().isAfter(board.changedAt)) {
            board.changedAt = event.at();
        }
        Object payload = event.payload();
        if (payload instanceof EmulationYearOpened opened) {
            board.status = Status.OPEN;
            board.criteria = new ArrayList<>(opened.scoringTable().criteria());
            board.maxBonus = opened.scoringTable().maxBonus();
            board.maxPenalty = opened.scoringTable().maxPenalty();
            board.pledgeTargets = new ArrayList<>(opened.pledgeTargets());
            board.pledgeDeadline = opened.pledgeDeadline();
            board.reportDeadline = opened.reportDeadline();
            opened.participants().forEach(unit -> board.rows.add(new Row(unit.unitId(), unit.name())));
        } else if (payload instanceof PledgeSigned signed) {
            board.row(signed.unitId()).pledgeSigned = true;
        } else if (payload instanceof AnnualReportFiled filed) {
            Row row = board.row(filed.unitId());
            row.reportFiled = true;
            row.reportLate = filed.late();
            row.selfScore = filed.selfScore().total();
            row.selfScorecard = filed.selfScore();
            row.reportSummary = filed.summary();
            row.evidence = filed.evidence();
        } else if (payload instanceof AnnualReportAmended amended) {
            Row row = board.row(amended.unitId());
            row.selfScore = amended.selfScore().total();
            row.selfScorecard = amended.selfScore();
            row.reportSummary = amended.summary();
            row.evidence = amended.evidence();
        } else if (payload instanceof ReportAssessed assessed) {
            Row row = board.row(assessed.unitId());
            row.assessments.put(assessed.decisionId(), assessed.assessedScore());
            assessmentInForce(row);
        } else if (payload instanceof RankingFinalized ranking) {
            board.status = Status.RANKED;
            board.rankingDecisionId = ranking.decisionId();
            for (Standing standing : ranking.standings()) {
                Row row = board.row(standing.unitId());
                row.rank = standing.rank();
                row.rankedScore = standing.score();
            }
        } else if (payload instanceof CommendationProposed proposed) {
            Row row = board.row(proposed.unitId());
            row.award = proposed.award();
            row.awardDecisionId = proposed.decisionId();
        } else if (payload instanceof ParticipationEnded ended) {
            board.row(ended.unitId()).participationEnded = ended.cause();
        } else if (payload instanceof ParticipationBegan began) {
            join(board, began);
        } else if (payload instanceof EmulationYearClosed) {
            board.status = Status.CLOSED;
        } else if (payload instanceof ClusterHeadElected elected && elected.termYear() == board.year) {
            board.head = new Officer(elected.unitId(), elected.decisionId());
        } else if (payload instanceof DeputyHeadElected elected && elected.termYear() == board.year) {
            board.deputy = new Officer(elected.unitId(), elected.decisionId());
        } else if (payload instanceof DecisionRescinded rescinded) {
            undo(board, rescinded.rescindedDecisionId());
        }
        return board;
    }

    /** A merger's successor counts its predecessors' pledge; a unit transferred in starts a row of its own here. */
    private static void join(Scoreboard board, ParticipationBegan began) {
        String unitId = began.unit().unitId();
        Row row = board.rows.stream().filter(r -> r.unitId.equals(unitId)).findFirst().orElseGet(() -> {
            Row added = new Row(unitId, began.unit().name());
            board.rows.add(added);
            return added;
        });
        row.participationEnded = null;
        row.pledgeSigned |= board.rows.stream()
                .anyMatch(r -> began.predecessorUnitIds().contains(r.unitId) && r.pledgeSigned);
    }

    private static void undo(Scoreboard board, String decisionId) {
        if (board.head != null && board.head.decisionId().equals(decisionId)) {
            board.head = null;
        }
        if (board.deputy != null && board.deputy.decisionId().equals(decisionId)) {
            board.deputy = null;
        }
        if (decisionId.equals(board.rankingDecisionId)) {
            board.rankingDecisionId = null;
            board.status = Status.OPEN;
            board.rows.forEach(row -> {
                row.rank = null;
                row.rankedScore = null;
            });
        }
        for (Row row : board.rows) {
            // A document stored before assessments were kept one by one knows only the one in force.
            if (row.assessments.remove(decisionId) != null || decisionId.equals(row.assessmentDecisionId)) {
                assessmentInForce(row);
            }
            if (decisionId.equals(row.awardDecisionId)) {
                row.award = null;
                row.awardDecisionId = null;
            }
        }
    }

    /** The latest assessment not rescinded is the one in force; with none, the unit's own score counts. */
    private static void assessmentInForce(Row row) {
        Map.Entry<String, Scorecard> latest = null;
        for (Map.Entry<String, Scorecard> assessment : row.assessments.entrySet()) {
            latest = assessment;
        }
        row.assessmentDecisionId = latest == null ? null : latest.getKey();
        row.assessedScorecard = latest == null ? null : latest.getValue();
        row.assessedScore = latest == null ? null : latest.getValue().total();
    }
}
