package vn.thidua.query.scoreboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

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

    /**
     * The live scoreboard, its JSON as served, the same JSON gzipped (compressed once per change, not per request:
     * dashboards poll it) and an entity tag for each of the two representations.
     */
    public record Answer(ScoreboardView view, byte[] json, String etag, byte[] gzippedJson) {

        /** A gzipped body is another representation, so its tag differs (as Apache's mod_deflate marks it). */
        public String gzippedEtag() {
            return etag.substring(0, etag.length() - 1) + "-gzip\"";
        }
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

    /** The scoreboard document itself, with what the view leaves out (the points per criterion). */
    public Scoreboard board(String clusterId, int year, Long minPosition) {
        gate.enter(ScoreboardProjection.MODEL, minPosition);
        return opened(clusterId, year);
    }

    private Scoreboard opened(String clusterId, int year) {
        return documents.load(ScoreboardProjection.MODEL, ScoreboardProjection.key(clusterId, year), Scoreboard.class)
                .map(DocumentStore.Stored::state)
                .filter(Scoreboard::isOpened)
                .orElseThrow(() -> Problem.YEAR_NOT_FOUND.raise(clusterId, year));
    }

    private Answer render(String clusterId, int year) {
        Scoreboard board = opened(clusterId, year);
        ScoreboardView view = ScoreboardView.of(board, board.changedAt);
        byte[] body = json.writeValueAsBytes(view);
        return new Answer(view, body, etagOf(body), gzip(body));
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 4);
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory stream does not fail", e);
        }
        return compressed.toByteArray();
    }

    private static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The scoreboard as it stood, folded afresh from the cluster's and the year's events with the live projection's
     * fold: as recorded up to the instant {@code asOf}, and/or as things stood on the day {@code asOfDate} (acts that
     * took place on or before it, whenever they were entered). Either may be null, not both.
     */
    public ScoreboardView asOf(String clusterId, int year, Instant asOf, LocalDate asOfDate) {
        Scoreboard board = new Scoreboard(clusterId, year);
        Stream.concat(eventStore.readEvents(clusterId).asStream(),
                        eventStore.readEvents(YearId.of(clusterId, year)).asStream())
                .filter(message -> asOf == null || !message.getTimestamp().isAfter(asOf))
                .map(Envelope::of)
                .filter(event -> asOfDate == null || !event.occurredOn().isAfter(asOfDate))
                .forEach(event -> ScoreboardFold.apply(board, event));
        if (!board.isOpened()) {
            throw Problem.YEAR_NOT_FOUND.raise(clusterId, year);
        }
        return ScoreboardView.asOf(board, asOf, asOfDate);
    }
}
