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
import java.util.List;
import java.util.Locale;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.thidua.command.CommandSideApplication;
import vn.thidua.query.QuerySideApplication;
import vn.thidua.query.admin.Projections;

/**
 * Queries: scoreboard GETs over HTTP on loopback at 64 concurrent clients, against the limit of reading the same
 * read-model row with JDBC on 64 connections; and the latency of {@code asOf} on a year of about 1,000 events, against
 * reading those rows. Also the benchmark JVM's peak resident memory.
 */
final class QueryBenchmark {

    private static final int CLIENTS = Integer.getInteger("clients", 64);
    private static final String SCOREBOARD = "/api/clusters/cum-0/years/2000/scoreboard";

    private QueryBenchmark() {
    }

    static void main(String[] args) throws Exception {
        Duration warmUp = Duration.ofSeconds(Long.getLong("warmup", 3));
        Duration measured = Duration.ofSeconds(Long.getLong("seconds", 15));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            String[] database = {"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=", "--logging.level.root=WARN"};
            long events;
            try (ConfigurableApplicationContext commandSide = new SpringApplicationBuilder(CommandSideApplication.class)
                    .profiles("postgres").web(WebApplicationType.NONE).run(database)) {
                events = ReplayBenchmark.generate(commandSide, 1, 1, 330);
            }
            IdentityProvider provider = new IdentityProvider();
            List<String> arguments = new ArrayList<>(List.of(database));
            arguments.add("--server.port=0");
            arguments.add("--thidua.security.mode=jwt");
            arguments.add(provider.publicKeyProperty());
            // Room for the clients besides the processors and the change listener.
            arguments.add("--spring.datasource.hikari.maximum-pool-size=" + (CLIENTS + 20));
            try (ConfigurableApplicationContext querySide = QuerySideApplication.application().profiles("postgres")
                    .run(arguments.toArray(String[]::new))) {
                Projections projections = querySide.getBean(Projections.class);
                while (projections.list().stream().anyMatch(p -> p.position() == null || p.position() < events)) {
                    Thread.sleep(100);
                }
                String base = "http://127.0.0.1:" + ((WebServerApplicationContext) querySide).getWebServer().getPort();
                report(events, base, url, "Bearer " + provider.token("xem", "VIEWER", null, null), warmUp, measured);
            } finally {
                provider.close();
            }
        }
    }

    private static void report(long events, String base, String url, String authorization, Duration warmUp,
                               Duration measured) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest scoreboard = HttpRequest.newBuilder(URI.create(base + SCOREBOARD))
                .header("Authorization", authorization).build();

        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> one = client.send(scoreboard, HttpResponse.BodyHandlers.ofByteArray());
            System.out.printf(Locale.ROOT, "single GET: %d, %d bytes, %.1f ms%n", one.statusCode(), one.body().length,
                    (System.nanoTime() - start) / 1e6);
        }
        Measurement.Result http = Measurement.run(CLIENTS, warmUp, measured, (thread, iteration) -> {
            HttpResponse<byte[]> response = client.send(scoreboard, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("scoreboard answered " + response.statusCode());
            }
        });
        String etag = client.send(scoreboard, HttpResponse.BodyHandlers.discarding()).headers()
                .firstValue("ETag").orElseThrow();
        HttpRequest poll = HttpRequest.newBuilder(URI.create(base + SCOREBOARD))
                .header("Authorization", authorization).header("If-None-Match", etag).build();
        Measurement.Result unchanged = Measurement.run(CLIENTS, warmUp, measured, (thread, iteration) -> {
            HttpResponse<Void> response = client.send(poll, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 304) {
                throw new IllegalStateException("an unchanged scoreboard answered " + response.statusCode());
            }
        });

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

        HttpRequest asOf = HttpRequest.newBuilder(URI.create(base + SCOREBOARD + "?asOf=" + Instant.now()))
                .header("Authorization", authorization).build();
        long[] asOfLatencies = new long[200];
        for (int i = -20; i < asOfLatencies.length; i++) {
            long start = System.nanoTime();
            client.send(asOf, HttpResponse.BodyHandlers.discarding());
            if (i >= 0) {
                asOfLatencies[i] = System.nanoTime() - start;
            }
        }
        long[] rawYearReads = new long[200];
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement year = connection.prepareStatement("select payload from domain_event_entry"
                     + " where aggregate_identifier in ('cum-0', 'cum-0:2000') order by global_index")) {
            for (int i = -20; i < rawYearReads.length; i++) {
                long start = System.nanoTime();
                try (ResultSet rows = year.executeQuery()) {
                    while (rows.next()) {
                        rows.getString(1);
                    }
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
        System.out.printf(Locale.ROOT, "| asOf p50 / p99 ms | %.2f / %.2f (read the rows) | %.2f / %.2f | %.1fx |%n",
                rawYear.percentileMillis(50), rawYear.percentileMillis(99), asOfResult.percentileMillis(50),
                asOfResult.percentileMillis(99), asOfResult.percentileMillis(50) / rawYear.percentileMillis(50));
        System.out.println("| peak RSS of the benchmark JVM (query side and load) | | "
                + HttpBenchmark.peakResidentMegabytes(Path.of("/proc/self/status")) + " MB | |");
    }
}
