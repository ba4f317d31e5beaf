package vn.thidua.query.unitrecord;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.query.projection.AppliedVersions;
import vn.thidua.query.projection.DocumentStore;
import vn.thidua.query.projection.DocumentStore.Stored;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.ProgressNotes;

/** One document per unit ("unit:{id}"), and per decision the units it touched ("decision:{id}") for rescissions. */
@Component
@ConditionalOnProperty(name = "thidua.read-models.unit-record.enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(UnitRecordProjection.MODEL)
public class UnitRecordProjection {

    public static final String MODEL = "unit-record";

    /** The units one decision wrote into. */
    record TouchedUnits(List<String> unitIds) {
    }

    private final DocumentStore documents;
    private final AppliedVersions versions;
    private final ProgressNotes progress;

    public UnitRecordProjection(DocumentStore documents, AppliedVersions versions, ProgressNotes progress) {
        this.documents = documents;
        this.versions = versions;
        this.progress = progress;
    }

    static String unitKey(String unitId) {
        return "unit:" + unitId;
    }

    @EventHandler
    void on(Decision decision, DomainEventMessage<?> message) {
        Envelope event = Envelope.of(message);
        List<String> unitIds = decision instanceof DecisionRescinded rescinded
                ? documents.load(MODEL, "decision:" + rescinded.rescindedDecisionId(), TouchedUnits.class)
                .map(stored -> stored.state().unitIds()).orElse(List.of())
                : UnitRecordFold.touched(decision);
        Map<String, Stored<UnitRecord>> pending = new LinkedHashMap<>();
        for (String unitId : unitIds) {
            Stored<UnitRecord> stored = documents.load(MODEL, unitKey(unitId), UnitRecord.class)
                    .orElseGet(() -> new Stored<>(new UnitRecord(unitId), new HashMap<>()));
            if (!stored.hasApplied(event)) {
                pending.put(unitId, stored);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        Map<String, UnitRecord> records = new HashMap<>();
        pending.forEach((unitId, stored) -> records.put(unitId, stored.state()));
        if (decision instanceof DecisionRescinded rescinded) {
            UnitRecordFold.rescind(rescinded, records);
        } else {
            UnitRecordFold.apply(decision, records::get);
            documents.save(MODEL, "decision:" + decision.decisionId(),
                    new Stored<>(new TouchedUnits(unitIds), Map.of()));
        }
        pending.forEach((unitId, stored) -> {
            stored.versions().put(event.aggregateId(), event.sequence());
            documents.save(MODEL, unitKey(unitId), stored);
            progress.applied(MODEL, event, unitId);
        });
    }

    @ResetHandler
    void reset() {
        documents.deleteModel(MODEL);
        versions.deleteModel(MODEL);
    }
}
