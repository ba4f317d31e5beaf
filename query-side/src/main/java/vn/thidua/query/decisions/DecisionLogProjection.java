package vn.thidua.query.decisions;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.json.EventJson;
import vn.thidua.query.narration.Narrator;
import vn.thidua.query.narration.UnitNames;
import vn.thidua.query.narration.UnitNamesBook;
import vn.thidua.query.projection.ConcernedYear;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.ProgressNotes;

/** Every decision of a cluster, in the order recorded, hash-chained. */
@Component
@ConditionalOnProperty(name = "thidua.read-models.decision-log.enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(DecisionLogProjection.MODEL)
public class DecisionLogProjection {

    public static final String MODEL = "decision-log";

    private final DecisionLog log;
    private final UnitNamesBook names;
    private final ProgressNotes progress;
    private final JsonMapper json = EventJson.mapper();

    public DecisionLogProjection(DecisionLog log, UnitNamesBook names, ProgressNotes progress) {
        this.log = log;
        this.names = names;
        this.progress = progress;
    }

    @EventHandler
    void on(Decision decision, DomainEventMessage<?> message) {
        Envelope event = Envelope.of(message);
        UnitNames known = names.namesAfter(MODEL, decision.clusterId(), event);
        boolean appended = log.append(new DecisionLog.Entry(decision.clusterId(), 0, event.eventId(),
                decision.decisionId(), decision.getClass().getSimpleName(), ConcernedYear.of(decision),
                DateTimeUtils.formatInstant(event.at()), event.actor(), event.role(), json.writeValueAsString(decision),
                DecisionFacts.minutesRef(decision), DecisionFacts.reason(decision),
                Narrator.describe(decision, known), null, null, null));
        if (!appended) {
            return;
        }
        if (decision instanceof DecisionRescinded rescinded) {
            log.markRescinded(rescinded.rescindedDecisionId(), rescinded.decisionId());
        }
        progress.applied(MODEL, decision.clusterId());
    }

    @ResetHandler
    void reset() {
        log.clear();
        names.forget(MODEL);
    }
}
