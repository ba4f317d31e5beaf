package vn.thidua.query.scoreboard;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import vn.thidua.events.YearId;
import vn.thidua.query.projection.AnswerCache;
import vn.thidua.query.projection.DocumentStore;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.ReadModelChanges;
import vn.thidua.query.projection.ReadGate;
import vn.thidua.query.web.Problem;

/**
 * The scoreboard now (from the read model) or as it stood at an instant (folded afresh from the events). The live
 * scoreboard is rendered once per change of its document and served from memory until the next change.
 */
@Component
public class ScoreboardQueries {

    /** A year the cluster opened, and where its scoreboard stands. */
    public record YearSummary(int year, Scoreboard.Status status) {
    }

    /** The live scoreboard, its JSON as served and an entity tag for conditional reads. */
    public record Answer(ScoreboardView view, byte[] json, String etag) {
    }

    private final DocumentStore documents;
    private final EventStore eventStore;
    private final ReadGate gate;
    private final JsonMapper json;
    private final AnswerCache<Answer> answers;

    public ScoreboardQueries(DocumentStore documents, EventStore eventStore, ReadGate gate, JsonMapper json, ReadModelChanges changes) {
        this.documents = documents;
        this.eventStore = eventStore;
        this.gate = gate;
        this.json = json;
        this.answers = new AnswerCache<>(ScoreboardProjection.MODEL, changes);
    }

    /** The scoreboard as the read model holds it, once it reflects {@code minPosition} where given. */
    public Answer live(String clusterId, int year, Long minPosition) {
        gate.enter(ScoreboardProjection.MODEL, minPosition);
        String key = ScoreboardProjection.key(clusterId, year);
        if (minPosition == null) {
            return answers.get(key, () -> render(clusterId, year));
        }
        return answers.refresh(key, () -> render(clusterId, year));
    }

    /** The years the cluster has opened, oldest first. */
    public List<YearSummary> years(String clusterId, Long minPosition) {
        gate.enter(ScoreboardProjection.MODEL, minPosition);
        return documents.loadByKeyPrefix(ScoreboardProjection.MODEL, YearId.prefix(clusterId),
                        Scoreboard.class).stream()
                .filter(Scoreboard::isOpened)
                .map(board -> new YearSummary(board.year, board.status))
                .sorted(java.util.Comparator.comparingInt(YearSummary::year))
                .toList();
    }

    /** The scoreboard rendered afresh, for a subscriber told of a change that this cache may not have heard yet. */
    Answer afterChange(String clusterId, int year) {
        return answers.refresh(ScoreboardProjection.key(clusterId, year), () -> render(clusterId, year));
    }

    private Answer render(String clusterId, int year) {
        ScoreboardView view = documents.load(ScoreboardProjection.MODEL, ScoreboardProjection.key(clusterId, year),
                        Scoreboard.class)
                .map(DocumentStore.Stored::state)
                .filter(Scoreboard::isOpened)
                .map(board -> ScoreboardView.of(board, board.changedAt))
                .orElseThrow(() -> Problem.YEAR_NOT_FOUND.raise(clusterId, year));
        byte[] body = json.writeValueAsBytes(view);
        return new Answer(view, body, etagOf(body));
    }

    private static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Folds the cluster's and the year's events recorded up to {@code asOf}, with the live projection's fold. */
    public ScoreboardView asOf(String clusterId, int year, Instant asOf) {
        Scoreboard board = new Scoreboard(clusterId, year);
        Stream.concat(eventStore.readEvents(clusterId).asStream(),
                        eventStore.readEvents(YearId.of(clusterId, year)).asStream())
                .filter(message -> !message.getTimestamp().isAfter(asOf))
                .map(Envelope::of)
                .forEach(event -> ScoreboardFold.apply(board, event));
        if (!board.isOpened()) {
            throw Problem.YEAR_NOT_FOUND.raise(clusterId, year);
        }
        return ScoreboardView.of(board, asOf);
    }
}
