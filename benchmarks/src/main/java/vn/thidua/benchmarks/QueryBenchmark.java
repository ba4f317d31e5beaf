package vn.thidua.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

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
                    "--spring.datasource.password=", "--thidua.security.mode=basic", "--logging.level.root=WARN"};
            long events;
            try (ConfigurableApplicationContext commandSide = new SpringApplicationBuilder(CommandSideApplication.class)
                    .profiles("postgres").web(WebApplicationType.NONE).run(database)) {
                events = ReplayBenchmark.generate(commandSide, 1, 1, 330);
            }
            List<String> arguments = new ArrayList<>(List.of(database));
            arguments.add("--server.port=0");
            // Room for the clients besides the processors and the change listener.
            arguments.add("--spring.datasource.hikari.maximum-pool-size=" + (CLIENTS + 20));
            try (ConfigurableApplicationContext querySide = QuerySideApplication.application().profiles("postgres")
                    .run(arguments.toArray(String[]::new))) {
                Projections projections = querySide.getBean(Projections.class);
                while (projections.list().stream().anyMatch(p -> p.position() == null || p.position() < events)) {
                    Thread.sleep(100);
                }
                String base = "http://127.0.0.1:" + ((WebServerApplicationContext) querySide).getWebServer().getPort();
                report(events, base, url, warmUp, measured);
            }
        }
    }

    private static void report(long events, String base, String url, Duration warmUp, Duration measured)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().build();
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString("xem:thidua-demo".getBytes(StandardCharsets.UTF_8));
        HttpRequest scoreboard = HttpRequest.newBuilder(URI.create(base + SCOREBOARD))
                .header("Authorization", authorization).build();

        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> one = client.send(scoreboard, HttpResponse.BodyHandlers.ofByteArray());
            System.out.printf(Locale.ROOT, "single GET: %d, %d bytes, %.1f ms%n", one.statusCode(), one.body().length,
                    (System.nanoTime() - start) / 1e6);
        }
        ConcurrentLinkedQueue<Long> httpLatencies = new ConcurrentLinkedQueue<>();
        double httpRate = Measurement.perSecond(CLIENTS, warmUp, measured, (thread, iteration) -> {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(scoreboard, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("scoreboard answered " + response.statusCode());
            }
            httpLatencies.add(System.nanoTime() - start);
        });

        List<PreparedStatement> reads = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            reads.add(DriverManager.getConnection(url, "postgres", "")
                    .prepareStatement("select body, versions from read_document where model = ? and doc_key = ?"));
        }
        ConcurrentLinkedQueue<Long> rawLatencies = new ConcurrentLinkedQueue<>();
        double rawRate = Measurement.perSecond(CLIENTS, warmUp, measured, (thread, iteration) -> {
            long start = System.nanoTime();
            PreparedStatement read = reads.get(thread);
            read.setString(1, "scoreboard");
            read.setString(2, "cum-0:2000");
            try (ResultSet row = read.executeQuery()) {
                row.next();
                row.getString(1);
            }
            rawLatencies.add(System.nanoTime() - start);
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

        System.out.println();
        System.out.println("Queries, " + measured.toSeconds() + " s per figure, " + CLIENTS + " clients, "
                + Instant.now() + ", year of " + events + " events");
        System.out.println("| measure | limit | thidua | ratio |");
        System.out.println("| --- | --- | --- | --- |");
        System.out.printf(Locale.ROOT, "| scoreboard reads/s | %.0f (JDBC row read) | %.0f (HTTP GET) | %.0f%% |%n",
                rawRate, httpRate, 100 * httpRate / rawRate);
        System.out.printf(Locale.ROOT, "| scoreboard p99 ms | %.2f | %.2f | %.1fx |%n", p(rawLatencies, 99),
                p(httpLatencies, 99), p(httpLatencies, 99) / p(rawLatencies, 99));
        System.out.printf(Locale.ROOT, "| asOf p50 / p99 ms | %.2f / %.2f (read the rows) | %.2f / %.2f | %.1fx |%n",
                p(rawYearReads, 50), p(rawYearReads, 99), p(asOfLatencies, 50), p(asOfLatencies, 99),
                p(asOfLatencies, 50) / p(rawYearReads, 50));
        System.out.println("| peak RSS of the benchmark JVM (query side and load) | | "
                + peakResidentMegabytes() + " MB | |");
    }

    private static double p(ConcurrentLinkedQueue<Long> latencies, int percentile) {
        return p(latencies.stream().mapToLong(Long::longValue).toArray(), percentile);
    }

    private static double p(long[] latencies, int percentile) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }

    private static String peakResidentMegabytes() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.toString(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024))
                .findFirst().orElse("?");
    }
}
