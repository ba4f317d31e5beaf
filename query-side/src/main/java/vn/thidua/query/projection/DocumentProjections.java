package vn.thidua.query.projection;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The Spring side of a folded read model: load the document, fold the event in unless it already was, save it, note
 * the aggregate version and announce the change, all in the processor's transaction with its token.
 * <p>
 * Within a processor's batch the documents stay in memory: each is loaded once, folded with every event of the batch
 * that touches it, and saved once (with one version note and one announcement) just before the batch commits. A
 * replay then costs a few statements per document and batch instead of per event.
 */
@Component
public class DocumentProjections {

    private static final String BATCH = DocumentProjections.class.getName() + ".batch";

    private final DocumentStore documents;
    private final AppliedVersions versions;
    private final ReadModelChanges changes;

    /** A document being folded in the current batch. */
    private static final class Pending {
        final String model;
        final String key;
        final Map<String, Long> versions;
        Object state;

        Pending(String model, String key, Object state, Map<String, Long> versions) {
            this.model = model;
            this.key = key;
            this.state = state;
            this.versions = versions;
        }
    }

    public DocumentProjections(DocumentStore documents, AppliedVersions versions, ReadModelChanges changes) {
        this.documents = documents;
        this.versions = versions;
        this.changes = changes;
    }

    @SuppressWarnings("unchecked")
    public <S> void fold(String model, String key, Class<S> type, Supplier<S> initial,
                         BiFunction<S, Envelope, S> fold, Envelope event) {
        Map<String, Pending> batch = batch();
        Pending pending = batch.computeIfAbsent(model + "|" + key, k -> {
            DocumentStore.Stored<S> stored = documents.load(model, key, type)
                    .orElseGet(() -> new DocumentStore.Stored<>(initial.get(), new HashMap<>()));
            return new Pending(model, key, stored.state(), stored.versions());
        });
        Long applied = pending.versions.get(event.aggregateId());
        if (applied != null && applied >= event.sequence()) {
            return;
        }
        pending.versions.put(event.aggregateId(), event.sequence());
        pending.state = fold.apply((S) pending.state, event);
        if (!CurrentUnitOfWork.isStarted()) {
            flush(batch);
        }
    }

    /** The documents of the current unit of work, written out when it prepares to commit. */
    private Map<String, Pending> batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new LinkedHashMap<>();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, name -> {
            Map<String, Pending> batch = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(committing -> flush(batch));
            return batch;
        });
    }

    private void flush(Map<String, Pending> batch) {
        for (Pending pending : batch.values()) {
            documents.save(pending.model, pending.key, new DocumentStore.Stored<>(pending.state, pending.versions));
            pending.versions.forEach((aggregateId, sequence) -> versions.record(pending.model, aggregateId, sequence));
            changes.announce(pending.model, pending.key);
        }
        batch.clear();
    }

    public void clear(String model) {
        documents.deleteModel(model);
        versions.deleteModel(model);
    }
}
