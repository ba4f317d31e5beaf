package vn.thidua.query.scoreboard;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.thidua.events.ClusterEvent;
import vn.thidua.events.YearEvent;
import vn.thidua.events.YearId;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.query.projection.ConcernedYear;
import vn.thidua.query.projection.Folds;
import vn.thidua.query.projection.InMemoryFolds;
import vn.thidua.query.projection.RebuiltBeside;
import vn.thidua.query.projection.Envelope;

/** Wires {@link ScoreboardFold} to the event stream: one document per cluster and year. */
@Component
@ConditionalOnProperty(name = "thidua.read-models.scoreboard.enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(ScoreboardProjection.MODEL)
public class ScoreboardProjection implements RebuiltBeside {

    public static final String MODEL = "scoreboard";

    private final Folds projections;

    /** Folding through {@code projections}: the live store, or memory for a rebuild beside the live model. */
    public ScoreboardProjection(Folds projections) {
        this.projections = projections;
    }

    @Override
    public Object besideTheLive(InMemoryFolds folds) {
        return new ScoreboardProjection(folds);
    }

    public static String key(String clusterId, int year) {
        return YearId.of(clusterId, year);
    }

    /** Whether the year's scoreboard folds the event: the events the handlers below take, for that year. */
    public static boolean foldsInto(ClusterEvent event, int year) {
        boolean handled = event instanceof YearEvent || event instanceof ClusterHeadElected
                || event instanceof DeputyHeadElected || event instanceof DecisionRescinded;
        return handled && Integer.valueOf(year).equals(ConcernedYear.of(event));
    }

    @EventHandler
    void on(YearEvent event, DomainEventMessage<?> message) {
        fold(event.clusterId(), event.year(), message);
    }

    @EventHandler
    void on(ClusterHeadElected event, DomainEventMessage<?> message) {
        fold(event.clusterId(), event.termYear(), message);
    }

    @EventHandler
    void on(DeputyHeadElected event, DomainEventMessage<?> message) {
        fold(event.clusterId(), event.termYear(), message);
    }

    @EventHandler
    void on(DecisionRescinded event, DomainEventMessage<?> message) {
        fold(event.clusterId(), event.year(), message);
    }

    private void fold(String clusterId, int year, DomainEventMessage<?> message) {
        projections.fold(MODEL, key(clusterId, year), Scoreboard.class, () -> new Scoreboard(clusterId, year),
                ScoreboardFold::apply, Envelope.of(message));
    }

    @ResetHandler
    void reset() {
        projections.clear(MODEL);
    }
}
