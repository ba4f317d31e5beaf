package vn.thidua.query.timeline;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.thidua.events.ClusterEvent;
import vn.thidua.query.narration.Narrator;
import vn.thidua.query.narration.Text;
import vn.thidua.query.narration.UnitNames;
import vn.thidua.query.narration.UnitNamesBook;
import vn.thidua.query.projection.ConcernedUnit;
import vn.thidua.query.projection.ConcernedYear;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.Folds;
import vn.thidua.query.projection.InMemoryFolds;
import vn.thidua.query.projection.RebuiltBeside;
import vn.thidua.query.projection.ProgressNotes;

/**
 * Every event of a cluster in words, filed under the year it concerns: an emulation year's own events, elections
 * under their term year, and membership changes under the calendar year (Hanoi time) in which they took place.
 */
@Component
@ConditionalOnProperty(name = "thidua.read-models.timeline.enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(TimelineProjection.MODEL)
public class TimelineProjection implements RebuiltBeside {

    public static final String MODEL = "timeline";

    private final TimelineLines lines;
    private final UnitNamesBook names;
    /** The lines of the rebuild under way here, written beside the live ones by the second instance. */
    private final TimelineLines.Beside beside;

    @Autowired
    public TimelineProjection(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions,
                              Folds projections, ProgressNotes progress) {
        this(TimelineLines.live(jdbc, progress), new UnitNamesBook(projections),
                new TimelineLines.Beside(jdbc, batch, transactions));
    }

    private TimelineProjection(TimelineLines lines, UnitNamesBook names, TimelineLines.Beside beside) {
        this.lines = lines;
        this.names = names;
        this.beside = beside;
    }

    @Override
    public Object besideTheLive(InMemoryFolds folds) {
        return new TimelineProjection(beside, new UnitNamesBook(folds), beside);
    }

    @Override
    public void clearBeside() {
        beside.clear();
    }

    @Override
    public void finishBeside() {
        beside.flush();
    }

    @Override
    public void putBesideInPlace() {
        RebuiltBeside.putRowsInPlace(beside.jdbc, TimelineLines.LIVE, TimelineLines.BESIDE);
    }

    @EventHandler
    void on(ClusterEvent event, DomainEventMessage<?> message) {
        Envelope envelope = Envelope.of(message);
        UnitNames known = names.namesAfter(MODEL, event.clusterId(), envelope);
        Text text = Narrator.describe(event, known);
        lines.add(event.clusterId(), yearOf(event, envelope), envelope, event.getClass().getSimpleName(),
                ConcernedUnit.of(event), text);
    }

    /** The year an event is filed under: the one it concerns, else the calendar year of its act. */
    public static int yearOf(ClusterEvent event, Envelope envelope) {
        Integer concerned = ConcernedYear.of(event);
        return concerned != null ? concerned : envelope.occurredOn().getYear();
    }

    @ResetHandler
    void reset() {
        lines.clear();
        names.forget(MODEL);
    }
}
