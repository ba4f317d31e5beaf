package vn.thidua.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals every event of the store into the ledger, in the order commits become visible, and signs a checkpoint after
 * each round that added leaves. The checkpoints' origin is the signer key's name.
 * <p>
 * One sealer at a time per store: the sealer holds a PostgreSQL advisory lock on its own connection, so that any
 * number of replicas may run one and only the holder seals; a lost connection releases the lock for another.
 * <p>
 * <b>It extends only what it signed.</b> On taking the lock it recomputes every sealed leaf from the event as stored
 * and the root at the size of the latest checkpoint, whose signature must be its own key's; before each signature it
 * checks that the store's latest checkpoint is still the one it signed last. Any mismatch halts it: it logs why,
 * signs nothing more, and {@link #halted()} says why until an operator restarts it on a store that passes.
 * <p>
 * <b>No timeout verdicts.</b> Global indexes are handed out when an append begins and become visible when it
 * commits, so a lower index may appear after a higher one was sealed. The store's default assigns the appending
 * transaction its id before it takes an index (V7 migration), so an index missing below a visible one belongs to a
 * transaction that had its id when the snapshot that missed it was taken: one in progress then, or one that rolled
 * back. The sealer keeps such gaps with those transactions ({@link Awaited}), seals an index whenever it appears, and
 * drops a gap as rolled back only once PostgreSQL's snapshot says every one of them has ended. A commit is sealed whatever its
 * delay; a rolled-back append is known at the next round. An event that appears in a gap already dropped did not
 * come from an append: the verification calls it inserted.
 */
public final class Sealer implements AutoCloseable {

    /** How often to look and how much to seal per round. */
    public record Settings(Duration interval, int batchSize) {
    }

    /** "thidua" + "L", the advisory lock every sealer of a store competes for. */
    static final long LOCK_KEY = 0x746869647561_4CL;
    private static final Logger LOG = LoggerFactory.getLogger(Sealer.class);
    private static final int MAX_GAP_RANGES_LISTED = 64;

    /** Indexes {@code from..to} not seen yet, and the transactions that may still fill them. */
    private record Gap(long from, long to, Awaited awaited) {
    }

    /**
     * The transactions that had an id when a snapshot was taken and may not have ended: those it lists in progress,
     * and those from its {@code xmax} (one past the highest that had completed, not the highest handed out) up to the
     * id the sealer took for itself after it, {@code until}: every id below that was handed out before.
     */
    record Awaited(long[] inProgress, long from, long until) {

        boolean endedIn(Snapshot later) {
            return Arrays.stream(inProgress).allMatch(later::ended) && (until <= later.xmin()
                    || until <= later.xmax() && Arrays.stream(later.inProgress()).noneMatch(x -> x >= from && x < until));
        }
    }

    /**
     * A PostgreSQL snapshot ({@code pg_current_snapshot()}): transactions below {@code xmin} have ended; of those
     * below {@code xmax} (one past the highest that had completed), the ones listed were in progress; none from
     * {@code xmax} on had completed, though some may have been in progress and are not listed.
     */
    record Snapshot(long xmin, long xmax, long[] inProgress) {

        static Snapshot parse(String text) {
            String[] parts = text.split(":", -1);
            long[] inProgress = parts[2].isEmpty() ? new long[0]
                    : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).sorted().toArray();
            return new Snapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), inProgress);
        }

        boolean ended(long transaction) {
            return transaction < xmin || transaction < xmax && Arrays.binarySearch(inProgress, transaction) < 0;
        }
    }

    private final DataSource dataSource;
    private final NoteKeys.Signer signer;
    private final NoteKeys.Verifier verifier;
    private final Settings settings;
    private final Clock clock;

    private Connection connection;
    private Frontier frontier;
    private Checkpoint lastSigned;
    private long highestSealed;
    private long sealedThrough;
    private final TreeMap<Long, Gap> gaps = new TreeMap<>();
    private volatile String haltedBecause;
    private volatile Runnable onCheckpoint = () -> { };

    private volatile boolean running;
    private Thread thread;

    public Sealer(DataSource dataSource, NoteKeys.Signer signer, Settings settings) {
        this(dataSource, signer, settings, Clock.systemUTC());
    }

    Sealer(DataSource dataSource, NoteKeys.Signer signer, Settings settings, Clock clock) {
        this.dataSource = dataSource;
        this.signer = signer;
        this.verifier = signer.verifier();
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs after each round that signed a checkpoint, on the sealer's thread (the witnesses are told from here). */
    public void onCheckpoint(Runnable listener) {
        this.onCheckpoint = listener;
    }

    /** Seals continuously on a thread of its own until {@link #close()}. */
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "ledger-sealer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                if (sealRound() == 0) {
                    pause(settings.interval());
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("Sealing paused, the store did not answer: {}", e.getMessage());
                    pause(settings.interval().multipliedBy(20));
                }
            }
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        Thread sealing = thread;
        if (sealing != null) {
            sealing.interrupt();
            try {
                sealing.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            release();
        }
    }

    /** Whether this sealer holds the store's lock (another replica's sealer seals otherwise). */
    public synchronized boolean isSealing() {
        return connection != null;
    }

    /** Why this sealer stopped signing, if it did; it stays so until restarted. */
    public Optional<String> halted() {
        return Optional.ofNullable(haltedBecause);
    }

    /**
     * Stops sealing for good (until a restart): the store, or a witness, showed that the tree is not the one this log
     * signed. Nothing more is signed.
     */
    public synchronized void halt(String reason) {
        if (haltedBecause == null) {
            haltedBecause = reason;
            LOG.error("The ledger is halted and signs nothing more until an operator acts: {}", reason);
        }
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOG.debug("Rolling back the halted round failed", e);
            }
        }
        release();
    }

    /**
     * One round: seals what became visible since the last one, drops the gaps whose transactions all ended without
     * filling them, signs a checkpoint if anything was sealed, and tells how many events it sealed (0 too when
     * another sealer holds the lock, or this one is halted).
     */
    public synchronized int sealRound() throws SQLException {
        if (haltedBecause != null || connection == null && !acquire()) {
            return 0;
        }
        try {
            Snapshot snapshot = snapshot();
            List<StoredEvent> fresh = query("select " + StoredEvent.COLUMNS + " from domain_event_entry"
                    + " where global_index > ? order by global_index limit ?", highestSealed, settings.batchSize());
            List<StoredEvent> late = late();
            Awaited awaited = null;
            for (StoredEvent event : fresh) {
                if (event.globalIndex() > highestSealed + 1) {
                    awaited = awaited != null ? awaited : awaited(snapshot);
                    gaps.put(highestSealed + 1, new Gap(highestSealed + 1, event.globalIndex() - 1, awaited));
                }
                highestSealed = event.globalIndex();
            }
            late.forEach(event -> fill(event.globalIndex()));
            List<StoredEvent> sealing = new ArrayList<>(late);
            sealing.addAll(fresh);
            sealing.sort(Comparator.comparingLong(StoredEvent::globalIndex));
            long watermark = dropRolledBack(snapshot);
            if (sealing.isEmpty() && watermark == sealedThrough) {
                connection.rollback();
                return 0;
            }
            if (!sealing.isEmpty()) {
                requireLastSignedIsLatest();
                if (haltedBecause != null) {
                    return 0;
                }
                String sealedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
                append(sealing, sealedAt);
                sign(sealedAt);
            }
            sealedThrough = watermark;
            update("update ledger_state set sealed_through = ? where id = 1", sealedThrough);
            connection.commit();
            if (!sealing.isEmpty()) {
                onCheckpoint.run();
            }
            return sealing.size();
        } catch (SQLException | RuntimeException e) {
            release();
            throw e;
        }
    }

    /** What a gap missed in this snapshot waits for: the sealer takes its own transaction id to bound it. */
    private Awaited awaited(Snapshot snapshot) throws SQLException {
        return new Awaited(snapshot.inProgress(), snapshot.xmax(),
                Long.parseLong(queryString("select pg_current_xact_id()::text")));
    }

    /**
     * The round's snapshot: the first statement of its repeatable-read transaction, so that every read of the round
     * sees what it describes (a transaction that takes an index after it is in no gap of this round).
     */
    private Snapshot snapshot() throws SQLException {
        try (PreparedStatement statement = prepare("select pg_current_snapshot()::text,"
                + " current_setting('transaction_isolation')"); ResultSet row = statement.executeQuery()) {
            row.next();
            if (!"repeatable read".equals(row.getString(2))) {
                throw new IllegalStateException("a sealing round reads in one snapshot: repeatable read, not "
                        + row.getString(2));
            }
            return Snapshot.parse(row.getString(1));
        }
    }

    /** Events that appeared in the gaps, below leaves already sealed. */
    private List<StoredEvent> late() throws SQLException {
        if (gaps.isEmpty()) {
            return List.of();
        }
        StringJoiner ranges = new StringJoiner(" or ", "(", ")");
        List<Object> bounds = new ArrayList<>();
        if (gaps.size() <= MAX_GAP_RANGES_LISTED) {
            gaps.values().forEach(gap -> {
                ranges.add("global_index between ? and ?");
                bounds.add(gap.from());
                bounds.add(gap.to());
            });
        } else {
            ranges.add("global_index between ? and ?");
            bounds.add(gaps.firstEntry().getValue().from());
            bounds.add(gaps.lastEntry().getValue().to());
        }
        return query("select " + StoredEvent.COLUMNS + " from domain_event_entry e where " + ranges
                + " and not exists (select 1 from ledger_leaf l where l.global_index = e.global_index)"
                + " order by global_index", bounds.toArray());
    }

    private void fill(long index) {
        Map.Entry<Long, Gap> entry = gaps.floorEntry(index);
        if (entry == null || entry.getValue().to() < index) {
            return;
        }
        Gap gap = gaps.remove(entry.getKey());
        if (gap.from() < index) {
            gaps.put(gap.from(), new Gap(gap.from(), index - 1, gap.awaited()));
        }
        if (index < gap.to()) {
            gaps.put(index + 1, new Gap(index + 1, gap.to(), gap.awaited()));
        }
    }

    /**
     * Drops the gaps whose transactions have all ended in this round's snapshot (what is still empty then was rolled
     * back); the watermark stops before the oldest gap still open.
     */
    private long dropRolledBack(Snapshot snapshot) {
        gaps.values().removeIf(gap -> {
            boolean ended = gap.awaited().endedIn(snapshot);
            if (ended) {
                LOG.debug("Global indexes {}..{} were rolled back", gap.from(), gap.to());
            }
            return ended;
        });
        return gaps.isEmpty() ? highestSealed : gaps.firstKey() - 1;
    }

    private void append(List<StoredEvent> events, String sealedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into ledger_leaf"
                + " (leaf_index, global_index, event_id, leaf_hash, sealed_at) values (?, ?, ?, ?, ?)")) {
            for (StoredEvent event : events) {
                byte[] leafHash = event.leafHash();
                insert.setLong(1, frontier.size());
                insert.setLong(2, event.globalIndex());
                insert.setString(3, event.eventId());
                insert.setBytes(4, leafHash);
                insert.setString(5, sealedAt);
                insert.addBatch();
                frontier.append(leafHash);
            }
            insert.executeBatch();
        }
    }

    /** Signs the tree as it now stands: it extends the last signed checkpoint, the frontier having only grown since. */
    private void sign(String createdAt) throws SQLException {
        Checkpoint checkpoint = new Checkpoint(signer.name(), frontier.size(), frontier.root());
        update("insert into ledger_checkpoint (tree_size, root_hash, note, created_at) values (?, ?, ?, ?)",
                checkpoint.size(), checkpoint.rootHash(), checkpoint.sign(signer), createdAt);
        lastSigned = checkpoint;
    }

    /** Before a signature: the store's latest checkpoint is the one this sealer signed last, as it signed it. */
    private void requireLastSignedIsLatest() throws SQLException {
        Optional<Checkpoint> latest = latestStoredCheckpoint();
        if (haltedBecause == null && (latest.isEmpty() || latest.get().size() != lastSigned.size()
                || !Arrays.equals(latest.get().rootHash(), lastSigned.rootHash()))) {
            halt("the store's latest checkpoint is no longer the one signed last (size " + lastSigned.size()
                    + "): the ledger's tables were rewritten");
        }
    }

    /**
     * Takes the lock if free, then checks that the store's ledger is the one this key signed and loads where it
     * stands: the tree's right edge, the highest index sealed, and the gaps below it.
     */
    private boolean acquire() throws SQLException {
        Connection candidate = dataSource.getConnection();
        try {
            candidate.setAutoCommit(true);
            boolean locked;
            try (PreparedStatement lock = candidate.prepareStatement("select pg_try_advisory_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                try (ResultSet result = lock.executeQuery()) {
                    locked = result.next() && result.getBoolean(1);
                }
            }
            if (!locked) {
                candidate.close();
                return false;
            }
            candidate.setAutoCommit(false);
            candidate.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection = candidate;
            Snapshot snapshot = snapshot();
            Optional<String> broken = load(snapshot);
            if (broken.isPresent()) {
                halt(broken.get());
                return false;
            }
            connection.commit();
            LOG.info("Sealing the ledger as {} from leaf {} (global index {} and after)", signer.verifierKey(),
                    frontier.size(), sealedThrough + 1);
            return true;
        } catch (SQLException | RuntimeException e) {
            connection = candidate;
            release();
            throw e;
        }
    }

    /** Loads the ledger's state and checks it against its own checkpoints and the events; why not, if it fails. */
    private Optional<String> load(Snapshot snapshot) throws SQLException {
        Optional<Checkpoint> latest;
        try {
            latest = latestStoredCheckpoint();
        } catch (ProofException e) {
            return Optional.of("the store's latest checkpoint is not signed by this log's key "
                    + signer.verifierKey() + " (" + e.getMessage() + "): another key's log, or a forged checkpoint");
        }
        Optional<String> broken = recomputeLeaves(latest.orElse(null));
        if (broken.isPresent()) {
            return broken;
        }
        lastSigned = latest.orElse(null);
        sealedThrough = Long.parseLong(queryString("select sealed_through from ledger_state where id = 1"));
        highestSealed = Math.max(sealedThrough,
                Long.parseLong(queryString("select coalesce(max(global_index), 0) from ledger_leaf")));
        gaps.clear();
        Awaited awaited = awaited(snapshot);
        try (PreparedStatement missing = connection.prepareStatement("select g from generate_series(?, ?) g"
                + " where not exists (select 1 from ledger_leaf l where l.global_index = g) order by g")) {
            missing.setLong(1, sealedThrough + 1);
            missing.setLong(2, highestSealed);
            try (ResultSet rows = missing.executeQuery()) {
                while (rows.next()) {
                    long index = rows.getLong(1);
                    Map.Entry<Long, Gap> last = gaps.lastEntry();
                    if (last != null && last.getValue().to() == index - 1) {
                        gaps.put(last.getKey(), new Gap(last.getKey(), index, awaited));
                    } else {
                        gaps.put(index, new Gap(index, index, awaited));
                    }
                }
            }
        }
        if (lastSigned == null || lastSigned.size() != frontier.size()) {
            sign(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        }
        return Optional.empty();
    }

    /**
     * Rebuilds the frontier from the sealed leaves, each recomputed from its event as the store holds it now, and
     * checks the root at the latest checkpoint's size against the signed one.
     */
    private Optional<String> recomputeLeaves(Checkpoint latest) throws SQLException {
        frontier = new Frontier();
        try (PreparedStatement leaves = connection.prepareStatement("select l.leaf_index, l.leaf_hash,"
                + " l.global_index as sealed_index, l.event_id as sealed_event, e.* from ledger_leaf l"
                + " left join domain_event_entry e on e.event_identifier = l.event_id order by l.leaf_index")) {
            leaves.setFetchSize(10_000);
            try (ResultSet rows = leaves.executeQuery()) {
                while (rows.next()) {
                    long leafIndex = rows.getLong("leaf_index");
                    if (leafIndex != frontier.size()) {
                        return Optional.of("the ledger has no leaf " + frontier.size());
                    }
                    if (rows.getString("event_identifier") == null) {
                        return Optional.of("leaf " + leafIndex + ": its event " + rows.getString("sealed_event")
                                + " is no longer in the store");
                    }
                    StoredEvent event = StoredEvent.read(rows);
                    if (!Arrays.equals(event.leafHash(), rows.getBytes("leaf_hash"))
                            || event.globalIndex() != rows.getLong("sealed_index")) {
                        return Optional.of("leaf " + leafIndex + ": its event " + event.eventId()
                                + " is not as it was sealed");
                    }
                    frontier.append(rows.getBytes("leaf_hash"));
                    if (latest != null && frontier.size() == latest.size()
                            && !Arrays.equals(frontier.root(), latest.rootHash())) {
                        return Optional.of("the tree of size " + latest.size()
                                + " does not have the root this log signed: its history was rewritten");
                    }
                }
            }
        }
        if (latest == null ? frontier.size() > 0 : frontier.size() < latest.size()) {
            return Optional.of("the ledger has " + frontier.size() + " leaves, its latest checkpoint "
                    + (latest == null ? "is missing" : "says " + latest.size()));
        }
        return Optional.empty();
    }

    /** The store's latest checkpoint, opened with this log's key (a ProofException if the key did not sign it). */
    private Optional<Checkpoint> latestStoredCheckpoint() throws SQLException {
        try (PreparedStatement latest = prepare("select tree_size, root_hash, note from ledger_checkpoint"
                + " order by tree_size desc limit 1"); ResultSet row = latest.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            Checkpoint signed = Checkpoint.open(row.getString("note"), verifier);
            if (signed.size() != row.getLong("tree_size") || !Arrays.equals(signed.rootHash(),
                    row.getBytes("root_hash")) || !signed.origin().equals(signer.name())) {
                throw new ProofException("the checkpoint row of size " + row.getLong("tree_size")
                        + " does not hold what its note signs");
            }
            return Optional.of(signed);
        }
    }

    private void release() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the sealer's connection failed", e);
            }
            connection = null;
            frontier = null;
        }
    }

    private List<StoredEvent> query(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rows = statement.executeQuery()) {
            List<StoredEvent> events = new ArrayList<>();
            while (rows.next()) {
                events.add(StoredEvent.read(rows));
            }
            return events;
        }
    }

    private String queryString(String sql) throws SQLException {
        try (PreparedStatement statement = prepare(sql); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
