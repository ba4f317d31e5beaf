package vn.thidua.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.events.json.EventJson;
import vn.thidua.query.QuerySideApplication;
import vn.thidua.query.admin.Projections;

/**
 * Queries: scoreboard GETs (plain and conditional) over HTTP on loopback at 64 concurrent clients, against the limit
 * of reading the same read-model row with JDBC on 64 connections; and the latency of {@code asOf} on a year of about
 * 1,000 events, against reading and deserializing those rows. Also the benchmark JVM's peak resident memory.
 */
final class QueryBenchmark {

    private static final int CLIENTS = Integer.getInteger("clients", 64);
    private static final String SCOREBOARD = "/api/clusters/cum-0/years/2000/scoreboard";
    private static final int FAR_AHEAD_CLIENTS = 100;
    private static final long FAR_AHEAD_PAUSE_MS = Long.getLong("farAheadPauseMs", 1000);
    private static final long FAR_AHEAD = 1_000_000;

    private QueryBenchmark() {
    }

    static void main(String[] args) throws Exception {
        Duration warmUp = Duration.ofSeconds(Long.getLong("warmup", 3));
        Duration measured = Duration.ofSeconds(Long.getLong("seconds", 15));
        try (EmbeddedPostgres postgres = Benchmarks.durablePostgres()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            String[] database = {"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=", "--logging.level.root=WARN"};
            long events;
            try (ConfigurableApplicationContext commandSide = Benchmarks.commandSide(postgres)) {
                events = ReplayBenchmark.generate(commandSide, 1, 1, 330);
            }
            IdentityProvider provider = new IdentityProvider();
            List<String> arguments = new ArrayList<>(List.of(database));
            arguments.add(Benchmarks.VERIFIER_KEY);
            arguments.add("--server.port=0");
            arguments.add("--thidua.security.mode=jwt");
            arguments.addAll(provider.trustSettings());
            // Room for the clients besides the processors and the change listener.
            arguments.add("--spring.datasource.hikari.maximum-pool-size=" + (CLIENTS + 20));
            try (ConfigurableApplicationContext querySide = QuerySideApplication.application().sources(FixedAnswer.class)
                    .profiles("postgres")
                    .run(arguments.toArray(String[]::new))) {
                Projections projections = querySide.getBean(Projections.class);
                // The scoreboard is what is measured; the decision log follows a ledger no sealer writes here.
                while (projections.list().stream().filter(p -> p.name().equals("scoreboard"))
                        .anyMatch(p -> p.position() == null || p.position() < events)) {
                    Thread.sleep(100);
                }
                int port = ((WebServerApplicationContext) querySide).getWebServer().getPort();
                report(events, port, url, "Bearer " + provider.token("xem", "VIEWER", null, null), warmUp, measured);
            } finally {
                provider.close();
            }
        }
    }

    private static void report(long events, int port, String url, String authorization, Duration warmUp,
                               Duration measured) throws Exception {
        String signedIn = "Authorization: " + authorization + "\r\n";
        byte[] scoreboard = KeepAliveClient.get(port, SCOREBOARD, signedIn);
        List<KeepAliveClient> connections = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            connections.add(new KeepAliveClient(port));
        }
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            KeepAliveClient.Answer one = connections.get(0).exchange(scoreboard, "etag");
            System.out.printf(Locale.ROOT, "single GET: %d, %d bytes, %.2f ms%n", one.status(), one.bodyLength(),
                    (System.nanoTime() - start) / 1e6);
        }
        Measurement.Result http = Measurement.run(CLIENTS, warmUp, measured, (thread, iteration) -> {
            int status = connections.get(thread).exchange(scoreboard, null).status();
            if (status != 200) {
                throw new IllegalStateException("scoreboard answered " + status);
            }
        });
        String etag = connections.get(0).exchange(scoreboard, "etag").header();
        byte[] poll = KeepAliveClient.get(port, SCOREBOARD, signedIn + "If-None-Match: " + etag + "\r\n");
        Measurement.Result unchanged = Measurement.run(CLIENTS, warmUp, measured, expect(connections, poll, 304));
        byte[] gzipped = KeepAliveClient.get(port, SCOREBOARD, signedIn + "Accept-Encoding: gzip\r\n");
        Measurement.Result compressed = Measurement.run(CLIENTS, warmUp, measured, expect(connections, gzipped, 200));
        FixedAnswer.body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + SCOREBOARD)).header("Authorization", authorization)
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        byte[] fixed = KeepAliveClient.get(port, SCOREBOARD + "?fixed", signedIn);
        Measurement.Result pipeline = Measurement.run(CLIENTS, warmUp, measured, expect(connections, fixed, 200));

        // Open loop: the load of 10,000 dashboards polling every 10 s, full answers and conditional ones.
        double rate = Double.parseDouble(System.getProperty("rate", "1000"));
        Duration open = Duration.ofSeconds(Long.getLong("openSeconds", 30));
        Measurement.Result openFull = Measurement.openLoop(rate, CLIENTS, warmUp, open,
                expect(connections, scoreboard, 200));
        Measurement.Result openPoll = Measurement.openLoop(rate, CLIENTS, warmUp, open,
                expect(connections, poll, 304));
        Measurement.Result openGzipped = Measurement.openLoop(rate, CLIENTS, warmUp, open,
                expect(connections, gzipped, 200));
        byte[] asOf = KeepAliveClient.get(port, SCOREBOARD + "?asOf=" + Instant.now(), signedIn);
        Measurement.Result besideFarAhead = besideFarAheadReads(port, events, signedIn, rate, warmUp, open,
                expect(connections, scoreboard, 200));

        List<PreparedStatement> reads = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            reads.add(DriverManager.getConnection(url, "postgres", "")
                    .prepareStatement("select body, versions from read_document where model = ? and doc_key = ?"));
        }
        Measurement.Result raw = Measurement.run(CLIENTS, warmUp, measured, (thread, iteration) -> {
            PreparedStatement read = reads.get(thread);
            read.setString(1, "scoreboard");
            read.setString(2, "cum-0:2000");
            try (ResultSet row = read.executeQuery()) {
                row.next();
                row.getString(1);
            }
        });

        long[] asOfLatencies = new long[200];
        for (int i = -20; i < asOfLatencies.length; i++) {
            long start = System.nanoTime();
            connections.get(0).exchange(asOf, null);
            if (i >= 0) {
                asOfLatencies[i] = System.nanoTime() - start;
            }
        }
        long[] rawYearReads = new long[200];
        JsonMapper json = EventJson.mapper();
        Map<String, Class<?>> types = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement year = connection.prepareStatement("select " + ReplayBenchmark.DESERIALIZED_COLUMNS
                     + " from domain_event_entry where aggregate_identifier in ('cum-0', 'cum-0:2000')"
                     + " order by global_index")) {
            for (int i = -20; i < rawYearReads.length; i++) {
                long start = System.nanoTime();
                try (ResultSet rows = year.executeQuery()) {
                    ReplayBenchmark.deserializeAll(rows, json, types);
                }
                if (i >= 0) {
                    rawYearReads[i] = System.nanoTime() - start;
                }
            }
        }
        Arrays.sort(asOfLatencies);
        Arrays.sort(rawYearReads);
        Measurement.Result asOfResult = new Measurement.Result(Double.NaN, asOfLatencies);
        Measurement.Result rawYear = new Measurement.Result(Double.NaN, rawYearReads);

        System.out.println();
        System.out.println("Queries, " + measured.toSeconds() + " s per figure, " + CLIENTS + " clients, "
                + Instant.now() + ", year of " + events + " events");
        System.out.println("| measure | limit | thidua | ratio |");
        System.out.println("| --- | --- | --- | --- |");
        System.out.printf(Locale.ROOT, "| scoreboard reads/s | %.0f (JDBC row read) | %.0f (HTTP GET) | %.0f%% |%n",
                raw.perSecond(), http.perSecond(), 100 * http.perSecond() / raw.perSecond());
        System.out.printf(Locale.ROOT, "| scoreboard p50 / p99 ms | %.2f / %.2f | %.2f / %.2f | %.1fx |%n",
                raw.percentileMillis(50), raw.percentileMillis(99), http.percentileMillis(50),
                http.percentileMillis(99), http.percentileMillis(99) / raw.percentileMillis(99));
        System.out.printf(Locale.ROOT, "| unchanged scoreboard (If-None-Match, 304) reads/s, p50 / p99 ms | | %.0f, "
                        + "%.2f / %.2f | |%n", unchanged.perSecond(), unchanged.percentileMillis(50),
                unchanged.percentileMillis(99));
        System.out.printf(Locale.ROOT, "| asOf p50 / p99 ms | %.2f / %.2f (read and deserialize the rows) | %.2f / %.2f | %.1fx |%n",
                rawYear.percentileMillis(50), rawYear.percentileMillis(99), asOfResult.percentileMillis(50),
                asOfResult.percentileMillis(99), asOfResult.percentileMillis(50) / rawYear.percentileMillis(50));
        System.out.printf(Locale.ROOT, "| scoreboard gzipped (Accept-Encoding: gzip) reads/s, p50 / p99 ms | | %.0f, "
                        + "%.2f / %.2f | |%n", compressed.perSecond(), compressed.percentileMillis(50),
                compressed.percentileMillis(99));
        System.out.printf(Locale.ROOT, "| closed loop: cached scoreboard vs the same path answering fixed %d bytes, "
                        + "reads/s | %.0f | %.0f | %.0f%% |%n", FixedAnswer.body.length, pipeline.perSecond(),
                http.perSecond(), 100 * http.perSecond() / pipeline.perSecond());
        System.out.printf(Locale.ROOT, "| closed loop, gzipped scoreboard vs fixed bytes, reads/s | %.0f | %.0f | "
                        + "%.0f%% |%n", pipeline.perSecond(), compressed.perSecond(),
                100 * compressed.perSecond() / pipeline.perSecond());
        System.out.printf(Locale.ROOT, "| open loop %.0f/s for %d s, full GET: answered/s, p50 / p99 / max ms | | "
                        + "%.0f, %.2f / %.2f / %.2f | |%n", rate, open.toSeconds(), openFull.perSecond(),
                openFull.percentileMillis(50), openFull.percentileMillis(99), openFull.percentileMillis(100));
        System.out.printf(Locale.ROOT, "| open loop %.0f/s for %d s, full GET gzipped: answered/s, p50 / p99 / max "
                        + "ms | | %.0f, %.2f / %.2f / %.2f | |%n", rate, open.toSeconds(), openGzipped.perSecond(),
                openGzipped.percentileMillis(50), openGzipped.percentileMillis(99),
                openGzipped.percentileMillis(100));
        System.out.printf(Locale.ROOT, "| open loop %.0f/s for %d s, conditional GET (304): answered/s, p50 / p99 / "
                        + "max ms | | %.0f, %.2f / %.2f / %.2f | |%n", rate, open.toSeconds(), openPoll.perSecond(),
                openPoll.percentileMillis(50), openPoll.percentileMillis(99), openPoll.percentileMillis(100));
        System.out.printf(Locale.ROOT, "| open loop %.0f/s full GET, p99 ms: alone vs beside %d clients each asking"
                        + " every %d ms for a position %d beyond the store's head (503 at once) | %.2f | %.2f | %.1fx |%n",
                rate, FAR_AHEAD_CLIENTS, FAR_AHEAD_PAUSE_MS, FAR_AHEAD, openFull.percentileMillis(99),
                besideFarAhead.percentileMillis(99), besideFarAhead.percentileMillis(99)
                        / openFull.percentileMillis(99));
        System.out.println("| peak RSS of the benchmark JVM (query side and load) | | "
                + HttpBenchmark.peakResidentMegabytes(Path.of("/proc/self/status")) + " MB | |");
    }

    /**
     * The open loop of scoreboard reads again, while {@value #FAR_AHEAD_CLIENTS} other clients keep asking, each on its
     * own connection every {@code -DfarAheadPauseMs} (1,000 ms), for a position no command has reached: each must be
     * answered 503 at once, holding no thread, so that the readers' p99 stays near its own.
     */
    private static Measurement.Result besideFarAheadReads(int port, long events, String signedIn, double rate,
                                                          Duration warmUp, Duration open,
                                                          Measurement.Operation read) throws Exception {
        byte[] farAhead = KeepAliveClient.get(port, SCOREBOARD + "?minPosition=" + (events + FAR_AHEAD), signedIn);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong refused = new AtomicLong();
        List<Thread> askers = new ArrayList<>();
        for (int i = 0; i < FAR_AHEAD_CLIENTS; i++) {
            KeepAliveClient connection = new KeepAliveClient(port);
            Thread asker = new Thread(() -> {
                try {
                    while (running.get()) {
                        int status = connection.exchange(farAhead, null).status();
                        if (status != 503) {
                            throw new IllegalStateException("a read beyond the head answered " + status);
                        }
                        refused.incrementAndGet();
                        Thread.sleep(FAR_AHEAD_PAUSE_MS);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            asker.setDaemon(true);
            asker.start();
            askers.add(asker);
        }
        try {
            return Measurement.openLoop(rate, CLIENTS, warmUp, open, read);
        } finally {
            running.set(false);
            for (Thread asker : askers) {
                asker.join();
            }
            System.out.println("far-ahead reads answered 503: " + refused.get());
        }
    }

    /** A GET on the worker's connection that must answer {@code status}. */
    private static Measurement.Operation expect(List<KeepAliveClient> connections, byte[] request, int status) {
        return (thread, iteration) -> {
            int answered = connections.get(thread).exchange(request, null).status();
            if (answered != status) {
                throw new IllegalStateException("expected " + status + ", answered " + answered);
            }
        };
    }
}
