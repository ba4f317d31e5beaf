package vn.thidua.query.cluster;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.query.projection.Folds;
import vn.thidua.query.projection.InMemoryFolds;
import vn.thidua.query.projection.RebuiltBeside;
import vn.thidua.query.projection.Envelope;

@Component
@ConditionalOnProperty(name = "thidua.read-models.clusters.enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(ClusterProjection.MODEL)
public class ClusterProjection implements RebuiltBeside {

    public static final String MODEL = "clusters";

    private final Folds projections;

    /** Folding through {@code projections}: the live store, or memory for a rebuild beside the live model. */
    public ClusterProjection(Folds projections) {
        this.projections = projections;
    }

    @Override
    public Object besideTheLive(InMemoryFolds folds) {
        return new ClusterProjection(folds);
    }

    @EventHandler
    void on(ClusterFormed event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    @EventHandler
    void on(UnitAdmitted event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    @EventHandler
    void on(UnitWithdrawn event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    @EventHandler
    void on(UnitsMerged event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    @EventHandler
    void on(ClusterHeadElected event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    @EventHandler
    void on(DecisionRescinded event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    @EventHandler
    void on(RotationRosterSet event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    @EventHandler
    void on(ClusterRulesAmended event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    @EventHandler
    void on(UnitTransferredOut event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    @EventHandler
    void on(UnitTransferredIn event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    @EventHandler
    void on(ClustersMerged event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    @EventHandler
    void on(ClusterDissolved event, DomainEventMessage<?> message) {
        fold(event.clusterId(), message);
    }

    private void fold(String clusterId, DomainEventMessage<?> message) {
        projections.fold(MODEL, clusterId, ClusterDocument.class, ClusterDocument::new, ClusterDocument::apply,
                Envelope.of(message));
    }

    @ResetHandler
    void reset() {
        projections.clear(MODEL);
    }
}
