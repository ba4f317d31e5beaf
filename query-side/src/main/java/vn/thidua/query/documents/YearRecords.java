package vn.thidua.query.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.thidua.events.ClusterEvent;
import vn.thidua.events.YearEvent;
import vn.thidua.events.YearId;
import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.ledger.StoredEvent;
import vn.thidua.query.ledger.SealedLedger;
import vn.thidua.query.narration.UnitNames;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.StoredPayloads;
import vn.thidua.query.scoreboard.Scoreboard;
import vn.thidua.query.scoreboard.ScoreboardFold;
import vn.thidua.query.scoreboard.ScoreboardView;
import vn.thidua.query.web.Problem;

/**
 * Builds a year's record from the ledger: the cluster's and the year's events sealed below a tree size, folded with
 * the read models' own folds. Documents are made from this, never from a read model, so that a document names the
 * checkpoint it was made at and the same checkpoint always gives the same document.
 */
@Component
public class YearRecords {

    /** An event of the record with the leaf it was sealed as. */
    public record Sealed(long leafIndex, StoredEvent stored, ClusterEvent event) {
    }

    private final JdbcClient jdbc;
    private final SealedLedger ledger;

    public YearRecords(JdbcClient jdbc, SealedLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** The checkpoint a document is made at: the one asked for, or the latest. */
    public SealedLedger.SignedCheckpoint checkpoint(Long treeSize) {
        return treeSize == null ? ledger.latest() : ledger.at(treeSize)
                .orElseThrow(() -> Problem.TREE_SIZE_INVALID.raise(treeSize, ledger.latest().treeSize()));
    }

    /** Every sealed event of the cluster and of the year, in the ledger's order, as the store holds them now. */
    public List<Sealed> sealedEvents(String clusterId, int year) {
        return jdbc.sql("select l.leaf_index, e.* from ledger_leaf l"
                        + " join domain_event_entry e on e.event_identifier = l.event_id"
                        + " where e.aggregate_identifier in (?, ?) order by l.leaf_index")
                .params(clusterId, YearId.of(clusterId, year))
                .query((row, i) -> {
                    StoredEvent stored = StoredEvent.read(row);
                    Object payload = StoredPayloads.payload(stored).orElse(null);
                    return payload instanceof ClusterEvent event ? new Sealed(row.getLong("leaf_index"), stored, event)
                            : null;
                })
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }

    public YearRecord record(String clusterId, int year, SealedLedger.SignedCheckpoint checkpoint) {
        List<Sealed> events = sealedEvents(clusterId, year).stream()
                .filter(sealed -> sealed.leafIndex() < checkpoint.treeSize()).toList();
        Scoreboard board = new Scoreboard(clusterId, year);
        UnitNames names = new UnitNames();
        ClusterFormed formed = null;
        Map<String, String> rescinded = new HashMap<>();
        List<YearRecord.Rescission> rescissions = new ArrayList<>();
        Map<String, LocalDate> reviews = new HashMap<>();
        LocalDate latestAct = null;
        for (Sealed sealed : events) {
            Envelope envelope = StoredPayloads.envelope(sealed.stored(), sealed.event());
            board = ScoreboardFold.apply(board, envelope);
            if (sealed.event() instanceof YearEvent yearEvent && yearEvent.year() == year
                    && (latestAct == null || envelope.occurredOn().isAfter(latestAct))) {
                latestAct = envelope.occurredOn();
            }
            if (sealed.event() instanceof RankingFinalized ranking && ranking.year() == year) {
                reviews.put(ranking.decisionId(), envelope.occurredOn());
            }
            names = UnitNames.apply(names, sealed.event());
            if (sealed.event() instanceof ClusterFormed clusterFormed) {
                formed = clusterFormed;
            } else if (sealed.event() instanceof DecisionRescinded rescission
                    && concerns(rescission.year(), year)) {
                rescinded.put(rescission.rescindedDecisionId(), rescission.reason());
                rescissions.add(new YearRecord.Rescission(rescission.rescindedDecisionId(),
                        rescission.rescindedDecisionType(), rescission.reason()));
            }
        }
        ScoreboardView view = ScoreboardView.of(board, Instant.parse(checkpoint.createdAt()));
        if (formed == null || !board.isOpened()) {
            throw Problem.YEAR_NOT_FOUND.raise(clusterId, year);
        }
        LocalDate review = reviews.entrySet().stream().filter(entry -> !rescinded.containsKey(entry.getKey()))
                .map(Map.Entry::getValue).max(LocalDate::compareTo).orElse(latestAct);
        List<YearRecord.Election> elections = new ArrayList<>();
        List<YearRecord.Commendation> commendations = new ArrayList<>();
        for (Sealed sealed : events) {
            if (sealed.event() instanceof ClusterHeadElected e && concerns(e.termYear(), year)) {
                elections.add(new YearRecord.Election("HEAD", e.termYear(), e.unitId(), names.of(e.unitId()),
                        e.ballot(), e.minutesRef(), rescinded.get(e.decisionId())));
            } else if (sealed.event() instanceof DeputyHeadElected e && concerns(e.termYear(), year)) {
                elections.add(new YearRecord.Election("DEPUTY", e.termYear(), e.unitId(), names.of(e.unitId()),
                        e.ballot(), e.minutesRef(), rescinded.get(e.decisionId())));
            } else if (sealed.event() instanceof CommendationProposed e && e.year() == year) {
                ScoreboardView.RowView row = view.rows().stream().filter(r -> r.unitId().equals(e.unitId()))
                        .findFirst().orElse(null);
                commendations.add(new YearRecord.Commendation(e.unitId(), names.of(e.unitId()), e.award(),
                        row == null ? null : row.rank(), row == null ? null : row.finalScore(), e.ballot(),
                        e.minutesRef(), rescinded.get(e.decisionId())));
            }
        }
        return new YearRecord(clusterId, formed.name(), formed.sector(), year, checkpoint.treeSize(),
                HexFormat.of().formatHex(checkpoint.rootHash()), review,
                placeOf(names, view), view, elections, commendations, rescissions,
                events.stream().map(sealed -> sealed.stored().eventId()).toList());
    }

    /** A year's review also elects the next term's officers. */
    private static boolean concerns(Integer termOrYear, int year) {
        return termOrYear != null && (termOrYear == year || termOrYear == year + 1);
    }

    /**
     * Where the review sits, before a document issued says where it was signed: the province of the year's head, or
     * of the unit listed first on the board (ranked first, once ranked), whenever it joined the cluster.
     */
    private static String placeOf(UnitNames names, ScoreboardView view) {
        String unitId = view.head() != null ? view.head().unitId() : view.rows().get(0).unitId();
        return names.provinceOf(unitId);
    }
}
