package vn.thidua.query.projection;

import java.util.Collections;
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
 * that touches it, and saved once (with one announcement) just before the batch commits. After the commit the last
 * {@value #KEPT} documents stay in memory with the revision they were saved or read as: the next batch that touches
 * one folds into that copy while the stored revision is still the same (asked for in the same round trip that would
 * read the body), instead of parsing its JSON again. A batch takes a copy out while it folds into it, and only a
 * committed batch puts it back: a rolled-back batch leaves nothing half-folded behind.
 */
@Component
public class DocumentProjections implements Folds {

    private static final String BATCH = DocumentProjections.class.getName() + ".batch";
    /** Documents kept in memory between batches, the most recently used. */
    static final int KEPT = 256;

    private final DocumentStore documents;
    private final ReadModelChanges changes;
    private final Map<String, Pending> kept = Collections.synchronizedMap(
            new LinkedHashMap<>(KEPT * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
                    return size() > KEPT;
                }
            });

    /**
     * A document being folded in the current batch, with the last version of each aggregate folded into it, and the
     * revision it was read as or last saved as (null while it is not stored).
     */
    private static final class Pending {
        final String model;
        final String key;
        final Map<String, Long> versions;
        Long revision;
        boolean changed;
        Object state;

        Pending(String model, String key, Object state, Map<String, Long> versions, Long revision) {
            this.model = model;
            this.key = key;
            this.state = state;
            this.versions = versions;
            this.revision = revision;
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
        return EndOfBatch.with(BATCH, LinkedHashMap<String, Pending>::new, this::flush, this::keep, batch -> {
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
        return EndOfBatch.with(BATCH, LinkedHashMap<String, Pending>::new, this::flush, this::keep,
                batch -> (S) pending(batch, model, key, type, initial).state);
    }

    private <S> Pending pending(Map<String, Pending> batch, String model, String key, Class<S> type,
                                Supplier<S> initial) {
        return batch.computeIfAbsent(id(model, key), id -> {
            Pending known = kept.remove(id);
            return documents.loadUnless(model, key, type, known == null ? null : known.revision)
                    .map(stored -> stored.stored() == null && type.isInstance(known.state)
                            ? new Pending(model, key, known.state, known.versions, stored.revision())
                            : stored.stored() == null
                            ? read(model, key, type, initial)
                            : new Pending(model, key, stored.stored().state(), stored.stored().versions(),
                            stored.revision()))
                    .orElseGet(() -> new Pending(model, key, initial.get(), new HashMap<>(), null));
        });
    }

    /** The document read whole, for a copy kept in memory that is of another type than the one asked for. */
    private <S> Pending read(String model, String key, Class<S> type, Supplier<S> initial) {
        return documents.loadUnless(model, key, type, null)
                .map(stored -> new Pending(model, key, stored.stored().state(), stored.stored().versions(),
                        stored.revision()))
                .orElseGet(() -> new Pending(model, key, initial.get(), new HashMap<>(), null));
    }

    private void flush(Map<String, Pending> batch) {
        for (Pending pending : batch.values()) {
            if (!pending.changed) {
                continue;
            }
            pending.revision = documents.save(pending.model, pending.key,
                    new DocumentStore.Stored<>(pending.state, pending.versions));
            changes.announce(pending.model, pending.key);
        }
    }

    /** Once the batch has committed: its documents are kept for the next batches, as they were stored. */
    private void keep(Map<String, Pending> batch) {
        for (Pending pending : batch.values()) {
            if (pending.revision != null) {
                pending.changed = false;
                kept.put(id(pending.model, pending.key), pending);
            }
        }
    }

    private static String id(String model, String key) {
        return model + "|" + key;
    }

    @Override
    public void clear(String model) {
        documents.deleteModel(model);
        kept.keySet().removeIf(id -> id.startsWith(model + "|"));
    }
}
