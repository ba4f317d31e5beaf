package vn.thidua.query.projection;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A read model's documents folded in memory, from nothing, as a rebuild folds the whole stream beside the live model:
 * the same folds and the same once-only rule per aggregate version as {@link DocumentProjections}, written once at
 * the end.
 */
public final class InMemoryFolds implements Folds {

    private final Map<String, Map<String, DocumentStore.Stored<Object>>> models = new LinkedHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <S> S fold(String model, String key, Class<S> type, Supplier<S> initial, BiFunction<S, Envelope, S> fold,
                      Envelope event) {
        DocumentStore.Stored<Object> stored = document(model, key, initial);
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
        return (S) document(model, key, initial).state();
    }

    @Override
    public void clear(String model) {
        models.remove(model);
    }

    /** Every document folded, by model and key. */
    public Map<String, Map<String, DocumentStore.Stored<Object>>> documents() {
        return models;
    }

    private DocumentStore.Stored<Object> document(String model, String key, Supplier<?> initial) {
        return models.computeIfAbsent(model, m -> new LinkedHashMap<>())
                .computeIfAbsent(key, k -> new DocumentStore.Stored<>(initial.get(), new HashMap<>()));
    }
}
