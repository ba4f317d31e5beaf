package vn.thidua.query.scoreboard;

import vn.thidua.events.year.ParticipationEnded;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import vn.thidua.events.year.Award;

/**
 * The scoreboard as clients read it: rows by rank, unranked units last in the order of the participants. {@code asOf}
 * is the record time it stands at; {@code asOfDate}, where asked, the day of the acts it counts.
 */
public record ScoreboardView(String clusterId, int year, Scoreboard.Status status, Instant asOf,
                             LocalDate asOfDate, UnitRef head, UnitRef deputy, List<RowView> rows) {

    public record UnitRef(String unitId, String name) {
    }

    public record RowView(Integer rank, String unitId, String unitName, boolean pledgeSigned, boolean reportFiled,
                          boolean reportLate, BigDecimal selfScore, BigDecimal assessedScore, BigDecimal finalScore,
                          Award award, ParticipationEnded.Cause participationEnded) {
    }

    public static ScoreboardView of(Scoreboard board, Instant asOf) {
        return of(board, asOf, null);
    }

    public static ScoreboardView of(Scoreboard board, Instant asOf, LocalDate asOfDate) {
        List<RowView> rows = board.rows.stream()
                .sorted(Comparator.comparing((Scoreboard.Row row) -> row.rank,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .map(row -> new RowView(row.rank, row.unitId, row.unitName, row.pledgeSigned, row.reportFiled,
                        row.reportLate, row.selfScore, row.assessedScore, row.finalScore(), row.award,
                        row.participationEnded))
                .toList();
        return new ScoreboardView(board.clusterId, board.year, board.status, asOf, asOfDate, ref(board, board.head),
                ref(board, board.deputy), rows);
    }

    /** The scoreboard folded up to a moment: standing at {@code asOf}, or where none is given, at its latest event. */
    public static ScoreboardView asOf(Scoreboard board, Instant asOf, LocalDate asOfDate) {
        return of(board, asOf != null ? asOf : board.changedAt, asOfDate);
    }

    static UnitRef ref(Scoreboard board, Scoreboard.Officer officer) {
        return officer == null ? null : new UnitRef(officer.unitId(), board.nameOf(officer.unitId()));
    }
}
