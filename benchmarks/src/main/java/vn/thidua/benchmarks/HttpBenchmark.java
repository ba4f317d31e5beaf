package vn.thidua.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * HTTP end to end: command requests per second and their latency at 1, 8 and 64 concurrent clients on loopback, with
 * the command side as its own process (the built jar, signing in with JWTs as in production, the heap of the
 * Kubernetes pod), against the same commands through the CommandGateway in process. The query side runs beside it as
 * its own process and projects the commands as they come; the peak resident memory of both processes is reported.
 */
final class HttpBenchmark {

    private static final int[] CLIENTS = {1, 8, 64};
    private static final int MEMBERS = 100;
    /** A year's commands: the opening and one signature per member. */
    private static final int YEAR_STEPS = MEMBERS + 1;
    /** The API takes years 2000 to 2100; a client that got through them goes on in a new cluster. */
    private static final int YEARS_PER_CLUSTER = 100;
    /** The Kubernetes pods have a 1 GiB limit and MaxRAMPercentage=75. */
    private static final String HEAP = "-Xmx768m";
    private static final String POOL = "--spring.datasource.hikari.maximum-pool-size=16";
    /** {@code -DquerySide=false}: the command side alone, without the query side projecting beside it. */
    private static final boolean WITH_QUERY_SIDE = Boolean.parseBoolean(System.getProperty("querySide", "true"));
    /** {@code -DquerySettings="--a=b --c=d"}: settings for the query side only, to measure a lever. */
    /**
     * {@code -DappJvmOptions="-XX:StartFlightRecording=filename=/tmp/{app}.jfr,settings=profile,dumponexit=true"}:
     * JVM options for both apps, {@code {app}} replaced by each app's jar name.
     */
    private static final List<String> APP_JVM_OPTIONS = words("appJvmOptions", "\\s+(?=-)");
    private static final List<String> QUERY_SETTINGS = words("querySettings", "\\s+(?=--)");

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private HttpBenchmark() {
    }

    static void main(String[] args) throws Exception {
        Duration warmUp = Duration.ofSeconds(Long.getLong("warmup", 3));
        Duration measured = Duration.ofSeconds(Long.getLong("seconds", 15));
        Path commandJar = builtJar("command-side");
        Path queryJar = builtJar("query-side");
        try (EmbeddedPostgres postgres = Benchmarks.durablePostgres()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Map<Integer, Measurement.Result> inProcess = new LinkedHashMap<>();
            try (ConfigurableApplicationContext app = Benchmarks.commandSide(postgres)) {
                CommandGateway gateway = app.getBean(CommandGateway.class);
                for (int clients : CLIENTS) {
                    inProcess.put(clients, Measurement.run(clients, warmUp, measured,
                            AppendBenchmark.commands(gateway, clients, MEMBERS)));
                }
            }

            IdentityProvider provider = new IdentityProvider();
            int commandPort = freePort();
            int queryPort = freePort();
            Map<String, String> environment = Map.of("SPRING_PROFILES_ACTIVE", "postgres", "THIDUA_DB_URL", url,
                    "THIDUA_DB_USER", "postgres", "THIDUA_DB_PASSWORD", "", "THIDUA_AUTH_MODE", "jwt",
                    "THIDUA_COMMAND_PORT", Integer.toString(commandPort),
                    "THIDUA_QUERY_PORT", Integer.toString(queryPort));
            List<String> arguments = Stream.concat(Stream.of(POOL), provider.trustSettings().stream()).toList();
            Process commandSide = launch(commandJar, environment,
                    Stream.concat(arguments.stream(), Stream.of(Benchmarks.SIGNER_KEY)).toList());
            Process querySide = WITH_QUERY_SIDE ? launch(queryJar, environment, Stream.of(arguments.stream(),
                    Stream.of(Benchmarks.VERIFIER_KEY), QUERY_SETTINGS.stream()).flatMap(s -> s).toList()) : null;
            try {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                awaitReady(client, commandPort, commandSide);
                if (querySide != null) {
                    awaitReady(client, queryPort, querySide);
                }
                Tokens tokens = new Tokens(provider);
                Map<Integer, Measurement.Result> overHttp = new LinkedHashMap<>();
                Map<Integer, String> cpu = new LinkedHashMap<>();
                for (int clients : CLIENTS) {
                    long head = headPosition(postgres);
                    if (querySide != null) {
                        awaitCaughtUp(client, queryPort, tokens.council(), head);
                    }
                    Duration commandCpu = cpu(commandSide);
                    Duration queryCpu = querySide == null ? Duration.ZERO : cpu(querySide);
                    // Opened after the wait: the server closes keep-alive connections left idle through it.
                    List<KeepAliveClient> connections = new ArrayList<>();
                    for (int c = 0; c < clients; c++) {
                        connections.add(new KeepAliveClient(commandPort));
                    }
                    overHttp.put(clients, Measurement.run(clients, warmUp, measured,
                            commandsOverHttp(connections, commandPort, tokens, clients)));
                    long events = headPosition(postgres) - head;
                    if (querySide != null) {
                        awaitCaughtUp(client, queryPort, tokens.council(), head + events);
                        cpu.put(clients, String.format(Locale.ROOT, "%,d events (warm-up included): command side"
                                        + " %.0f ms, query side %.0f ms of CPU per 1,000 (%.0f%% of the command side's),"
                                        + " until the query side had caught up", events,
                                perThousand(cpu(commandSide).minus(commandCpu), events),
                                perThousand(cpu(querySide).minus(queryCpu), events),
                                100 * perThousand(cpu(querySide).minus(queryCpu), events)
                                        / perThousand(cpu(commandSide).minus(commandCpu), events)));
                    }
                }
                report(measured, inProcess, overHttp, peakResidentMegabytes(commandSide),
                        querySide == null ? "not running" : peakResidentMegabytes(querySide) + " MB");
                cpu.forEach((clients, figure) -> System.out.println("CPU at " + clients + " clients: " + figure));
            } finally {
                if (querySide != null) {
                    stop(querySide);
                }
                stop(commandSide);
                provider.close();
            }
        }
    }

    /** The CPU time a process has used so far, all its threads. */
    private static Duration cpu(Process process) {
        return process.info().totalCpuDuration().orElseThrow();
    }

    private static double perThousand(Duration cpu, long events) {
        return cpu.toNanos() / 1e6 * 1000 / Math.max(1, events);
    }

    private static void report(Duration measured, Map<Integer, Measurement.Result> inProcess,
                               Map<Integer, Measurement.Result> overHttp, long commandRss, String queryRss) {
        System.out.println();
        System.out.println("HTTP end to end, " + measured.toSeconds() + " s per figure, fsync on, " + Instant.now());
        System.out.println("| clients | gateway in process cmd/s | p50 / p99 ms | HTTP requests/s | p50 / p99 ms "
                + "| ratio |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (int clients : CLIENTS) {
            Measurement.Result limit = inProcess.get(clients);
            Measurement.Result http = overHttp.get(clients);
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.2f / %.2f | %.0f | %.2f / %.2f | %.0f%% |%n", clients,
                    limit.perSecond(), limit.percentileMillis(50), limit.percentileMillis(99), http.perSecond(),
                    http.percentileMillis(50), http.percentileMillis(99), 100 * http.perSecond() / limit.perSecond());
        }
        System.out.println("| peak RSS (" + HEAP + ") | command side " + commandRss + " MB | query side " + queryRss
                + " |");
    }

    /**
     * The HTTP twin of {@link AppendBenchmark#commands}: each client forms its own cluster, then opens a year (as
     * the council) and signs the pledge for every member (as that member's officer), year after year.
     */
    private static Measurement.Operation commandsOverHttp(List<KeepAliveClient> connections, int port,
                                                          Tokens tokens, int clients) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        IntStream.range(0, clients).parallel().forEach(c -> tokens.prepare(cluster(run, c, 0)));
        return (thread, iteration) -> {
            KeepAliveClient connection = connections.get(thread);
            int generation = (int) (iteration / ((long) YEARS_PER_CLUSTER * YEAR_STEPS));
            String clusterId = cluster(run, thread, generation);
            int year = 2000 + (int) (iteration / YEAR_STEPS) % YEARS_PER_CLUSTER;
            int step = (int) (iteration % YEAR_STEPS);
            if (step == 0 && year == 2000) {
                send(connection, port, "/api/clusters", tokens.council(), formCluster(clusterId));
            }
            if (step == 0) {
                send(connection, port, "/api/clusters/" + clusterId + "/years", tokens.council(), openYear(year));
            } else {
                String unitId = "u-" + (step - 1);
                send(connection, port, "/api/clusters/" + clusterId + "/years/" + year + "/pledge/signatures",
                        tokens.officer(clusterId, unitId), "{\"unitId\":\"" + unitId
                                + "\",\"signatory\":{\"name\":\"Nguyễn Văn Hùng\",\"title\":\"Trưởng ban\"}}");
            }
        };
    }

    private static String cluster(String run, int thread, int generation) {
        return "http-" + run + "-" + thread + "-" + generation;
    }

    private static void send(KeepAliveClient connection, int port, String path, String token, String json)
            throws IOException {
        KeepAliveClient.Answer answer = connection.exchange(KeepAliveClient.post(port, path,
                "Authorization: Bearer " + token + "\r\n", json), null);
        if (answer.status() >= 300) {
            throw new IllegalStateException(path + " answered " + answer.status() + ": "
                    + connection.lastBody(answer.bodyLength()));
        }
    }

    private static String formCluster(String clusterId) {
        StringBuilder members = new StringBuilder();
        for (int m = 0; m < MEMBERS; m++) {
            members.append(m == 0 ? "" : ",").append("{\"unitId\":\"u-").append(m)
                    .append("\",\"name\":\"Ban Tổ chức Tỉnh ủy số ").append(m).append("\",\"province\":\"Tỉnh ")
                    .append(m).append("\"}");
        }
        return "{\"clusterId\":\"" + clusterId + "\",\"name\":\"Cụm thi đua " + clusterId
                + "\",\"sector\":\"Ngành Tổ chức xây dựng Đảng\",\"members\":[" + members + "]}";
    }

    private static String openYear(int year) {
        return "{\"year\":" + year + ",\"scoringTable\":{\"criteria\":[{\"criterionId\":\"chuyen-mon\","
                + "\"group\":\"Nhiệm vụ\",\"title\":\"Công tác tổ chức\",\"maxPoints\":100}],\"maxBonus\":1,"
                + "\"maxPenalty\":1},\"pledge\":{\"targets\":[{\"targetId\":\"hoan-thanh\",\"text\":\"Hoàn thành nhiệm vụ\"}]},"
                + "\"pledgeDeadline\":\"" + year + "-03-31\",\"reportDeadline\":\"" + year + "-12-15\"}";
    }

    /** The council's token, and each officer's, signed ahead so that the measured period does not pay for it. */
    private static final class Tokens {
        private final IdentityProvider provider;
        private final String council;
        private final Map<String, String> officers = new ConcurrentHashMap<>();

        Tokens(IdentityProvider provider) {
            this.provider = provider;
            this.council = provider.token("hoi-dong", "COUNCIL", null, null);
        }

        String council() {
            return council;
        }

        void prepare(String clusterId) {
            for (int m = 0; m < MEMBERS; m++) {
                officer(clusterId, "u-" + m);
            }
        }

        String officer(String clusterId, String unitId) {
            return officers.computeIfAbsent(clusterId + "/" + unitId,
                    key -> provider.token("can-bo-" + unitId, "UNIT_OFFICER", clusterId, unitId));
        }
    }

    /** The repackaged jar of a module, as {@code ./mvnw install} leaves it (run from the repository's root). */
    private static Path builtJar(String module) throws IOException {
        Path target = Path.of(module, "target");
        try (var jars = Files.list(target)) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + module + " jar in " + target.toAbsolutePath()
                            + ": build with ./mvnw -B -q -DskipTests install from the repository's root"));
        }
    }

    private static Process launch(Path jar, Map<String, String> environment, List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Daxoniq.update-checker.disabled=true",
                "-Dfile.encoding=UTF-8", HEAP));
        APP_JVM_OPTIONS.forEach(option -> command.add(option.replace("{app}",
                jar.getFileName().toString().replace(".jar", ""))));
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("benchmarks", "target", "benchmark-"
                        + jar.getFileName().toString().replace(".jar", ".log")).toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void awaitReady(HttpClient client, int port, Process process) throws Exception {
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health/readiness")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process on port " + port + " stopped; see benchmarks/target/benchmark-*.log");
            }
            try {
                if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the process on port " + port + " did not get ready in 120 s");
    }

    private static long headPosition(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             ResultSet head = connection.createStatement()
                     .executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
            head.next();
            return head.getLong(1);
        }
    }

    /**
     * Waits until every read model has processed the store up to {@code head}: the in-process figures and the
     * previous step leave a backlog, and a query side still catching up would compete with the commands measured
     * (the first runs measured that catch-up, not the steady state).
     */
    private static void awaitCaughtUp(HttpClient client, int port, String token, long head) throws Exception {
        HttpRequest listing = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/projections"))
                .header("Authorization", "Bearer " + token).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode projections = JSON.readTree(client.send(listing, HttpResponse.BodyHandlers.ofString()).body());
            boolean caughtUp = true;
            for (JsonNode projection : projections) {
                caughtUp &= projection.path("position").asLong(-1) >= head;
            }
            if (caughtUp) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the query side did not catch up with position " + head + " in 10 minutes");
    }

    /** A system property's words, split where a new option starts (a value may hold spaces: "SET a=b"). */
    private static List<String> words(String property, String separator) {
        return Stream.of(System.getProperty(property, "").split(separator)).filter(word -> !word.isBlank()).toList();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** VmHWM: the most memory the process held resident at any one time, in MB. */
    static long peakResidentMegabytes(Process process) throws IOException {
        return peakResidentMegabytes(Path.of("/proc", Long.toString(process.pid()), "status"));
    }

    static long peakResidentMegabytes(Path status) throws IOException {
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                .findFirst().orElseThrow();
    }
}
