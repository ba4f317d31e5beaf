package vn.thidua.query.admin;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

import vn.thidua.query.web.Problem;

/**
 * The read models, each fed by its own pooled streaming processor of the same name, but for the decision log, which
 * follows the ledger: their state, a replay from the first event, how far each has read, and the guard that keeps a
 * rebuilding model from passing half-built data off as final.
 */
@Component
public class Projections {

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

    public Projections(EventProcessingConfiguration processing, EventStore eventStore, JdbcClient jdbc,
                       Serializer serializer, List<LedgerOrderedModel> ledgerOrdered) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
        ledgerOrdered.forEach(model -> this.ledgerOrdered.put(model.name(), model));
    }

    private StreamingEventProcessor processor(String name) {
        if (!READ_MODELS.contains(name)) {
            throw Problem.PROJECTION_NOT_FOUND.raise(name);
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> Problem.PROJECTION_NOT_FOUND.raise(name));
    }

    /** The store's head: the highest global index any event has. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** The read models this replica runs (a replica may run some only: thidua.read-models.NAME.enabled=false). */
    public List<ProjectionState> list() {
        long head = head();
        return READ_MODELS.stream()
                .filter(name -> ledgerOrdered.containsKey(name)
                        || processing.eventProcessor(name, StreamingEventProcessor.class).isPresent())
                .map(name -> state(name, head)).toList();
    }

    private ProjectionState state(String name, long head) {
        LedgerOrderedModel followed = ledgerOrdered.get(name);
        if (followed != null) {
            boolean replaying = followed.isReplaying();
            return new ProjectionState(name, followed.isRunning() ? "RUNNING" : "STOPPED", followed.sealedThrough(),
                    replaying, replaying ? followed.progress() : fraction(followed.sealedThrough(), head));
        }
        StreamingEventProcessor processor = processor(name);
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        Long position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).max(Long::compare).orElse(null);
        boolean replaying = processor.isReplaying();
        String status = processor.isError() ? "ERROR" : processor.isRunning() ? "RUNNING" : "STOPPED";
        return new ProjectionState(name, status, position, replaying, progress(segments, replaying, position, head));
    }

    /** During a replay, how far the slowest segment is towards where the reset began; otherwise towards the head. */
    private static double progress(Collection<EventTrackerStatus> segments, boolean replaying, Long position,
                                   long head) {
        if (replaying) {
            return segments.stream().filter(EventTrackerStatus::isReplaying)
                    .mapToDouble(segment -> fraction(segment.getCurrentPosition().orElse(0),
                            segment.getResetPosition().orElse(0)))
                    .min().orElse(1.0);
        }
        return fraction(position == null ? 0 : position, head);
    }

    private static double fraction(long done, long total) {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }

    /** Stops the processor, resets its tokens (the reset handler clears the model) and starts it again. */
    public void replay(String name) {
        if (ledgerOrdered.containsKey(name)) {
            ledgerOrdered.get(name).replay();
            return;
        }
        StreamingEventProcessor processor = processor(name);
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (IllegalStateException e) {
            throw Problem.REPLAY_REFUSED.raise(name, e.getMessage());
        } finally {
            startAgain(processor);
        }
    }

    /**
     * Starts a processor that was just shut down. Its coordinator may still be winding down when the shutdown
     * returns, and then ignores the start: try again, for a second at most, until it runs.
     */
    private static void startAgain(StreamingEventProcessor processor) {
        for (int attempt = 0; attempt < 50 && !processor.isRunning(); attempt++) {
            processor.start();
            if (!processor.isRunning()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Whether the read model has processed every event up to that global index: every segment's token covers it.
     * Segments this replica works on are read from memory (a segment's token moves there as soon as a batch commits,
     * or at once when the batch had nothing for it); the others from the token store.
     */
    public boolean processedThrough(String name, long position) {
        if (ledgerOrdered.containsKey(name)) {
            return ledgerOrdered.get(name).processedThrough(position);
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
        return !tokens.isEmpty() && tokens.values().stream().allMatch(token -> covers(token, position));
    }

    private static boolean covers(TrackingToken token, long position) {
        TrackingToken lowerBound = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (lowerBound instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return lowerBound != null && lowerBound.position().orElse(-1) >= position;
    }

    public void requireLive(String name) {
        boolean replaying = ledgerOrdered.containsKey(name) ? ledgerOrdered.get(name).isReplaying()
                : processor(name).isReplaying();
        if (replaying) {
            throw Problem.PROJECTION_REBUILDING.raise(name);
        }
    }
}
