package vn.thidua.query.projection;

import java.util.HashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * The Spring side of a folded read model: load the document, fold the event in unless it already was, save it, note
 * the aggregate version and announce the change, all in the processor's transaction with its token.
 */
@Component
public class DocumentProjections {

    private final DocumentStore documents;
    private final AppliedVersions versions;
    private final ReadModelChanges changes;

    public DocumentProjections(DocumentStore documents, AppliedVersions versions, ReadModelChanges changes) {
        this.documents = documents;
        this.versions = versions;
        this.changes = changes;
    }

    public <S> void fold(String model, String key, Class<S> type, Supplier<S> initial,
                         BiFunction<S, Envelope, S> fold, Envelope event) {
        DocumentStore.Stored<S> stored = documents.load(model, key, type)
                .orElseGet(() -> new DocumentStore.Stored<>(initial.get(), new HashMap<>()));
        if (stored.hasApplied(event)) {
            return;
        }
        stored.versions().put(event.aggregateId(), event.sequence());
        documents.save(model, key, new DocumentStore.Stored<>(fold.apply(stored.state(), event), stored.versions()));
        versions.record(model, event);
        changes.announce(model, key);
    }

    public void clear(String model) {
        documents.deleteModel(model);
        versions.deleteModel(model);
    }
}
