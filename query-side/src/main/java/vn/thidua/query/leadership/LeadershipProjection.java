package vn.thidua.query.leadership;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.thidua.events.decisions.Decision;
import vn.thidua.query.projection.Folds;
import vn.thidua.query.projection.InMemoryFolds;
import vn.thidua.query.projection.RebuiltBeside;
import vn.thidua.query.projection.Envelope;

/** Folds every decision of a cluster: the elections and rescissions, and the membership decisions for names. */
@Component
@ConditionalOnProperty(name = "thidua.read-models.leadership.enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(LeadershipProjection.MODEL)
public class LeadershipProjection implements RebuiltBeside {

    public static final String MODEL = "leadership";

    private final Folds projections;

    /** Folding through {@code projections}: the live store, or memory for a rebuild beside the live model. */
    public LeadershipProjection(Folds projections) {
        this.projections = projections;
    }

    @Override
    public Object besideTheLive(InMemoryFolds folds) {
        return new LeadershipProjection(folds);
    }

    @EventHandler
    void on(Decision decision, DomainEventMessage<?> message) {
        projections.fold(MODEL, decision.clusterId(), Leadership.class, Leadership::new, Leadership::apply,
                Envelope.of(message));
    }

    @ResetHandler
    void reset() {
        projections.clear(MODEL);
    }
}
