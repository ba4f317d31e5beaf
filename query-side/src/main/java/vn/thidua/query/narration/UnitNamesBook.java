package vn.thidua.query.narration;

import org.springframework.stereotype.Component;

import vn.thidua.query.projection.DocumentProjections;
import vn.thidua.query.projection.DocumentStore;
import vn.thidua.query.projection.Envelope;

/**
 * Keeps, within one read model, the unit names of each cluster that the model's narration needs: a folded document
 * per cluster, kept in memory over a processor's batch like any other.
 */
@Component
public class UnitNamesBook {

    private final DocumentProjections projections;
    private final DocumentStore documents;

    public UnitNamesBook(DocumentProjections projections, DocumentStore documents) {
        this.projections = projections;
        this.documents = documents;
    }

    /** The names known once this event is taken into account. */
    public UnitNames namesAfter(String model, String clusterId, Envelope event) {
        String key = "names:" + clusterId;
        return UnitNames.teaches(event.payload())
                ? projections.fold(model, key, UnitNames.class, UnitNames::new,
                        (names, next) -> UnitNames.apply(names, next.payload()), event)
                : projections.current(model, key, UnitNames.class, UnitNames::new);
    }

    public void forget(String model) {
        documents.deleteModel(model);
    }
}
