package vn.thidua.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals every event of the store into the ledger, in the order commits become visible, and signs a checkpoint after
 * each round that added leaves.
 * <p>
 * One sealer at a time per store: the sealer holds a PostgreSQL advisory lock on its own connection, so that any
 * number of replicas may run one and only the holder seals; a lost connection releases the lock for another. The
 * first sealer registers its verifier key; a sealer with another key refuses to seal rather than fork the log.
 * <p>
 * Global indexes are handed out when an append begins and become visible when it commits, so a lower index may
 * appear after a higher one was sealed. The sealer remembers the indexes it has not seen below the highest it
 * sealed (gaps) and seals each when it appears, after the leaves already sealed. A gap still empty after the gap
 * timeout was a rolled-back append: it is dropped, and the store's "sealed through" watermark moves past it. An
 * event that appears at or below the watermark later was not appended by a command; verification calls it inserted.
 */
public final class Sealer implements AutoCloseable {

    /** The origin line of every checkpoint, how long a gap may stay open, how often to look, how much per round. */
    public record Settings(String origin, Duration gapTimeout, Duration interval, int batchSize) {
    }

    /** "thidua" + "L", the advisory lock every sealer of a store competes for. */
    static final long LOCK_KEY = 0x746869647561_4CL;
    private static final Logger LOG = LoggerFactory.getLogger(Sealer.class);
    private static final int MAX_GAP_RANGES_LISTED = 64;

    /** Indexes {@code from..to} not seen yet, first missed at {@code since}. */
    private record Gap(long from, long to, Instant since) {
    }

    private final DataSource dataSource;
    private final NoteKeys.Signer signer;
    private final Settings settings;
    private final Clock clock;

    private Connection connection;
    private Frontier frontier;
    private long highestSealed;
    private long sealedThrough;
    private final TreeMap<Long, Gap> gaps = new TreeMap<>();
    private boolean keyRefused;

    private volatile boolean running;
    private Thread thread;

    public Sealer(DataSource dataSource, NoteKeys.Signer signer, Settings settings) {
        this(dataSource, signer, settings, Clock.systemUTC());
    }

    Sealer(DataSource dataSource, NoteKeys.Signer signer, Settings settings, Clock clock) {
        this.dataSource = dataSource;
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
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

    /**
     * One round: seals what became visible since the last one, signs a checkpoint if anything was sealed, and tells
     * how many events it sealed (0 too when another sealer holds the lock).
     */
    public synchronized int sealRound() throws SQLException {
        if (connection == null && !acquire()) {
            return 0;
        }
        try {
            Instant now = clock.instant();
            List<StoredEvent> fresh = query("select " + StoredEvent.COLUMNS + " from domain_event_entry"
                    + " where global_index > ? order by global_index limit ?", highestSealed, settings.batchSize());
            List<StoredEvent> late = late();
            for (StoredEvent event : fresh) {
                if (event.globalIndex() > highestSealed + 1) {
                    gaps.put(highestSealed + 1, new Gap(highestSealed + 1, event.globalIndex() - 1, now));
                }
                highestSealed = event.globalIndex();
            }
            late.forEach(event -> fill(event.globalIndex()));
            List<StoredEvent> sealing = new ArrayList<>(late);
            sealing.addAll(fresh);
            sealing.sort(Comparator.comparingLong(StoredEvent::globalIndex));
            append(sealing, now);
            long watermark = advanceWatermark(now);
            if (sealing.isEmpty() && watermark == sealedThrough) {
                connection.rollback();
                return 0;
            }
            sealedThrough = watermark;
            update("update ledger_state set sealed_through = ? where id = 1", sealedThrough);
            connection.commit();
            return sealing.size();
        } catch (SQLException | RuntimeException e) {
            release();
            throw e;
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
            gaps.put(gap.from(), new Gap(gap.from(), index - 1, gap.since()));
        }
        if (index < gap.to()) {
            gaps.put(index + 1, new Gap(index + 1, gap.to(), gap.since()));
        }
    }

    /** Drops the gaps that stayed empty past the timeout; the watermark stops before the oldest one still open. */
    private long advanceWatermark(Instant now) {
        Instant expired = now.minus(settings.gapTimeout());
        for (Iterator<Gap> open = gaps.values().iterator(); open.hasNext(); ) {
            Gap gap = open.next();
            if (gap.since().isBefore(expired)) {
                LOG.info("Global indexes {}..{} stayed empty for {}: rolled-back appends", gap.from(), gap.to(),
                        settings.gapTimeout());
                open.remove();
            }
        }
        return gaps.isEmpty() ? highestSealed : gaps.firstKey() - 1;
    }

    private void append(List<StoredEvent> events, Instant now) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        String sealedAt = now.truncatedTo(ChronoUnit.MILLIS).toString();
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
        checkpoint(sealedAt);
    }

    private void checkpoint(String createdAt) throws SQLException {
        byte[] root = frontier.root();
        update("insert into ledger_checkpoint (tree_size, root_hash, note, created_at) values (?, ?, ?, ?)"
                        + " on conflict (tree_size) do nothing", frontier.size(), root,
                new Checkpoint(settings.origin(), frontier.size(), root).sign(signer), createdAt);
    }

    /**
     * Takes the lock if free, checks that the store's ledger is ours to sign, and loads where it stands: the tree's
     * right edge, the highest index sealed, and the gaps below it (their clocks start again now).
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
            connection = candidate;
            if (!registerKey()) {
                release();
                return false;
            }
            load();
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

    private boolean registerKey() throws SQLException {
        String registered = queryString("select verifier_key from ledger_state where id = 1 for update");
        if (registered == null) {
            update("update ledger_state set verifier_key = ? where id = 1", signer.verifierKey());
            return true;
        }
        if (!registered.equals(signer.verifierKey())) {
            if (!keyRefused) {
                LOG.error("The ledger of this store is signed by {}, not by this replica's key {}: not sealing",
                        registered, signer.verifierKey());
                keyRefused = true;
            }
            connection.rollback();
            return false;
        }
        return true;
    }

    private void load() throws SQLException {
        frontier = new Frontier();
        try (PreparedStatement leaves = connection.prepareStatement(
                "select leaf_hash from ledger_leaf order by leaf_index")) {
            leaves.setFetchSize(10_000);
            try (ResultSet rows = leaves.executeQuery()) {
                while (rows.next()) {
                    frontier.append(rows.getBytes(1));
                }
            }
        }
        sealedThrough = Long.parseLong(queryString("select sealed_through from ledger_state where id = 1"));
        highestSealed = Math.max(sealedThrough,
                Long.parseLong(queryString("select coalesce(max(global_index), 0) from ledger_leaf")));
        gaps.clear();
        Instant now = clock.instant();
        try (PreparedStatement missing = connection.prepareStatement("select g from generate_series(?, ?) g"
                + " where not exists (select 1 from ledger_leaf l where l.global_index = g) order by g")) {
            missing.setLong(1, sealedThrough + 1);
            missing.setLong(2, highestSealed);
            try (ResultSet rows = missing.executeQuery()) {
                while (rows.next()) {
                    long index = rows.getLong(1);
                    Map.Entry<Long, Gap> last = gaps.lastEntry();
                    if (last != null && last.getValue().to() == index - 1) {
                        gaps.put(last.getKey(), new Gap(last.getKey(), index, now));
                    } else {
                        gaps.put(index, new Gap(index, index, now));
                    }
                }
            }
        }
        if (queryString("select tree_size from ledger_checkpoint where tree_size = " + frontier.size()) == null) {
            checkpoint(now.truncatedTo(ChronoUnit.MILLIS).toString());
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
