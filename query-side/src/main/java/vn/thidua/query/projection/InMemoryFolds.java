package vn.thidua.query.projection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A read model's documents folded in memory, from nothing, as a rebuild folds the whole stream beside the live model:
 * the same folds and the same once-only rule per aggregate version as {@link DocumentProjections}. When the heap runs
 * short (or past {@code kept} documents), those folded into longest ago are written out as cold (a year closed, a
 * cluster dissolved: most are never touched again) and read back if an event touches one again, so that a rebuild of
 * the whole national record fits the heap it is given whatever its number of documents.
 */
public final class InMemoryFolds implements Folds {

    /** Where documents that went cold are written, and read back from. */
    public interface ColdDocuments {

        void write(String model, Map<String, DocumentStore.Stored<Object>> documents);

        <S> Optional<DocumentStore.Stored<S>> read(String model, String key, Class<S> type);
    }

    /** Nowhere: every document stays in memory. */
    private static final ColdDocuments NONE = new ColdDocuments() {
        @Override
        public void write(String model, Map<String, DocumentStore.Stored<Object>> documents) {
            throw new IllegalStateException("no document goes cold here");
        }

        @Override
        public <S> Optional<DocumentStore.Stored<S>> read(String model, String key, Class<S> type) {
            return Optional.empty();
        }
    };

    /** How often, in documents taken into memory, the heap is looked at. */
    private static final int HEAP_LOOKED_AT_EVERY = 256;

    private final int kept;
    private final BooleanSupplier heapShort;
    private final ColdDocuments cold;
    /** By model, the documents in memory in the order they were last folded into or read, eldest first. */
    private final Map<String, LinkedHashMap<String, DocumentStore.Stored<Object>>> models = new LinkedHashMap<>();
    /** The keys written out as cold, by model: only those are read back (a new document is not looked for). */
    private final Map<String, Set<String>> writtenCold = new HashMap<>();
    private int inMemory;

    /** Every document kept in memory. */
    public InMemoryFolds() {
        this(Integer.MAX_VALUE, () -> false, NONE);
    }

    /**
     * Documents written out to {@code cold} while more than {@code kept} are in memory, or the heap is short
     * ({@code heapShort}, asked every {@value #HEAP_LOOKED_AT_EVERY} documents taken into memory).
     */
    public InMemoryFolds(int kept, BooleanSupplier heapShort, ColdDocuments cold) {
        this.kept = kept;
        this.heapShort = heapShort;
        this.cold = cold;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> S fold(String model, String key, Class<S> type, Supplier<S> initial, BiFunction<S, Envelope, S> fold,
                      Envelope event) {
        DocumentStore.Stored<Object> stored = document(model, key, type, initial);
        if (stored.hasApplied(event)) {
            return (S) stored.state();
        }
        stored.versions().put(event.aggregateId(), event.sequence());
        S folded = fold.apply((S) stored.state(), event);
        models.get(model).put(key, new DocumentStore.Stored<>(folded, stored.versions()));
        return folded;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> S current(String model, String key, Class<S> type, Supplier<S> initial) {
        return (S) document(model, key, type, initial).state();
    }

    @Override
    public void clear(String model) {
        inMemory -= models.getOrDefault(model, new LinkedHashMap<>()).size();
        models.remove(model);
        writtenCold.remove(model);
    }

    /** The model's documents still in memory, by key (those that went cold are written already). */
    public Map<String, DocumentStore.Stored<Object>> documents(String model) {
        return models.containsKey(model) ? models.get(model) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private <S> DocumentStore.Stored<Object> document(String model, String key, Class<S> type, Supplier<S> initial) {
        LinkedHashMap<String, DocumentStore.Stored<Object>> documents = models.computeIfAbsent(model,
                m -> new LinkedHashMap<>(16, 0.75f, true));
        DocumentStore.Stored<Object> stored = documents.get(key);
        if (stored == null) {
            Optional<DocumentStore.Stored<S>> wentCold = writtenCold.getOrDefault(model, Set.of()).contains(key)
                    ? cold.read(model, key, type) : Optional.empty();
            stored = wentCold.map(found -> (DocumentStore.Stored<Object>) found)
                    .orElseGet(() -> new DocumentStore.Stored<>(initial.get(), new HashMap<>()));
            documents.put(key, stored);
            inMemory++;
            if (inMemory > kept || (inMemory % HEAP_LOOKED_AT_EVERY == 0 && heapShort.getAsBoolean())) {
                writeColdest(model, documents);
            }
        }
        return stored;
    }

    /** Writes out the quarter of the model's documents in memory folded into longest ago, and forgets them. */
    private void writeColdest(String model, LinkedHashMap<String, DocumentStore.Stored<Object>> documents) {
        Map<String, DocumentStore.Stored<Object>> coldest = new LinkedHashMap<>();
        Iterator<Map.Entry<String, DocumentStore.Stored<Object>>> eldest = documents.entrySet().iterator();
        for (int i = Math.max(1, documents.size() / 4); i > 0 && eldest.hasNext(); i--) {
            Map.Entry<String, DocumentStore.Stored<Object>> document = eldest.next();
            coldest.put(document.getKey(), document.getValue());
            eldest.remove();
        }
        inMemory -= coldest.size();
        writtenCold.computeIfAbsent(model, m -> new HashSet<>()).addAll(coldest.keySet());
        cold.write(model, coldest);
    }
}
