package vn.thidua.query.scoreboard;

import java.time.Clock;
import java.time.Instant;
import java.util.stream.Stream;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import vn.thidua.query.admin.Projections;
import vn.thidua.query.projection.DocumentStore;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.ReadYourWrites;
import vn.thidua.query.web.Problem;

/** The scoreboard now (from the read model) or as it stood at an instant (folded afresh from the events). */
@Component
public class ScoreboardQueries {

    private final DocumentStore documents;
    private final EventStore eventStore;
    private final Projections projections;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    public ScoreboardQueries(DocumentStore documents, EventStore eventStore, Projections projections,
                             ReadYourWrites readYourWrites, Clock clock) {
        this.documents = documents;
        this.eventStore = eventStore;
        this.projections = projections;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    public ScoreboardView live(String clusterId, int year, Long minVersion) {
        projections.requireLive(ScoreboardProjection.MODEL);
        readYourWrites.await(ScoreboardProjection.MODEL, yearAggregate(clusterId, year), minVersion);
        return documents.load(ScoreboardProjection.MODEL, ScoreboardProjection.key(clusterId, year), Scoreboard.class)
                .map(DocumentStore.Stored::state)
                .filter(Scoreboard::isOpened)
                .map(board -> ScoreboardView.of(board, clock.instant()))
                .orElseThrow(() -> Problem.YEAR_NOT_FOUND.raise(clusterId, year));
    }

    /** Folds the cluster's and the year's events recorded up to {@code asOf}, with the live projection's fold. */
    public ScoreboardView asOf(String clusterId, int year, Instant asOf) {
        Scoreboard board = new Scoreboard(clusterId, year);
        Stream.concat(eventStore.readEvents(clusterId).asStream(),
                        eventStore.readEvents(yearAggregate(clusterId, year)).asStream())
                .filter(message -> !message.getTimestamp().isAfter(asOf))
                .map(Envelope::of)
                .forEach(event -> ScoreboardFold.apply(board, event));
        if (!board.isOpened()) {
            throw Problem.YEAR_NOT_FOUND.raise(clusterId, year);
        }
        return ScoreboardView.of(board, asOf);
    }

    /** The id of the year aggregate, as the command side names it. */
    static String yearAggregate(String clusterId, int year) {
        return clusterId + ":" + year;
    }
}
