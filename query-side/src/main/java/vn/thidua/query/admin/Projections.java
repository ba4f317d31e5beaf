package vn.thidua.query.admin;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.Optional;
import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.thidua.query.decisions.DecisionLogFollower;
import vn.thidua.query.web.Problem;

/**
 * The read models, each fed by its own pooled streaming processor of the same name, but for the decision log, which
 * follows the ledger: their state, a replay from the first event, how far each has read, and the guard that keeps a
 * rebuilding model from passing half-built data off as final.
 */
@Component
public class Projections {

    /** The read model that follows the ledger rather than a processor. */
    private static final String LEDGER_FOLLOWED = "decision-log";

    public static final List<String> READ_MODELS =
            List.of("clusters", "leadership", "scoreboard", "decision-log", "timeline", "unit-record");

    /** One read model's processor as the admin listing shows it. */
    public record ProjectionState(String name, String status, Long position, boolean replaying, double progress) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final Map<String, LedgerOrderedModel> ledgerOrdered = new HashMap<>();
    private final ReadModelRebuilds rebuilds;

    public Projections(EventProcessingConfiguration processing, EventStore eventStore, JdbcClient jdbc,
                       Serializer serializer, List<LedgerOrderedModel> ledgerOrdered, ReadModelRebuilds rebuilds) {
        this.processing = processing;
        this.rebuilds = rebuilds;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
        ledgerOrdered.forEach(model -> this.ledgerOrdered.put(model.name(), model));
    }

    /** The store's head: the highest global index any event has. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /**
     * Every read model: those this replica runs as their processors say; the others ({@code ELSEWHERE}: a replica
     * may run some only, thidua.read-models.NAME.enabled=false) as the tables their runners write say.
     */
    public List<ProjectionState> list() {
        long head = head();
        return READ_MODELS.stream().map(name -> state(name, head)).toList();
    }

    private ProjectionState state(String name, long head) {
        LedgerOrderedModel followed = ledgerOrdered.get(name);
        if (followed != null) {
            boolean replaying = followed.isReplaying();
            return new ProjectionState(name, followed.isRunning() ? "RUNNING" : "STOPPED", followed.sealedThrough(),
                    replaying, replaying ? followed.progress() : fraction(followed.sealedThrough(), head));
        }
        Optional<StreamingEventProcessor> runHere = processing.eventProcessor(name, StreamingEventProcessor.class);
        if (runHere.isEmpty()) {
            boolean replaying = name.equals(LEDGER_FOLLOWED) ? followerRebuilding() : rebuilds.isRebuilding(name);
            return new ProjectionState(name, "ELSEWHERE", null, replaying, replaying ? 0.0 : 1.0);
        }
        StreamingEventProcessor processor = runHere.get();
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        Long position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).max(Long::compare).orElse(null);
        boolean replaying = rebuilds.isRebuilding(name);
        String status = processor.isError() ? "ERROR" : processor.isRunning() ? "RUNNING" : "STOPPED";
        // A rebuild's progress is the events folded beside the live model, known on the replica that builds it.
        OptionalLong foldedBeside = rebuilds.foldedBeside(name);
        double progress = foldedBeside.isPresent() ? fraction(foldedBeside.getAsLong(), head)
                : replaying ? 0.0 : fraction(position == null ? 0 : position, head);
        return new ProjectionState(name, status, position, replaying, progress);
    }

    private static double fraction(long done, long total) {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }

    /**
     * Rebuilds the model from the first event: the decision log from the first leaf; the others through
     * {@link ReadModelRebuilds}, from whichever replica is asked and whichever run the model.
     */
    public void replay(String name) {
        if (ledgerOrdered.containsKey(name)) {
            ledgerOrdered.get(name).replay();
            return;
        }
        requireKnown(name);
        if (name.equals(LEDGER_FOLLOWED)) {
            throw Problem.REPLAY_REFUSED.raise(name, "this replica does not run it; ask one that does");
        }
        rebuilds.request(name);
    }

    /**
     * Whether the read model has processed every event up to that global index: every segment's token covers it.
     * Segments this replica works on are read from memory (a segment's token moves there as soon as a batch commits,
     * or at once when the batch had nothing for it); the others from the token store.
     */
    public boolean processedThrough(String name, long position) {
        return processedBy(name).test(position);
    }

    /** {@link #processedThrough} for many positions: the model's progress read once, each position judged by it. */
    public LongPredicate processedBy(String name) {
        if (ledgerOrdered.containsKey(name)) {
            return ledgerOrdered.get(name)::processedThrough;
        }
        if (name.equals(LEDGER_FOLLOWED)) {
            long sealedThrough = jdbc.sql("select sealed_through from ledger_follower where name = ?").param(name)
                    .query(Long.class).optional().orElse(-1L);
            return position -> sealedThrough >= position;
        }
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        jdbc.sql("select segment, token, token_type from token_entry where processor_name = ?").param(name)
                .query((row, i) -> tokens.put(row.getInt(1), row.getString(2) == null ? null
                        : serializer.deserialize(new SimpleSerializedObject<>(row.getString(2), String.class,
                        row.getString(3), null))))
                .list();
        processing.eventProcessor(name, StreamingEventProcessor.class)
                .ifPresent(processor -> processor.processingStatus()
                        .forEach((segment, status) -> tokens.put(segment, status.getTrackingToken())));
        return position -> !tokens.isEmpty() && tokens.values().stream().allMatch(token -> covers(token, position));
    }

    private static boolean covers(TrackingToken token, long position) {
        TrackingToken lowerBound = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (lowerBound instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return lowerBound != null && lowerBound.position().orElse(-1) >= position;
    }

    /** Refuses a model the system does not have (404 PROJECTION_NOT_FOUND); every model it has is served all along. */
    public static void requireKnown(String name) {
        if (!READ_MODELS.contains(name)) {
            throw Problem.PROJECTION_NOT_FOUND.raise(name);
        }
    }

    /** Whether the decision log is being rebuilt beside the live one, for a replica that does not run it. */
    private boolean followerRebuilding() {
        return jdbc.sql("select count(*) from ledger_follower where name = ?").param(DecisionLogFollower.REBUILD_ROW)
                .query(Long.class).single() > 0;
    }
}
