package vn.thidua.query.timeline;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.thidua.events.ClusterEvent;
import vn.thidua.events.YearId;
import vn.thidua.query.narration.Narrator;
import vn.thidua.query.narration.Text;
import vn.thidua.query.narration.UnitNames;
import vn.thidua.query.narration.UnitNamesBook;
import vn.thidua.query.projection.ConcernedUnit;
import vn.thidua.query.projection.ConcernedYear;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.ProgressNotes;

/**
 * Every event of a cluster in words, filed under the year it concerns: an emulation year's own events, elections
 * under their term year, and membership changes under the calendar year (Hanoi time) in which they took place.
 */
@Component
@ConditionalOnProperty(name = "thidua.read-models.timeline.enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(TimelineProjection.MODEL)
public class TimelineProjection {

    public static final String MODEL = "timeline";

    private final JdbcClient jdbc;
    private final UnitNamesBook names;
    private final ProgressNotes progress;

    public TimelineProjection(JdbcClient jdbc, UnitNamesBook names, ProgressNotes progress) {
        this.jdbc = jdbc;
        this.names = names;
        this.progress = progress;
    }

    @EventHandler
    void on(ClusterEvent event, DomainEventMessage<?> message) {
        Envelope envelope = Envelope.of(message);
        UnitNames known = names.namesAfter(MODEL, event.clusterId(), envelope);
        Text text = Narrator.describe(event, known);
        int year = yearOf(event, envelope);
        jdbc.sql("""
                        insert into timeline_entry (cluster_id, year, event_id, at, occurred_on, event_type, unit_id,
                            actor, text_vi, text_en)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (cluster_id, year, event_id) do nothing""")
                .params(event.clusterId(), year, envelope.eventId(), DateTimeUtils.formatInstant(envelope.at()),
                        envelope.backdatedDay(), event.getClass().getSimpleName(),
                        ConcernedUnit.of(event), envelope.actor(), text.vi(), text.en())
                .update();
        progress.applied(MODEL, YearId.of(event.clusterId(), year));
    }

    /** The year an event is filed under: the one it concerns, else the calendar year of its act. */
    public static int yearOf(ClusterEvent event, Envelope envelope) {
        Integer concerned = ConcernedYear.of(event);
        return concerned != null ? concerned : envelope.occurredOn().getYear();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from timeline_entry").update();
        names.forget(MODEL);
    }
}
