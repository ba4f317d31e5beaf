package vn.thidua.query.projection;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers computed from one read model's documents, kept per document key (and, where one document answers several
 * questions, per variant of the question) until a change to that document is heard, so that repeated reads of an
 * unchanged document cost no database round trip and no rendering. The cache stays correct across replicas because
 * every replica hears every committed change (PostgreSQL NOTIFY); while the change channel is down nothing is served
 * from it, and what was kept before a reconnection is computed anew. At most {@value #KEPT_KEYS} documents' answers
 * are kept; past that, one kept earlier goes for each new one.
 */
public final class AnswerCache<A> {

    static final int KEPT_KEYS = 4_096;

    /** An answer and what had been heard when its computation began. */
    private record Kept<A>(A answer, long connection, long changesHeard) {
    }

    private final ReadModelChanges changes;
    /** By document key, then by variant. */
    private final Map<String, Map<String, Kept<A>>> kept = new ConcurrentHashMap<>();
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
        return get(key, "", compute);
    }

    /** The answer to the question {@code variant} about the document under {@code key}, kept or computed. */
    public A get(String key, String variant, Supplier<A> compute) {
        Kept<A> answer = kept.getOrDefault(key, Map.of()).get(variant);
        long connection = changes.listening();
        long heard = changesHeard.getOrDefault(key, 0L);
        if (answer != null && connection != ReadModelChanges.NOT_LISTENING && answer.connection() == connection
                && answer.changesHeard() == heard) {
            return answer.answer();
        }
        return refresh(key, variant, compute);
    }

    /**
     * Computes the answer afresh and keeps it: for a reader who knows the document changed (a read of its own
     * write) before this replica may have heard so. The counts are taken before computing, so that a change heard
     * meanwhile leaves the kept answer outdated, never taken for current.
     */
    public A refresh(String key, Supplier<A> compute) {
        return refresh(key, "", compute);
    }

    /** {@link #refresh(String, Supplier)} for one variant of the question. */
    public A refresh(String key, String variant, Supplier<A> compute) {
        long connection = changes.listening();
        long heard = changesHeard.getOrDefault(key, 0L);
        A answer = compute.get();
        if (connection != ReadModelChanges.NOT_LISTENING) {
            if (!kept.containsKey(key) && kept.size() >= KEPT_KEYS) {
                Iterator<String> earlier = kept.keySet().iterator();
                if (earlier.hasNext()) {
                    kept.remove(earlier.next());
                }
            }
            kept.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(variant, new Kept<>(answer, connection,
                    heard));
        }
        return answer;
    }

    /** How many documents' answers are kept. */
    int keptKeys() {
        return kept.size();
    }
}
