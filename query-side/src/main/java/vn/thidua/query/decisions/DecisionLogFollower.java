package vn.thidua.query.decisions;

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

import tools.jackson.databind.json.JsonMapper;
import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.decisions.DecisionType;
import vn.thidua.events.json.EventJson;
import vn.thidua.ledger.StoredEvent;
import vn.thidua.query.admin.LedgerOrderedModel;
import vn.thidua.query.narration.Narrator;
import vn.thidua.query.narration.Text;
import vn.thidua.query.narration.UnitNames;
import vn.thidua.query.narration.UnitNamesBook;
import vn.thidua.query.projection.ConcernedYear;
import vn.thidua.query.projection.EndOfBatch;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.ReadModelChanges;
import vn.thidua.query.projection.StoredPayloads;

/**
 * Builds the decision log from the ledger: reads the sealed leaves in order and chains every decision among them,
 * each entry with the leaf it was sealed as. One replica at a time does it (a row lock on its position, skipped by
 * the others); each pass commits the entries with the position it reached. A rebuild reads the ledger again from
 * its first leaf and, leaves being immutable, gives the very same entries and hashes.
 */
@Component
@ConditionalOnProperty(name = "thidua.read-models.decision-log.enabled", havingValue = "true", matchIfMissing = true)
public class DecisionLogFollower implements LedgerOrderedModel, SmartLifecycle {

    public static final String MODEL = "decision-log";
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLogFollower.class);
    private static final int LEAVES_PER_PASS = 500;
    private static final long IDLE_MILLIS = 50;

    /** The follower's row. */
    private record Position(long leafPosition, long sealedThrough, Long rebuildUntil) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DecisionLog log;
    private final UnitNamesBook names;
    private final ReadModelChanges changes;
    private final JsonMapper json = EventJson.mapper();
    private volatile boolean running;
    private Thread thread;

    public DecisionLogFollower(JdbcClient jdbc, PlatformTransactionManager transactionManager, DecisionLog log,
                               UnitNamesBook names, ReadModelChanges changes) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.log = log;
        this.names = names;
        this.changes = changes;
    }

    @Override
    public String name() {
        return MODEL;
    }

    /** One pass: chains the decisions among the next leaves; returns how many leaves it read (0 if none or busy). */
    public int followOnce() {
        Integer read = transactions.execute(status -> {
            Position position = jdbc.sql("select leaf_position, sealed_through, rebuild_until from ledger_follower"
                            + " where name = ? for update skip locked").param(MODEL)
                    .query((row, i) -> new Position(row.getLong(1), row.getLong(2), (Long) row.getObject(3)))
                    .optional().orElse(null);
            if (position == null) {
                return 0;
            }
            long watermark = jdbc.sql("select sealed_through from ledger_state where id = 1").query(Long.class)
                    .single();
            List<Sealed> leaves = jdbc.sql("select l.leaf_index, e.global_index, e.aggregate_identifier,"
                            + " e.event_identifier, e.meta_data, e.payload, e.payload_revision, e.payload_type,"
                            + " e.sequence_number, e.time_stamp from ledger_leaf l"
                            + " left join domain_event_entry e on e.event_identifier = l.event_id"
                            + " where l.leaf_index >= ? order by l.leaf_index limit ?")
                    .params(position.leafPosition(), LEAVES_PER_PASS)
                    .query((row, i) -> new Sealed(row.getLong("leaf_index"),
                            row.getString("event_identifier") == null ? null : StoredEvent.read(row)))
                    .list();
            DecisionLog.Appends appends = log.appends();
            Set<String> changedClusters = new LinkedHashSet<>();
            inOneBatch(() -> leaves.forEach(leaf -> chain(leaf, appends).ifPresent(changedClusters::add)));
            appends.flush();
            changedClusters.forEach(clusterId -> changes.announce(MODEL, clusterId));
            long next = leaves.isEmpty() ? position.leafPosition() : leaves.get(leaves.size() - 1).leafIndex() + 1;
            boolean caughtUp = leaves.size() < LEAVES_PER_PASS;
            Long rebuildUntil = position.rebuildUntil() != null && next < position.rebuildUntil()
                    ? position.rebuildUntil() : null;
            jdbc.sql("update ledger_follower set leaf_position = ?, sealed_through = ?, rebuild_until = ?"
                            + " where name = ?")
                    .params(next, caughtUp ? Math.max(watermark, position.sealedThrough()) : position.sealedThrough(),
                            rebuildUntil, MODEL)
                    .update();
            return leaves.size();
        });
        return read == null ? 0 : read;
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
    private Optional<String> chain(Sealed leaf, DecisionLog.Appends appends) {
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
        UnitNames known = names.namesAfter(MODEL, decision.clusterId(), event);
        appends.append(entryOf(leaf.leafIndex(), stored, decision, Narrator.describe(decision, known), json));
        if (decision instanceof DecisionRescinded rescinded) {
            appends.markRescinded(rescinded.rescindedDecisionId(), rescinded.decisionId());
        }
        return Optional.of(decision.clusterId());
    }

    /**
     * The entry a sealed decision makes, before it is chained: every field the log shows is its event's, but the
     * summary in words (which needs the units' names as of then) and the rescission (a later entry's).
     */
    static DecisionLog.Entry entryOf(long leafIndex, StoredEvent stored, Decision decision, Text summary,
                                     JsonMapper json) {
        Envelope event = StoredPayloads.envelope(stored, decision);
        return new DecisionLog.Entry(decision.clusterId(), 0, leafIndex, stored.eventId(), decision.decisionId(),
                DecisionType.of(decision).code(), ConcernedYear.of(decision), stored.timestamp(), event.backdatedDay(),
                event.actor(), event.role(), json.writeValueAsString(decision), DecisionFacts.minutesRef(decision),
                DecisionFacts.reason(decision), summary, null, null, null);
    }

    private Position position() {
        return jdbc.sql("select leaf_position, sealed_through, rebuild_until from ledger_follower where name = ?")
                .param(MODEL)
                .query((row, i) -> new Position(row.getLong(1), row.getLong(2), (Long) row.getObject(3)))
                .single();
    }

    @Override
    public boolean isReplaying() {
        return position().rebuildUntil() != null;
    }

    @Override
    public long sealedThrough() {
        return position().sealedThrough();
    }

    @Override
    public double progress() {
        Position position = position();
        return position.rebuildUntil() == null || position.rebuildUntil() == 0 ? 1.0
                : Math.min(1.0, (double) position.leafPosition() / position.rebuildUntil());
    }

    @Override
    public void replay() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select leaf_position from ledger_follower where name = ? for update").param(MODEL)
                    .query(Long.class).single();
            log.clear();
            names.forget(MODEL);
            jdbc.sql("update ledger_follower set leaf_position = 0, sealed_through = 0,"
                    + " rebuild_until = (select count(*) from ledger_leaf) where name = ?").param(MODEL).update();
        });
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
