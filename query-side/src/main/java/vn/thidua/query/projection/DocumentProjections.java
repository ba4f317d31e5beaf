package vn.thidua.query.projection;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * The Spring side of a folded read model: load the document, fold the event in unless it already was, save it and
 * announce the change, all in the processor's transaction with its token.
 * <p>
 * Within a processor's batch the documents stay in memory: each is loaded once, folded with every event of the batch
 * that touches it, and saved once (with one announcement) just before the batch commits.
 */
@Component
public class DocumentProjections implements Folds {

    private static final String BATCH = DocumentProjections.class.getName() + ".batch";

    private final DocumentStore documents;
    private final ReadModelChanges changes;

    /** A document being folded in the current batch, with the last version of each aggregate folded into it. */
    private static final class Pending {
        final String model;
        final String key;
        final Map<String, Long> versions;
        boolean changed;
        Object state;

        Pending(String model, String key, Object state, Map<String, Long> versions) {
            this.model = model;
            this.key = key;
            this.state = state;
            this.versions = versions;
        }
    }

    public DocumentProjections(DocumentStore documents, ReadModelChanges changes) {
        this.documents = documents;
        this.changes = changes;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> S fold(String model, String key, Class<S> type, Supplier<S> initial,
                      BiFunction<S, Envelope, S> fold, Envelope event) {
        return EndOfBatch.with(BATCH, LinkedHashMap<String, Pending>::new, this::flush, batch -> {
            Pending pending = pending(batch, model, key, type, initial);
            Long applied = pending.versions.get(event.aggregateId());
            if (applied == null || applied < event.sequence()) {
                pending.versions.put(event.aggregateId(), event.sequence());
                pending.changed = true;
                pending.state = fold.apply((S) pending.state, event);
            }
            return (S) pending.state;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> S current(String model, String key, Class<S> type, Supplier<S> initial) {
        return EndOfBatch.with(BATCH, LinkedHashMap<String, Pending>::new, this::flush,
                batch -> (S) pending(batch, model, key, type, initial).state);
    }

    private <S> Pending pending(Map<String, Pending> batch, String model, String key, Class<S> type,
                                Supplier<S> initial) {
        return batch.computeIfAbsent(model + "|" + key, k -> {
            DocumentStore.Stored<S> stored = documents.load(model, key, type)
                    .orElseGet(() -> new DocumentStore.Stored<>(initial.get(), new HashMap<>()));
            return new Pending(model, key, stored.state(), stored.versions());
        });
    }

    private void flush(Map<String, Pending> batch) {
        for (Pending pending : batch.values()) {
            if (!pending.changed) {
                continue;
            }
            documents.save(pending.model, pending.key, new DocumentStore.Stored<>(pending.state, pending.versions));
            changes.announce(pending.model, pending.key);
        }
        batch.clear();
    }

    @Override
    public void clear(String model) {
        documents.deleteModel(model);
    }
}
