package vn.thidua.query.scoreboard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.thidua.events.year.Award;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.Evidence;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.events.year.PledgeTarget;
import vn.thidua.events.year.Scorecard;

/**
 * One cluster's year as the people working on it need it: the scoring table and pledge with their deadlines, each
 * participant's pledge, report (summary, points per criterion, evidence) and assessment, and the year's
 * {@code version} for {@code If-Match}. A report's content shows only to those who may read it: the record's keepers
 * and the officer of the unit that filed it.
 */
public record YearAtTheDesk(String clusterId, int year, Scoreboard.Status status, long version,
                            List<Criterion> criteria, BigDecimal maxBonus, BigDecimal maxPenalty,
                            List<PledgeTarget> pledgeTargets, LocalDate pledgeDeadline, LocalDate reportDeadline,
                            ScoreboardView.UnitRef head, ScoreboardView.UnitRef deputy, List<Participant> units) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Participant(String unitId, String unitName, boolean pledgeSigned, boolean reportFiled,
                              boolean reportLate, ParticipationEnded.Cause participationEnded, Integer rank,
                              BigDecimal finalScore, Award award, Report report, Scorecard assessment) {

        public boolean takesPart() {
            return participationEnded == null;
        }
    }

    /** The report in force: as filed, or as last amended. */
    public record Report(String summary, Scorecard selfScore, List<Evidence> evidence) {
    }

    /** {@code version}: the year's as the scoreboard model has seen it (see {@code VersionsSeen}). */
    public static YearAtTheDesk of(Scoreboard board, long version, Predicate<String> mayReadReportOf) {
        List<Participant> units = board.rows.stream().map(row -> {
            boolean readable = mayReadReportOf.test(row.unitId);
            return new Participant(row.unitId, row.unitName, row.pledgeSigned, row.reportFiled, row.reportLate,
                    row.participationEnded, row.rank, row.finalScore(), row.award,
                    readable && row.reportFiled ? new Report(row.reportSummary, row.selfScorecard,
                            row.evidence == null ? List.of() : row.evidence) : null,
                    readable ? row.assessedScorecard : null);
        }).toList();
        return new YearAtTheDesk(board.clusterId, board.year, board.status, version, board.criteria,
                board.maxBonus, board.maxPenalty, board.pledgeTargets, board.pledgeDeadline, board.reportDeadline,
                ScoreboardView.ref(board, board.head), ScoreboardView.ref(board, board.deputy), units);
    }
}
