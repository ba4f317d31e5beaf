package vn.thidua.benchmarks;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.Sealer;
import vn.thidua.witness.Witness;
import vn.thidua.witness.WitnessServer;
import vn.thidua.witness.WitnessState;

/**
 * Sealing: how long an event waits between its append and its leaf (p50, p99), and between its append and the first
 * checkpoint that covers it cosigned by both of two witnesses (quorum 2, on loopback), while commands are appended
 * through the gateway at 1 and 8 threads; whether the sealer keeps up; and the sealer's capacity on a backlog against
 * the limit of appending the same rows with raw INSERT + COMMIT on 8 threads, all in the same run with fsync on.
 */
final class SealBenchmark {

    private static final int MEMBERS = 200;

    private SealBenchmark() {
    }

    static void main(String[] args) throws Exception {
        Duration warmUp = Duration.ofSeconds(Long.getLong("warmup", 3));
        Duration measured = Duration.ofSeconds(Long.getLong("seconds", 15));
        int backlog = Integer.getInteger("backlog", 100_000);
        List<String> rows = new ArrayList<>();
        Path folder = Files.createTempDirectory("seal-benchmark");
        List<WitnessServer> witnesses = new ArrayList<>();
        List<String> policy = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            NoteKeys.Signer key = NoteKeys.generate("bench.local/witness-" + w, NoteKeys.Type.COSIGNATURE);
            WitnessServer witness = new WitnessServer(new Witness(key, List.of(Benchmarks.LEDGER_KEY.verifier()),
                    new WitnessState(folder.resolve("witness-" + w)), Clock.systemUTC(), note -> { }),
                    new InetSocketAddress("127.0.0.1", 0));
            witness.start();
            witnesses.add(witness);
            policy.add(key.verifierKey() + "@http://127.0.0.1:" + witness.port());
        }
        try (EmbeddedPostgres postgres = Benchmarks.durablePostgres()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext app = Benchmarks.commandSide(postgres,
                    "--thidua.ledger.witnesses=" + String.join(",", policy), "--thidua.ledger.witness-quorum=2");
                 Connection sql = DriverManager.getConnection(url, "postgres", "")) {
                CommandGateway gateway = app.getBean(CommandGateway.class);
                for (int threads : new int[] {1, 8}) {
                    Instant from = Instant.now().plus(warmUp);
                    double appended = Measurement.perSecond(threads, warmUp, measured,
                            AppendBenchmark.commands(gateway, threads, MEMBERS));
                    Instant to = Instant.now();
                    long drainStart = System.nanoTime();
                    while (count(sql, "ledger_leaf") < count(sql, "domain_event_entry")) {
                        Thread.sleep(10);
                    }
                    double drainMillis = (System.nanoTime() - drainStart) / 1e6;
                    double[] latency = latencyMillis(sql, from, to);
                    double sealed = sealedPerSecond(sql, from, to);
                    double[] witnessed = witnessedLatencyMillis(sql, from, to);
                    rows.add(String.format(Locale.ROOT, "| append, %d threads | %.0f commands/s | %.0f leaves/s"
                                    + " (%.0f%%) | p50 %.0f ms, p99 %.0f ms | p50 %.0f ms, p99 %.0f ms | %.0f ms |",
                            threads, appended, sealed, 100 * sealed / appended, latency[0], latency[1], witnessed[0],
                            witnessed[1], drainMillis));
                }
            }
            rows.add(capacity(postgres, backlog));
        } finally {
            witnesses.forEach(WitnessServer::close);
        }
        System.out.println();
        System.out.println("Sealing, " + measured.toSeconds() + " s per figure, fsync on, " + Instant.now());
        System.out.println("| load | appended | sealed in the same window (ratio) | append -> leaf"
                + " | append -> checkpoint cosigned by 2 witnesses | drained after |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }

    /** Append time (the event's timestamp) to seal time of the events appended in the measured window. */
    private static double[] latencyMillis(Connection sql, Instant from, Instant to) throws Exception {
        try (PreparedStatement query = sql.prepareStatement("select percentile_cont(array[0.5, 0.99]) within group"
                + " (order by extract(epoch from l.sealed_at::timestamptz - e.time_stamp::timestamptz) * 1000)"
                + " from ledger_leaf l join domain_event_entry e on e.global_index = l.global_index"
                + " where e.time_stamp >= ? and e.time_stamp < ?")) {
            query.setString(1, from.toString());
            query.setString(2, to.toString());
            try (ResultSet result = query.executeQuery()) {
                result.next();
                Double[] percentiles = (Double[]) result.getArray(1).getArray();
                return new double[] {percentiles[0], percentiles[1]};
            }
        }
    }

    /**
     * Append time to the time the second witness's cosignature arrived on the first checkpoint covering the event, for
     * the events appended in the measured window (every event waits for that; none is left out).
     */
    private static double[] witnessedLatencyMillis(Connection sql, Instant from, Instant to) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && count(sql, "ledger_leaf") > witnessedSize(sql)) {
            Thread.sleep(10);
        }
        TreeMap<Long, Instant> witnessed = new TreeMap<>();
        try (ResultSet rows = sql.createStatement().executeQuery("select tree_size, max(received_at)"
                + " from ledger_cosignature group by tree_size having count(*) >= 2")) {
            while (rows.next()) {
                witnessed.put(rows.getLong(1), Instant.parse(rows.getString(2)));
            }
        }
        List<Long> millis = new ArrayList<>();
        try (PreparedStatement query = sql.prepareStatement("select l.leaf_index, e.time_stamp from ledger_leaf l"
                + " join domain_event_entry e on e.global_index = l.global_index"
                + " where e.time_stamp >= ? and e.time_stamp < ?")) {
            query.setString(1, from.toString());
            query.setString(2, to.toString());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Map.Entry<Long, Instant> covering = witnessed.higherEntry(rows.getLong(1));
                    millis.add(covering == null ? Long.MAX_VALUE : Duration.between(Instant.parse(rows.getString(2)),
                            covering.getValue()).toMillis());
                }
            }
        }
        millis.sort(null);
        return new double[] {millis.get(millis.size() / 2), millis.get(Math.min(millis.size() - 1,
                millis.size() * 99 / 100))};
    }

    private static long witnessedSize(Connection sql) throws Exception {
        try (ResultSet row = sql.createStatement().executeQuery("select coalesce(max(tree_size), 0) from"
                + " (select tree_size from ledger_cosignature group by tree_size having count(*) >= 2) q")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static double sealedPerSecond(Connection sql, Instant from, Instant to) throws Exception {
        try (PreparedStatement query = sql.prepareStatement(
                "select count(*) from ledger_leaf where sealed_at >= ? and sealed_at < ?")) {
            query.setString(1, from.toString());
            query.setString(2, to.toString());
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1) / (Duration.between(from, to).toMillis() / 1000.0);
            }
        }
    }

    /**
     * A fresh store with {@code backlog} events appended by raw INSERT + COMMIT on 8 threads (the append limit), then
     * one sealer from an empty ledger: leaves per second against rows per second.
     */
    private static String capacity(EmbeddedPostgres postgres, int backlog) throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement create = admin.createStatement()) {
            create.execute("create database seal_capacity");
        }
        String url = postgres.getJdbcUrl("postgres", "seal_capacity");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser("postgres");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        int threads = 8;
        long insertStart = System.nanoTime();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> rawAppends(url, thread, backlog / threads));
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        double inserted = backlog / ((System.nanoTime() - insertStart) / 1e9);
        try (Sealer sealer = new Sealer(dataSource, NoteKeys.generate("bench.local/ledger"),
                new Sealer.Settings(Duration.ofMillis(10), 1000));
             Connection sql = DriverManager.getConnection(url, "postgres", "")) {
            long sealStart = System.nanoTime();
            while (sealer.sealRound() > 0 || count(sql, "ledger_leaf") < backlog) {
                Thread.onSpinWait();
            }
            double sealed = backlog / ((System.nanoTime() - sealStart) / 1e9);
            return String.format(Locale.ROOT, "| backlog of %,d events | raw INSERT+COMMIT, 8 threads: %.0f rows/s"
                    + " (limit) | one sealer: %.0f leaves/s (%.0f%%) | - | - |", backlog, inserted, sealed,
                    100 * sealed / inserted);
        }
    }

    private static void rawAppends(String url, int thread, int count) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement insert = connection.prepareStatement("insert into domain_event_entry"
                     + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                     + " payload_revision, payload, meta_data) values (gen_random_uuid()::text, ?, ?, 'EmulationYear',"
                     + " ?, 'vn.thidua.events.year.PledgeSigned', '1', ?, ?)")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, "raw-" + thread);
                insert.setLong(2, i);
                insert.setString(3, Instant.now().toString());
                insert.setString(4, "{\"clusterId\":\"cum-2\",\"year\":2017,\"unitId\":\"btc-bac-giang\","
                        + "\"signatory\":{\"name\":\"Nguyễn Văn Hùng\",\"title\":\"Trưởng ban\"},\"late\":false}");
                insert.setString(5, "{\"actor\":\"can-bo-bac-giang\",\"role\":\"UNIT_OFFICER\"}");
                insert.executeUpdate();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection sql, String table) throws Exception {
        try (Statement statement = sql.createStatement();
             ResultSet result = statement.executeQuery("select count(*) from " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
