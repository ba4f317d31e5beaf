package vn.thidua.ledger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers the latest signed checkpoint to every witness of the policy (C2SP tlog-witness {@code add-checkpoint}) and
 * keeps the cosignatures they return. Runs beside the sealer on the replica that holds the store's lock, on a thread
 * of its own: sealing never waits on a witness. Each witness gets one consistency proof from the size it cosigned
 * last (learnt from its 409 the first time), so one that was down catches up in one request. A witness that has
 * cosigned a tree this log cannot extend (422, or a larger or different tree of the same size) proves the log was
 * rewritten or forked: the sealer is halted.
 */
public final class WitnessPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WitnessPublisher.class);

    private record Signed(long size, String note) {
    }

    private final DataSource dataSource;
    private final Sealer sealer;
    private final WitnessPolicy policy;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final MerkleTree tree = new MerkleTree();
    /** The size each witness last said it cosigned; absent: not known yet (offered from 0, its 409 tells). */
    private final Map<String, Long> cosignedSizes = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean running;
    private Thread thread;

    public WitnessPublisher(DataSource dataSource, Sealer sealer, WitnessPolicy policy, Duration timeout) {
        this(dataSource, sealer, policy, timeout, Clock.systemUTC());
    }

    WitnessPublisher(DataSource dataSource, Sealer sealer, WitnessPolicy policy, Duration timeout, Clock clock) {
        this.dataSource = dataSource;
        this.sealer = sealer;
        this.policy = policy;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public synchronized void start() {
        if (policy.witnesses().isEmpty()) {
            return;
        }
        running = true;
        sealer.onCheckpoint(this::wake);
        thread = new Thread(this::run, "ledger-witnesses");
        thread.setDaemon(true);
        thread.start();
    }

    /** A new checkpoint was signed. */
    public void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            synchronized (signal) {
                if (!signalled) {
                    try {
                        signal.wait(timeout.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                signalled = false;
            }
            try {
                if (sealer.halted().isEmpty() && sealer.isSealing()) {
                    publishLatest();
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Offering the latest checkpoint to the witnesses failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Thread publishing = thread;
        if (publishing != null) {
            publishing.interrupt();
            try {
                publishing.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Offers the store's latest checkpoint to every witness that has not cosigned it; returns when each answered. */
    public void publishLatest() throws SQLException {
        Signed latest;
        Set<String> cosigned = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            latest = latest(connection);
            if (latest == null) {
                return;
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "select witness_key from ledger_cosignature where tree_size = ?")) {
                statement.setLong(1, latest.size());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        cosigned.add(rows.getString(1));
                    }
                }
            }
            loadTree(connection, latest.size());
        }
        Checkpoint checkpoint = policy.signedByLog(latest.note());
        if (!Arrays.equals(tree.root(latest.size()), checkpoint.rootHash())) {
            sealer.halt("the sealed leaves do not hash to the root of the checkpoint of size " + latest.size());
            return;
        }
        List<CompletableFuture<Void>> offers = policy.witnesses().stream()
                .filter(witness -> !cosigned.contains(witness.key().verifierKey()))
                .map(witness -> offer(witness, latest, 2)).toList();
        CompletableFuture.allOf(offers.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> offer(WitnessPolicy.Witness witness, Signed checkpoint, int triesLeft) {
        long old = cosignedSizes.getOrDefault(witness.name(), 0L);
        if (old > checkpoint.size()) {
            requireStoreHolds(witness, old);
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(witness.url() + "/add-checkpoint"))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body(old, checkpoint), StandardCharsets.UTF_8))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenCompose(response -> switch (response.statusCode()) {
                    case 200 -> {
                        keep(witness, checkpoint, response.body());
                        yield CompletableFuture.<Void>completedFuture(null);
                    }
                    case 409 -> conflict(witness, checkpoint, old, response, triesLeft);
                    case 422 -> {
                        sealer.halt("witness " + witness.name() + " refused the checkpoint of size "
                                + checkpoint.size() + ": it does not extend the tree of size " + old
                                + " the witness cosigned (" + response.body().strip() + ")");
                        yield CompletableFuture.<Void>completedFuture(null);
                    }
                    default -> {
                        LOG.warn("Witness {} answered {} to the checkpoint of size {}: {}", witness.name(),
                                response.statusCode(), checkpoint.size(), response.body().strip());
                        yield CompletableFuture.<Void>completedFuture(null);
                    }
                })
                .exceptionally(e -> {
                    LOG.debug("Witness {} did not answer: {}", witness.name(), e.getMessage());
                    return null;
                });
    }

    /** The witness holds another size: learn it and offer again, unless it shows a tree this log cannot extend. */
    private CompletableFuture<Void> conflict(WitnessPolicy.Witness witness, Signed checkpoint, long old,
                                             HttpResponse<String> response, int triesLeft) {
        long held;
        try {
            held = Long.parseLong(response.body().strip());
        } catch (NumberFormatException e) {
            LOG.warn("Witness {} answered 409 without a size: {}", witness.name(), response.body().strip());
            return CompletableFuture.completedFuture(null);
        }
        if (held == old) {
            sealer.halt("witness " + witness.name() + " cosigned another tree of size " + held
                    + " than this log's checkpoint of that size: the log was forked");
            return CompletableFuture.completedFuture(null);
        }
        cosignedSizes.put(witness.name(), held);
        return triesLeft > 1 ? offer(witness, checkpoint, triesLeft - 1) : CompletableFuture.completedFuture(null);
    }

    /**
     * A witness holds a tree larger than the checkpoint offered: a newer one, signed since this round read the store,
     * or, if the store has none that large, proof that the log lost leaves.
     */
    private void requireStoreHolds(WitnessPolicy.Witness witness, long held) {
        try (Connection connection = dataSource.getConnection()) {
            Signed latest = latest(connection);
            if (latest == null || latest.size() < held) {
                sealer.halt("witness " + witness.name() + " cosigned a tree of size " + held
                        + ", larger than this log's latest checkpoint: the log lost leaves");
            }
        } catch (SQLException e) {
            LOG.warn("Could not read the latest checkpoint: {}", e.getMessage());
        }
    }

    /** Keeps the witness's cosignature once it checks against the witness's configured key. */
    private void keep(WitnessPolicy.Witness witness, Signed checkpoint, String lines) {
        Optional<String> line = WitnessPolicy.cosignatureBy(witness, checkpoint.note(), lines);
        if (line.isEmpty()) {
            LOG.warn("Witness {} answered 200 without a valid cosignature by its key", witness.name());
            return;
        }
        cosignedSizes.put(witness.name(), checkpoint.size());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into ledger_cosignature"
                     + " (tree_size, witness_key, signature, received_at) values (?, ?, ?, ?)"
                     + " on conflict do nothing")) {
            insert.setLong(1, checkpoint.size());
            insert.setString(2, witness.key().verifierKey());
            insert.setString(3, line.get());
            insert.setString(4, clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
            insert.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not keep witness {}'s cosignature of size {}: {}", witness.name(), checkpoint.size(),
                    e.getMessage());
        }
    }

    private String body(long old, Signed checkpoint) {
        StringBuilder body = new StringBuilder("old ").append(old).append('\n');
        if (old > 0 && old < checkpoint.size()) {
            tree.consistencyProof(old, checkpoint.size())
                    .forEach(hash -> body.append(Base64.getEncoder().encodeToString(hash)).append('\n'));
        }
        return body.append('\n').append(checkpoint.note()).toString();
    }

    private static Signed latest(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select tree_size, note from ledger_checkpoint order by tree_size desc limit 1");
             ResultSet row = statement.executeQuery()) {
            return row.next() ? new Signed(row.getLong(1), row.getString(2)) : null;
        }
    }

    /** Reads the leaves sealed since the last call, up to {@code size}. */
    private void loadTree(Connection connection, long size) throws SQLException {
        if (tree.size() >= size) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("select leaf_index, leaf_hash from ledger_leaf"
                + " where leaf_index >= ? and leaf_index < ? order by leaf_index")) {
            statement.setLong(1, tree.size());
            statement.setLong(2, size);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(1) != tree.size()) {
                        throw new IllegalStateException("the ledger has no leaf " + tree.size());
                    }
                    tree.append(rows.getBytes(2));
                }
            }
        }
    }
}
