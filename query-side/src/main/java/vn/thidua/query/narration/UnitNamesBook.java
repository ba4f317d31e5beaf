package vn.thidua.query.narration;

import java.util.Map;

import org.springframework.stereotype.Component;

import vn.thidua.query.projection.DocumentStore;

/** Keeps, within one read model, the unit names of each cluster that the model's narration needs. */
@Component
public class UnitNamesBook {

    private final DocumentStore documents;

    public UnitNamesBook(DocumentStore documents) {
        this.documents = documents;
    }

    /** The names known once this event is taken into account. */
    public UnitNames namesAfter(String model, String clusterId, Object payload) {
        String key = "names:" + clusterId;
        UnitNames names = documents.load(model, key, UnitNames.class).map(DocumentStore.Stored::state)
                .orElseGet(UnitNames::new);
        if (UnitNames.teaches(payload)) {
            documents.save(model, key, new DocumentStore.Stored<>(UnitNames.apply(names, payload), Map.of()));
        }
        return names;
    }

    public void forget(String model) {
        documents.deleteModel(model);
    }
}
