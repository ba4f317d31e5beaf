package vn.thidua.query.documents;

import java.time.LocalDate;
import java.util.List;

import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.year.Award;
import vn.thidua.query.scoreboard.ScoreboardView;

/**
 * What a year's official documents print, as the record stood in the ledger's tree of {@code treeSize} leaves: the
 * same tree gives the same record, hence the same text. {@code date} is the day of the year-end review (the act day of
 * the ranking in force), or, before one, of the year's latest act: the documents are dated by what they record, not
 * by when they are printed.
 */
public record YearRecord(String clusterId, String clusterName, String sector, int year, long treeSize,
                         String rootHash, LocalDate date, String place, ScoreboardView board,
                         List<Election> elections, List<Commendation> commendations, List<Rescission> rescissions,
                         List<String> eventIds) {

    /** An election of a head or deputy, with its ballot; {@code rescindedFor} the reason if it was rescinded. */
    public record Election(String office, int termYear, String unitId, String unitName, Ballot ballot,
                           String minutesRef, String rescindedFor) {
    }

    /** An award proposal with its ballot and the unit's result. */
    public record Commendation(String unitId, String unitName, Award award, Integer rank,
                               java.math.BigDecimal finalScore, Ballot ballot, String minutesRef,
                               String rescindedFor) {

        /** Votes for as a percentage of those present, as the council reads a vote share. */
        public long votePercent() {
            return ballot.votersPresent() == 0 ? 0 : Math.round(100.0 * ballot.votesFor() / ballot.votersPresent());
        }
    }

    /** A decision withdrawn, what it was and why. */
    public record Rescission(String rescindedDecisionId, String rescindedType, String reason) {
    }

    /** The head elected for the next term, not rescinded; null if none yet. */
    public Election nextHead() {
        return elections.stream().filter(e -> e.termYear() == year + 1 && "HEAD".equals(e.office())
                && e.rescindedFor() == null).reduce((first, later) -> later).orElse(null);
    }

    /** The record as a document issued on {@code day} at {@code where} is dated. */
    public YearRecord signedAt(LocalDate day, String where) {
        return new YearRecord(clusterId, clusterName, sector, year, treeSize, rootHash, day, where, board, elections,
                commendations, rescissions, eventIds);
    }

    public ScoreboardView.RowView rowOf(String unitId) {
        return board.rows().stream().filter(row -> row.unitId().equals(unitId)).findFirst().orElse(null);
    }
}
