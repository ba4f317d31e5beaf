package vn.thidua.query.decisions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.decisions.DecisionType;
import vn.thidua.ledger.StoredEvent;
import vn.thidua.query.admin.LedgerOrderedModel;
import vn.thidua.query.narration.Narrator;
import vn.thidua.query.narration.Text;
import vn.thidua.query.narration.UnitNames;
import vn.thidua.query.narration.UnitNamesBook;
import vn.thidua.query.projection.ConcernedYear;
import vn.thidua.query.projection.DocumentStore;
import vn.thidua.query.projection.EndOfBatch;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.ReadModelChanges;
import vn.thidua.query.projection.RebuiltBeside;
import vn.thidua.query.projection.StoredPayloads;
import vn.thidua.query.web.Problem;

/**
 * Builds the decision log from the ledger: reads the sealed leaves in order and chains every decision among them,
 * each entry with the leaf it was sealed as. One replica at a time does it (a row lock on its position, skipped by
 * the others); each pass commits the entries with the position it reached. A rebuild is a second follower row that
 * reads the ledger again from its first leaf into the table beside the live log (leaves being immutable, it gives the
 * very same entries and hashes) while the live log goes on serving and following; once it has caught up with the live
 * follower, one transaction puts its entries and its names in place and the live follower goes on from its position.
 */
@Component
@ConditionalOnProperty(name = "thidua.read-models.decision-log.enabled", havingValue = "true", matchIfMissing = true)
public class DecisionLogFollower implements LedgerOrderedModel, SmartLifecycle {

    public static final String MODEL = "decision-log";
    /** The follower row, and the model its names are kept under, of a rebuild beside the live log. */
    public static final String REBUILD_ROW = RebuiltBeside.besideName(MODEL);
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLogFollower.class);
    /** Leaves per pass of the live follower, which announces what it chained: a small pass shows a decision sooner. */
    private static final int LEAVES_PER_PASS = 500;
    /** Leaves per pass of a rebuild, which nobody reads until it is put in place: fewer, larger commits. */
    private static final int LEAVES_PER_REBUILD_PASS = 10_000;
    private static final long IDLE_MILLIS = 50;

    /** A follower's row. */
    private record Position(long leafPosition, long sealedThrough, Long rebuildUntil) {

        static final String SELECT = "select leaf_position, sealed_through, rebuild_until from ledger_follower";

        static Position of(ResultSet row, int rowNumber) throws SQLException {
            return new Position(row.getLong(1), row.getLong(2), (Long) row.getObject(3));
        }
    }

    /**
     * What a follower row writes: the live log, announcing its changes, or the rebuild's, beside it; how many leaves it
     * reads per pass.
     */
    private record Follower(String row, DecisionLog log, boolean live, int leavesPerPass) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DecisionLog log;
    private final Follower live;
    private final Follower beside;
    private final UnitNamesBook names;
    private final ReadModelChanges changes;
    private final DocumentStore documents;
    private volatile boolean running;
    private Thread thread;

    public DecisionLogFollower(JdbcClient jdbc, PlatformTransactionManager transactionManager, DecisionLog log,
                               UnitNamesBook names, ReadModelChanges changes, DocumentStore documents) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.log = log;
        this.live = new Follower(MODEL, log, true, LEAVES_PER_PASS);
        this.beside = new Follower(REBUILD_ROW, log.beside(), false, LEAVES_PER_REBUILD_PASS);
        this.names = names;
        this.changes = changes;
        this.documents = documents;
    }

    @Override
    public String name() {
        return MODEL;
    }

    /**
     * One pass of the live follower, and of a rebuild beside it if one is under way (put in place once it has caught
     * up); returns how many leaves they read (0 if none or busy).
     */
    public int followOnce() {
        int read = followOnce(live);
        if (rebuildingBeside()) {
            read += followOnce(beside);
            putInPlaceIfCaughtUp();
        }
        return read;
    }

    private int followOnce(Follower follower) {
        Integer read = transactions.execute(status -> {
            Position position = jdbc.sql(Position.SELECT + " where name = ? for update skip locked")
                    .param(follower.row()).query(Position::of).optional().orElse(null);
            if (position == null) {
                return 0;
            }
            if (!follower.live()) {
                // A crash may lose the last passes of a rebuild, not the live log: the position written with them goes
                // too, and the rebuild reads those leaves again. The switch commits as every other transaction does.
                jdbc.sql("set local synchronous_commit = off").update();
            }
            long watermark = jdbc.sql("select sealed_through from ledger_state where id = 1").query(Long.class)
                    .single();
            List<Sealed> leaves = jdbc.sql("select l.leaf_index, e.global_index, e.aggregate_identifier,"
                            + " e.event_identifier, e.meta_data, e.payload, e.payload_revision, e.payload_type,"
                            + " e.sequence_number, e.time_stamp from ledger_leaf l"
                            + " left join domain_event_entry e on e.event_identifier = l.event_id"
                            + " where l.leaf_index >= ? order by l.leaf_index limit ?")
                    .params(position.leafPosition(), follower.leavesPerPass())
                    .query((row, i) -> new Sealed(row.getLong("leaf_index"),
                            row.getString("event_identifier") == null ? null : StoredEvent.read(row)))
                    .list();
            DecisionLog.Appends appends = follower.log().appends();
            Set<String> changedClusters = new LinkedHashSet<>();
            inOneBatch(() -> leaves.forEach(leaf -> chain(leaf, appends, follower.row())
                    .ifPresent(changedClusters::add)));
            appends.flush();
            if (follower.live()) {
                changedClusters.forEach(clusterId -> changes.announce(MODEL, clusterId));
            }
            long next = leaves.isEmpty() ? position.leafPosition() : leaves.get(leaves.size() - 1).leafIndex() + 1;
            boolean caughtUp = leaves.size() < follower.leavesPerPass();
            Long rebuildUntil = position.rebuildUntil() != null && next < position.rebuildUntil()
                    ? position.rebuildUntil() : null;
            jdbc.sql("update ledger_follower set leaf_position = ?, sealed_through = ?, rebuild_until = ?"
                            + " where name = ?")
                    .params(next, caughtUp ? Math.max(watermark, position.sealedThrough()) : position.sealedThrough(),
                            rebuildUntil, follower.row())
                    .update();
            return leaves.size();
        });
        return read == null ? 0 : read;
    }

    /**
     * Once the rebuild has read as far as the live follower and the whole ledger as it was when asked, its entries
     * and names replace the live ones and the live follower takes its position, in one transaction; readers see the
     * old log until it commits and the rebuilt one after, never a half-built one.
     */
    private void putInPlaceIfCaughtUp() {
        long start = System.nanoTime();
        Boolean putInPlace = transactions.execute(status -> {
            Position current = lockedPosition(MODEL);
            Position rebuilt = lockedPosition(REBUILD_ROW);
            if (current == null || rebuilt == null || rebuilt.rebuildUntil() != null
                    || rebuilt.leafPosition() < current.leafPosition()) {
                return false;
            }
            documents.replaceModel(MODEL, REBUILD_ROW);
            jdbc.sql("update ledger_follower set leaf_position = ?, sealed_through = ?, rebuild_until = null"
                    + " where name = ?").params(rebuilt.leafPosition(), rebuilt.sealedThrough(), MODEL).update();
            jdbc.sql("delete from ledger_follower where name = ?").param(REBUILD_ROW).update();
            // Last: readers of the log wait for the tables' locks from here until the commit.
            log.putBesideInPlace();
            return true;
        });
        if (Boolean.TRUE.equals(putInPlace)) {
            LOG.info("The decision log rebuilt beside the live one is in place, put there in {} ms",
                    (System.nanoTime() - start) / 1_000_000);
            jdbc.sql("select distinct cluster_id from decision_log").query(String.class).list()
                    .forEach(clusterId -> changes.announce(MODEL, clusterId));
        }
    }

    private Position lockedPosition(String row) {
        return jdbc.sql(Position.SELECT + " where name = ? for update").param(row).query(Position::of).optional()
                .orElse(null);
    }

    private boolean rebuildingBeside() {
        return jdbc.sql("select count(*) from ledger_follower where name = ?").param(REBUILD_ROW).query(Long.class)
                .single() > 0;
    }

    /** A sealed leaf and its event as the store holds it now (null if it is gone: verification says so). */
    private record Sealed(long leafIndex, StoredEvent event) {
    }

    /**
     * Runs one pass as one batch for the documents the narration folds on the way ({@link EndOfBatch}): each is
     * loaded once and written once per pass, not once per decision, in the pass's transaction.
     */
    private static void inOneBatch(Runnable pass) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            pass.run();
            batch.commit();
        } catch (RuntimeException e) {
            if (batch.isActive()) {
                batch.rollback(e);
            }
            throw e;
        }
    }

    /** Chains the leaf's decision, if it holds one; returns the cluster whose log changed. */
    private Optional<String> chain(Sealed leaf, DecisionLog.Appends appends, String namesModel) {
        if (leaf.event() == null) {
            return Optional.empty();
        }
        StoredEvent stored = leaf.event();
        Object payload = StoredPayloads.payload(stored).orElse(null);
        if (!(payload instanceof Decision decision)) {
            if (payload == null) {
                LOG.warn("Leaf {} holds an event of an unknown type {}", leaf.leafIndex(), stored.payloadType());
            }
            return Optional.empty();
        }
        Envelope event = StoredPayloads.envelope(stored, decision);
        UnitNames known = names.namesAfter(namesModel, decision.clusterId(), event);
        appends.append(entryOf(leaf.leafIndex(), stored, event, decision, Narrator.describe(decision, known)));
        if (decision instanceof DecisionRescinded rescinded) {
            appends.markRescinded(rescinded.rescindedDecisionId(), rescinded.decisionId());
        }
        return Optional.of(decision.clusterId());
    }

    /**
     * The entry a sealed decision makes, before it is chained: every field the log shows is its event's (the payload
     * as the store holds it), but the summary in words (which needs the units' names as of then) and the rescission
     * (a later entry's). {@code event} is the stored event's envelope, {@code decision} its payload.
     */
    static DecisionLog.Entry entryOf(long leafIndex, StoredEvent stored, Envelope event, Decision decision,
                                     Text summary) {
        return new DecisionLog.Entry(decision.clusterId(), 0, leafIndex, stored.eventId(), decision.decisionId(),
                DecisionType.of(decision).code(), ConcernedYear.of(decision), stored.timestamp(), event.backdatedDay(),
                event.actor(), event.role(), stored.payload(), DecisionFacts.minutesRef(decision),
                DecisionFacts.reason(decision), summary, null, null, null);
    }

    private Optional<Position> position(String row) {
        return jdbc.sql(Position.SELECT + " where name = ?").param(row).query(Position::of).optional();
    }

    /** Whether a rebuild beside the live log is under way. */
    @Override
    public boolean isReplaying() {
        return rebuildingBeside();
    }

    @Override
    public long sealedThrough() {
        return position(MODEL).orElseThrow().sealedThrough();
    }

    @Override
    public double progress() {
        return position(REBUILD_ROW).map(rebuilt -> rebuilt.rebuildUntil() == null || rebuilt.rebuildUntil() == 0 ? 1.0
                : Math.min(1.0, (double) rebuilt.leafPosition() / rebuilt.rebuildUntil())).orElse(1.0);
    }

    /** Starts a rebuild beside the live log, from the first leaf to the ledger's size now; refused while one runs. */
    @Override
    public void replay() {
        transactions.executeWithoutResult(status -> {
            int started = jdbc.sql("insert into ledger_follower (name, leaf_position, sealed_through, rebuild_until)"
                    + " values (?, 0, 0, (select count(*) from ledger_leaf)) on conflict (name) do nothing")
                    .param(REBUILD_ROW).update();
            if (started == 0) {
                throw Problem.REPLAY_REFUSED.raise(MODEL, "a rebuild of it is under way");
            }
            beside.log().clear();
            names.forget(REBUILD_ROW);
        });
        LOG.info("The decision log is being rebuilt beside the live one");
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::follow, "decision-log-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running) {
            try {
                if (followOnce() == 0) {
                    Thread.sleep(IDLE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("The decision log could not read the ledger, trying again: {}", e.getMessage());
                    try {
                        Thread.sleep(IDLE_MILLIS * 20);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
