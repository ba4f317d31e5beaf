package vn.thidua.query.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thidua.events.YearId;
import vn.thidua.query.narration.Text;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.ProgressNotes;

/**
 * Where the timeline's lines are written: its own table in the processor's transaction, each change announced to
 * readers; or, while the timeline is rebuilt, the table beside it, in batches of their own transactions (the rebuild
 * reads the store in a read-only one) and announced to no one, since nobody reads them until the switch.
 */
class TimelineLines {

    static final String LIVE = "timeline_entry";
    static final String BESIDE = "timeline_entry_beside";
    private static final String INSERT = " (cluster_id, year, event_id, at, occurred_on, event_type, unit_id, actor,"
            + " text_vi, text_en) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (cluster_id, year, event_id)"
            + " do nothing";
    private static final int BATCH = 1_000;

    final JdbcClient jdbc;
    private final ProgressNotes progress;

    private TimelineLines(JdbcClient jdbc, ProgressNotes progress) {
        this.jdbc = jdbc;
        this.progress = progress;
    }

    static TimelineLines live(JdbcClient jdbc, ProgressNotes progress) {
        return new TimelineLines(jdbc, progress);
    }

    void add(String clusterId, int year, Envelope envelope, String eventType, String unitId, Text text) {
        jdbc.sql("insert into " + LIVE + INSERT).params(line(clusterId, year, envelope, eventType, unitId, text))
                .update();
        progress.applied(TimelineProjection.MODEL, YearId.of(clusterId, year));
    }

    void clear() {
        jdbc.sql("delete from " + LIVE).update();
    }

    private static Object[] line(String clusterId, int year, Envelope envelope, String eventType, String unitId,
                                 Text text) {
        LocalDate backdated = envelope.backdatedDay();
        return new Object[] {clusterId, year, envelope.eventId(), DateTimeUtils.formatInstant(envelope.at()),
                backdated, eventType, unitId, envelope.actor(), text.vi(), text.en()};
    }

    /** The lines of a rebuild, written beside the live ones. */
    static final class Beside extends TimelineLines {

        private final JdbcTemplate batch;
        private final TransactionTemplate ownTransaction;
        private final List<Object[]> pending = new ArrayList<>();

        Beside(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions) {
            super(jdbc, null);
            this.batch = batch;
            this.ownTransaction = new TransactionTemplate(transactions);
            this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        }

        @Override
        void add(String clusterId, int year, Envelope envelope, String eventType, String unitId, Text text) {
            pending.add(line(clusterId, year, envelope, eventType, unitId, text));
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        @Override
        void clear() {
            pending.clear();
            ownTransaction.executeWithoutResult(status -> jdbc.sql("delete from " + BESIDE).update());
        }

        void flush() {
            if (!pending.isEmpty()) {
                List<Object[]> lines = List.copyOf(pending);
                ownTransaction.executeWithoutResult(status -> batch.batchUpdate("insert into " + BESIDE + INSERT,
                        lines));
                pending.clear();
            }
        }
    }
}
