package vn.thidua.query.narration;

import org.springframework.stereotype.Component;

import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.Folds;

/**
 * Keeps, within one read model, the unit names of each cluster that the model's narration needs: a folded document
 * per cluster, folded where the model folds (the live store, or memory while it is rebuilt beside the live one).
 */
@Component
public class UnitNamesBook {

    private final Folds projections;

    public UnitNamesBook(Folds projections) {
        this.projections = projections;
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
        projections.clear(model);
    }
}
