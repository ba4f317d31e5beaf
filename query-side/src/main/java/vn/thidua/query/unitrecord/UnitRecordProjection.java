package vn.thidua.query.unitrecord;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.query.projection.Folds;
import vn.thidua.query.projection.InMemoryFolds;
import vn.thidua.query.projection.RebuiltBeside;
import vn.thidua.query.projection.Envelope;

/**
 * One document per unit ("unit:{id}"), and per decision the units it touched ("decision:{id}") for rescissions. A
 * unit's record takes events from every cluster it was ever in, so its processor runs them in one sequence (one
 * segment): two segments sequenced by cluster would fold two clusters' events into one record at once.
 */
@Component
@ConditionalOnProperty(name = "thidua.read-models.unit-record.enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(UnitRecordProjection.MODEL)
public class UnitRecordProjection implements RebuiltBeside {

    public static final String MODEL = "unit-record";

    /** The units one decision wrote into. */
    record TouchedUnits(List<String> unitIds) {
    }

    private final Folds projections;

    /** Folding through {@code projections}: the live store, or memory for a rebuild beside the live model. */
    public UnitRecordProjection(Folds projections) {
        this.projections = projections;
    }

    @Override
    public Object besideTheLive(InMemoryFolds folds) {
        return new UnitRecordProjection(folds);
    }

    static String unitKey(String unitId) {
        return "unit:" + unitId;
    }

    private static String decisionKey(String decisionId) {
        return "decision:" + decisionId;
    }

    @EventHandler
    void on(Decision decision, DomainEventMessage<?> message) {
        Envelope event = Envelope.of(message);
        List<String> unitIds;
        if (decision instanceof DecisionRescinded rescinded) {
            unitIds = projections.current(MODEL, decisionKey(rescinded.rescindedDecisionId()), TouchedUnits.class,
                    () -> new TouchedUnits(List.of())).unitIds();
        } else {
            unitIds = UnitRecordFold.touched(decision);
            if (!unitIds.isEmpty()) {
                projections.fold(MODEL, decisionKey(decision.decisionId()), TouchedUnits.class,
                        () -> new TouchedUnits(List.of()), (touched, e) -> new TouchedUnits(unitIds), event);
            }
        }
        for (String unitId : unitIds) {
            projections.fold(MODEL, unitKey(unitId), UnitRecord.class, () -> new UnitRecord(unitId),
                    UnitRecordFold::apply, event);
        }
    }

    @ResetHandler
    void reset() {
        projections.clear(MODEL);
    }
}
