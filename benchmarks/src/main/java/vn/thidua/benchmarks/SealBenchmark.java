package vn.thidua.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.Sealer;

/**
 * Sealing: how long an event waits between its append and its leaf (p50, p99) while commands are appended through
 * the gateway at 1 and 8 threads, whether the sealer keeps up, and the sealer's capacity on a backlog against the
 * limit of appending the same rows with raw INSERT + COMMIT on 8 threads, all in the same run with fsync on.
 */
final class SealBenchmark {

    private static final int MEMBERS = 200;

    private SealBenchmark() {
    }

    static void main(String[] args) throws Exception {
        Duration warmUp = Duration.ofSeconds(Long.getLong("warmup", 3));
        Duration measured = Duration.ofSeconds(Long.getLong("seconds", 15));
        int backlog = Integer.getInteger("backlog", 100_000);
        Path key = Files.createTempDirectory("seal-benchmark").resolve("signer.key");
        List<String> rows = new ArrayList<>();
        try (EmbeddedPostgres postgres = Benchmarks.durablePostgres()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext app = Benchmarks.commandSide(postgres, "--thidua.ledger.signer-key-file=" + key);
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
                    rows.add(String.format(Locale.ROOT, "| append, %d threads | %.0f commands/s | %.0f leaves/s"
                                    + " (%.0f%%) | p50 %.0f ms, p99 %.0f ms | %.0f ms |", threads, appended, sealed,
                            100 * sealed / appended, latency[0], latency[1], drainMillis));
                }
            }
            rows.add(capacity(postgres, backlog));
        }
        System.out.println();
        System.out.println("Sealing, " + measured.toSeconds() + " s per figure, fsync on, " + Instant.now());
        System.out.println("| load | appended | sealed in the same window (ratio) | append -> leaf | drained after |");
        System.out.println("| --- | --- | --- | --- | --- |");
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
