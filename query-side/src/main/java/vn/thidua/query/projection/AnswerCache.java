package vn.thidua.query.projection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers computed from one read model's documents, kept per document key until a change to that document is heard,
 * so that repeated reads of an unchanged document cost no database round trip and no rendering. The cache stays
 * correct across replicas because every replica hears every committed change (PostgreSQL NOTIFY); while the change
 * channel is down nothing is served from it, and what was kept before a reconnection is computed anew.
 */
public final class AnswerCache<A> {

    /** An answer and what had been heard when its computation began. */
    private record Kept<A>(A answer, long connection, long changesHeard) {
    }

    private final ReadModelChanges changes;
    private final Map<String, Kept<A>> kept = new ConcurrentHashMap<>();
    private final Map<String, Long> changesHeard = new ConcurrentHashMap<>();

    public AnswerCache(String model, ReadModelChanges changes) {
        this.changes = changes;
        changes.subscribe(change -> {
            if (change.model().equals(model)) {
                changesHeard.merge(change.key(), 1L, Long::sum);
                kept.remove(change.key());
            }
        });
    }

    /** The answer for the document under {@code key}: kept, or computed (and kept) when it may have changed. */
    public A get(String key, Supplier<A> compute) {
        Kept<A> answer = kept.get(key);
        long connection = changes.listening();
        long heard = changesHeard.getOrDefault(key, 0L);
        if (answer != null && connection != ReadModelChanges.NOT_LISTENING && answer.connection() == connection
                && answer.changesHeard() == heard) {
            return answer.answer();
        }
        return refresh(key, compute);
    }

    /**
     * Computes the answer afresh and keeps it: for a reader who knows the document changed (a read of its own
     * write) before this replica may have heard so. The counts are taken before computing, so that a change heard
     * meanwhile leaves the kept answer outdated, never taken for current.
     */
    public A refresh(String key, Supplier<A> compute) {
        long connection = changes.listening();
        long heard = changesHeard.getOrDefault(key, 0L);
        A answer = compute.get();
        if (connection != ReadModelChanges.NOT_LISTENING) {
            kept.put(key, new Kept<>(answer, connection, heard));
        }
        return answer;
    }
}
