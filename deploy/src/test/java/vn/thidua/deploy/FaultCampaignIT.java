package vn.thidua.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.command.SeedCluster;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.command.support.TestLedger;

/**
 * Faults with figures. Clients send generated commands, each with an {@code Idempotency-Key}, and retry on errors and
 * time-outs as a real client does, recording every acknowledged answer; meanwhile the command side, the query side,
 * PostgreSQL itself and one of the ledger's two witnesses (quorum 2) are killed with SIGKILL at random moments and
 * started again. At the end: no acknowledged command missing from the store, no command recorded twice, every read
 * model equal to a rebuild from the store, the decision logs and the ledger verifying, and a checkpoint of every
 * event cosigned by both witnesses, and every rule of the cycle that spans aggregates holding on the store
 * ({@link CycleInvariants}). It runs on two topologies: one process of each app, and two of each on one PostgreSQL
 * behind round-robin balancers ({@link RoundRobinBalancer}), where the clients send everything through the balancers
 * and the council admits units while years open on either replica. The short campaigns run in the build
 * ({@code -Dfaults.seconds=60}); a long one on demand:
 * {@code ./mvnw -B verify -pl deploy -am -Dit.test=FaultCampaignIT -Dfaults.seconds=600}. With
 * {@code -Dfaults.kills=false} it is a soak instead: the same load plus steady reads and nothing killed, sampling
 * each app's heap and resident memory and the read models' lag every 30 seconds; no request may fail.
 */
class FaultCampaignIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration LOAD = Duration.ofSeconds(Long.getLong("faults.seconds", 60));
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final boolean KILLS = Boolean.parseBoolean(System.getProperty("faults.kills", "true"));
    private static final Duration SAMPLING = Duration.ofSeconds(30);
    private static final int WORKERS = 4;
    private static final List<String> MODELS =
            List.of("clusters", "leadership", "scoreboard", "decision-log", "timeline", "unit-record");

    private Path data;
    private int replicas;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Random random = new Random(Long.getLong("faults.seed", 20171215));
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final Map<String, List<Long>> recoveries = new ConcurrentHashMap<>();
    private final List<String> kills = new CopyOnWriteArrayList<>();
    /** Answers that were neither final nor contention, by what they were: in a soak there must be none. */
    private final Map<String, AtomicLong> failures = new ConcurrentSkipListMap<>();
    /** Two clients amending the same report at once: CONCURRENT_CHANGE, tried again as a client would. */
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final List<String> samples = new CopyOnWriteArrayList<>();

    private volatile EmbeddedPostgres postgres;
    private int dbPort;
    /** Where clients send commands and reads: the balancers in front of the replicas. */
    private int commandPort;
    private int queryPort;
    private final List<Integer> commandPorts = new ArrayList<>();
    private final List<Integer> queryPorts = new ArrayList<>();
    private final List<Process> commandSides = new CopyOnWriteArrayList<>();
    private final List<Process> querySides = new CopyOnWriteArrayList<>();
    private final List<RoundRobinBalancer> balancers = new ArrayList<>();
    private final List<Integer> witnessPorts = new ArrayList<>();
    private final List<Process> witnesses = new CopyOnWriteArrayList<>();
    /** THIDUA_LEDGER_WITNESSES for both apps: each witness's verifier key at its URL. */
    private String witnessList;

    @ParameterizedTest(name = "{0} of each app")
    @ValueSource(ints = {1, 2})
    void killingAnythingAtAnyTimeLosesAndDoublesNothing(int replicasOfEach) throws Exception {
        replicas = replicasOfEach;
        data = AppProcesses.REPOSITORY.resolve("deploy/target/fault-campaign-" + replicas + "x" + replicas
                + "/postgres");
        Files.createDirectories(data.getParent());
        deleteRecursively(data);
        dbPort = AppProcesses.freePort();
        for (int i = 0; i < replicas; i++) {
            commandPorts.add(AppProcesses.freePort());
            queryPorts.add(AppProcesses.freePort());
        }
        balancers.add(new RoundRobinBalancer(0, commandPorts));
        balancers.add(new RoundRobinBalancer(0, queryPorts));
        commandPort = balancers.get(0).port();
        queryPort = balancers.get(1).port();
        startPostgres();
        try {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                deleteRecursively(witnessData(i));
                witnessPorts.add(AppProcesses.freePort());
                witnesses.add(startWitness(i));
                keys.add(JSON.readTree(new Http("http://127.0.0.1:" + witnessPorts.get(i)).get("/public-key").raw())
                        .path("verifierKey").asString() + "@http://127.0.0.1:" + witnessPorts.get(i));
            }
            witnessList = String.join(",", keys);
            for (int i = 0; i < replicas; i++) {
                commandSides.add(start("command-side", i));
                querySides.add(start("query-side", i));
            }
            // The demo users act for cum-2: the campaign runs its years 2000-2100 there.
            String[] clusters = {SeedCluster.CLUSTER_ID};
            send("POST", "/api/clusters", Http.COUNCIL, SeedRequests.formCluster());
            ConcurrentLinkedQueue<List<Command>> plan = plan(clusters[0]);
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicBoolean killerDone = new AtomicBoolean(false);
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
            List<Future<?>> workers = new ArrayList<>();
            Instant until = Instant.now().plus(LOAD);
            for (int w = 0; w < WORKERS; w++) {
                workers.add(pool.submit(() -> {
                    List<Command> year;
                    while (Instant.now().isBefore(until) && !killerDone.get()) {
                        year = plan.poll();
                        for (Command next : year == null ? List.of(amendment(clusters[0])) : year) {
                            send(next.method(), next.path(), next.user(), next.body());
                        }
                    }
                    return null;
                }));
            }
            Future<?> killer = pool.submit(() -> {
                try {
                    if (KILLS) {
                        killAtRandom(loading);
                    } else {
                        readAndSample(loading);
                    }
                } finally {
                    killerDone.set(true);
                }
                return null;
            });
            for (Future<?> worker : workers) {
                worker.get(LOAD.toSeconds() + PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            loading.set(false);
            killer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(Instant.now()).as("the killer stopped before the load ended").isAfterOrEqualTo(until);
            pool.shutdown();

            report(clusters);
        } finally {
            for (Process process : querySides) {
                AppProcesses.stop(process);
            }
            for (Process process : commandSides) {
                AppProcesses.stop(process);
            }
            for (Process witness : witnesses) {
                AppProcesses.stop(witness);
            }
            for (RoundRobinBalancer balancer : balancers) {
                balancer.close();
            }
            stopPostgres();
        }
    }

    private Path witnessData(int index) {
        return data.resolveSibling("witness-" + index);
    }

    private Process startWitness(int index) throws IOException {
        Process witness = AppProcesses.launch("witness", "fault-witness-" + index, Map.of(
                "THIDUA_WITNESS_PORT", Integer.toString(witnessPorts.get(index)),
                "THIDUA_WITNESS_NAME", "witness.test/nhan-chung-" + index,
                "THIDUA_WITNESS_DATA_DIR", witnessData(index).toString(),
                "THIDUA_WITNESS_LOGS", TestLedger.KEY.verifierKey()));
        AppProcesses.awaitAnswer(witnessPorts.get(index), "/public-key", witness, PATIENCE);
        return witness;
    }

    /** One command a client means to have recorded: signatures, reports and assessments across clusters and years. */
    private record Command(String method, String path, String user, Object body) {
    }

    /**
     * Each year in order (opened, then every unit signs and files), one year to a worker at a time; every fifth year
     * the council first admits a unit, so that admissions and openings run at once on the replicas.
     */
    private ConcurrentLinkedQueue<List<Command>> plan(String cluster) {
        ConcurrentLinkedQueue<List<Command>> plan = new ConcurrentLinkedQueue<>();
        String years = "/api/clusters/" + cluster + "/years";
        for (int year = 2000; year <= 2100; year++) {
            List<Command> commands = new ArrayList<>();
            if (year % 5 == 0) {
                commands.add(new Command("POST", "/api/clusters/" + cluster + "/members", Http.COUNCIL, Map.of(
                        "unitId", "btc-moi-" + year, "name", "Ban Tổ chức mới " + year, "province", "Hà Nội",
                        "reason", "Kết nạp")));
            }
            commands.add(new Command("POST", years, Http.COUNCIL, SeedRequests.openYear(year)));
            for (String unit : SeedCluster.unitIds()) {
                String officer = "can-bo-" + unit.substring("btc-".length());
                commands.add(new Command("POST", years + "/" + year + "/pledge/signatures", officer,
                        SeedRequests.signature(unit)));
                commands.add(new Command("POST", years + "/" + year + "/reports", officer,
                        SeedRequests.report(unit, 40 + random.nextInt(20), 20 + random.nextInt(15))));
            }
            plan.add(commands);
        }
        return plan;
    }

    /** Once every year is planned: amend a report of the first years, as often as the load lasts. */
    private Command amendment(String cluster) {
        synchronized (random) {
            String unit = SeedCluster.unitIds().get(random.nextInt(SeedCluster.unitIds().size()));
            Map<String, Object> amended = new java.util.HashMap<>(SeedRequests.report(unit, 40 + random.nextInt(20),
                    20 + random.nextInt(15)));
            amended.put("reason", "Bổ sung minh chứng");
            return new Command("PUT", "/api/clusters/" + cluster + "/years/" + (2000 + random.nextInt(3))
                    + "/reports/" + unit, "can-bo-" + unit.substring("btc-".length()), amended);
        }
    }

    /**
     * Sends one command as a client that must see it through: the same key until an answer that is final (accepted,
     * or refused by a rule); a lost connection, a time-out or an unavailable store is tried again.
     */
    private void send(String method, String path, String user, Object body) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            sent.incrementAndGet();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + commandPort + path)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (user + ":" + Http.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200 || status == 201) {
                    acknowledged.put(key, JSON.readTree(response.body()).path("position").asLong());
                    return;
                }
                String code = status >= 400 && status < 500 ? JSON.readTree(response.body()).path("code").asString()
                        : "";
                if (code.equals("CONCURRENT_CHANGE")) {
                    conflicts.incrementAndGet();
                } else if (status >= 400 && status < 500) {
                    assertThat(code).as(response.body()).isNotBlank();
                    refused.incrementAndGet();
                    return;
                } else {
                    failed(method + " " + status + " " + code);
                }
            } catch (IOException e) {
                // the command side is down or the answer was lost: the same key again
                failed(method + " " + e.getClass().getSimpleName());
            }
            retries.incrementAndGet();
            Thread.sleep(250);
        }
        throw new AssertionError(method + " " + path + " found no answer in " + PATIENCE);
    }

    private void failed(String reason) {
        failures.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Kills the command side, PostgreSQL, a witness and the query side in turn, at random moments, and starts each
     * again.
     */
    private void killAtRandom(AtomicBoolean loading) throws Exception {
        // The query side, slowest to start on two cores shared with the load (20 to 45 s), comes last in each round,
        // so that the build's minute kills each of the four at least once.
        List<String> victims = List.of("command-side", "postgres", "witness", "query-side");
        // With two of each app, a killed replica starts again beside the work while the other serves, and the next
        // kill does not wait for it (it takes a replica that is up, never the last one of its app).
        ExecutorService restarts = Executors.newCachedThreadPool();
        List<Future<?>> restarting = new CopyOnWriteArrayList<>();
        Set<String> down = ConcurrentHashMap.newKeySet();
        int round = 0;
        try {
            while (loading.get()) {
                long pause = 2000 + random.nextInt(3000);
                for (long waited = 0; waited < pause && loading.get(); waited += 100) {
                    Thread.sleep(100);
                }
                if (!loading.get()) {
                    return;
                }
                String victim = victims.get(round++ % victims.size());
                long started = System.nanoTime();
                switch (victim) {
                    case "command-side", "query-side" -> {
                        List<Process> processes = victim.equals("command-side") ? commandSides : querySides;
                        List<Integer> up = new ArrayList<>();
                        for (int i = 0; i < replicas; i++) {
                            if (!down.contains(victim + i)) {
                                up.add(i);
                            }
                        }
                        if (replicas > 1 && up.size() < 2) {
                            continue;
                        }
                        int replica = up.get(random.nextInt(up.size()));
                        kills.add(victim);
                        processes.get(replica).destroyForcibly().waitFor();
                        Runnable restart = () -> {
                            processes.set(replica, startSupervised(victim, replica));
                            recovered(victim, started);
                            down.remove(victim + replica);
                        };
                        if (replicas > 1) {
                            down.add(victim + replica);
                            restarting.add(restarts.submit(restart));
                        } else {
                            restart.run();
                        }
                    }
                    case "witness" -> {
                        kills.add(victim);
                        int which = round / victims.size() % witnesses.size();
                        witnesses.get(which).destroyForcibly().waitFor();
                        witnesses.set(which, startWitness(which));
                        recovered(victim, started);
                    }
                    default -> {
                        kills.add(victim);
                        // An immediate shutdown (SIGQUIT): every backend quits at once, no checkpoint; the restart
                        // recovers from the write-ahead log, as after a crash.
                        long postmaster = AppProcesses.postmasterOf(data);
                        new ProcessBuilder("kill", "-QUIT", Long.toString(postmaster)).start().waitFor();
                        await().atMost(PATIENCE).until(() -> !AppProcesses.alive(postmaster));
                        releasePostgres();
                        startPostgres();
                        recovered(victim, started);
                    }
                }
            }
        } finally {
            for (Future<?> pending : restarting) {
                pending.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            restarts.shutdown();
        }
    }

    /**
     * Starts a replica again as a supervisor (Kubernetes, systemd) does: a start that ends early, because PostgreSQL
     * was itself restarting at that moment say, is tried again.
     */
    private Process startSupervised(String app, int replica) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start(app, replica);
            } catch (IOException | RuntimeException e) {
                boolean endedEarly = false;
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    endedEarly |= cause instanceof AppProcesses.ProcessEnded;
                }
                if (!endedEarly || attempt == 5) {
                    throw new IllegalStateException(app + " " + replica + " did not start", e);
                }
            }
        }
    }

    /** The time from a kill to the restarted process answering its readiness probe. */
    private void recovered(String victim, long killedAt) {
        recoveries.computeIfAbsent(victim, v -> new CopyOnWriteArrayList<>())
                .add((System.nanoTime() - killedAt) / 1_000_000);
    }

    /** The soak's other half: steady reads, and every 30 s each app's heap and resident memory and the lag. */
    private void readAndSample(AtomicBoolean loading) throws Exception {
        Http viewer = new Http("http://127.0.0.1:" + queryPorts.get(0)).as(Http.AUDITOR);
        Http commands = new Http("http://127.0.0.1:" + commandPorts.get(0)).as(Http.AUDITOR);
        // reads count from the moment the first year exists; a 404 before that is the client being early
        await().atMost(PATIENCE).until(() -> viewer.get("/api/clusters/cum-2/years/2000/scoreboard").status() == 200);
        Instant nextSample = Instant.now();
        while (loading.get()) {
            for (String path : List.of("/api/clusters/cum-2/years/2000/scoreboard", "/api/clusters/cum-2/decisions",
                    "/api/clusters/cum-2/leadership")) {
                int status = viewer.get(path).status();
                if (status != 200) {
                    failed("GET " + status);
                }
                reads.incrementAndGet();
            }
            if (!Instant.now().isBefore(nextSample)) {
                samples.add(String.format(Locale.ROOT, "| %s | %d | %s | %d | %s | %d | %d |",
                        Instant.now().toString().substring(11, 19), acknowledged.size(),
                        heapMegabytes(commands, commandSides.get(0)), residentMegabytes(commandSides.get(0)),
                        heapMegabytes(viewer, querySides.get(0)),
                        residentMegabytes(querySides.get(0)), maxLag(viewer)));
                nextSample = Instant.now().plus(SAMPLING);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Heap in use now, and in use right after a full collection asked for with jcmd: what is really live, the figure
     * that shows a leak (G1 alone may go the whole soak without collecting its old generation).
     */
    private static String heapMegabytes(Http app, Process process) throws IOException, InterruptedException {
        long used = megabytes(app, "jvm.memory.used?tag=area:heap");
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        return used + " / " + megabytes(app, "jvm.memory.used?tag=area:heap");
    }

    private static long megabytes(Http app, String metric) {
        return Math.round(app.get("/actuator/metrics/" + metric).body().path("measurements").path(0).path("value")
                .asDouble() / 1_048_576);
    }

    private static long residentMegabytes(Process process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static long maxLag(Http queries) {
        return queries.get("/actuator/prometheus").raw().lines().filter(line -> line.startsWith("thidua_read_model_lag"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).max()
                .orElse(-1);
    }

    /** Starts replica {@code replica} of the app on its own port, and waits until it is ready. */
    private Process start(String app, int replica) throws IOException {
        int port = (app.equals("command-side") ? commandPorts : queryPorts).get(replica);
        Map<String, String> settings = new java.util.HashMap<>(Map.of("SPRING_PROFILES_ACTIVE", "postgres",
                "THIDUA_DB_URL", jdbcUrl(), "THIDUA_DB_USER", "postgres", "THIDUA_DB_PASSWORD", "",
                "THIDUA_AUTH_MODE", "basic", "THIDUA_COMMAND_PORT", Integer.toString(commandPorts.get(replica)),
                "THIDUA_QUERY_PORT", Integer.toString(queryPorts.get(replica)),
                "THIDUA_LEDGER_WITNESSES", witnessList, "THIDUA_LEDGER_WITNESS_QUORUM", "2"));
        settings.putAll(app.equals("command-side") ? Map.of("THIDUA_LEDGER_SIGNER_KEY", TestLedger.KEY.encoded())
                : Map.of("THIDUA_LEDGER_VERIFIER_KEY", TestLedger.KEY.verifierKey()));
        Process process = AppProcesses.launch(app, "fault-" + replicas + "x" + replicas + "-" + app + "-" + replica,
                settings);
        AppProcesses.awaitReady(port, process, PATIENCE);
        return process;
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres";
    }

    /** PostgreSQL on the campaign's data folder, durable; after a kill it recovers from its log. */
    private void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(dbPort)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").start();
    }

    private void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** After a kill: lets go of the dead server's data folder (the library locks it), its stop failing quietly. */
    private void releasePostgres() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // the server is gone already; only the lock is released
        }
    }

    /** Waits for every model to catch up, checks, prints and asserts the figures. */
    private void report(String[] clusters) throws Exception {
        long last = acknowledged.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Http auditor = new Http("http://127.0.0.1:" + queryPort).as(Http.AUDITOR);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> MODELS.stream().allMatch(model ->
                auditor.get(pathOf(model, clusters[0]) + "minPosition=" + last).status() == 200));
        Set<String> recorded = new HashSet<>();
        long events;
        long doubled;
        List<String> brokenRules;
        try (Connection sql = DriverManager.getConnection(jdbcUrl(), "postgres", "")) {
            query(sql, "select meta_data::jsonb->>'idempotencyKey' from domain_event_entry", row ->
                    recorded.add(row.getString(1)));
            events = single(sql, "select count(*) from domain_event_entry");
            // A command's events (an admission's and what it means for the year under way) share one
            // transaction: a key whose events were written by two is a command recorded twice.
            doubled = single(sql, "select count(*) from (select meta_data::jsonb->>'idempotencyKey' k"
                    + " from domain_event_entry where meta_data::jsonb ? 'idempotencyKey' group by 1"
                    + " having count(distinct xmin::text) > 1) twice");
            brokenRules = CycleInvariants.brokenOn(sql);
        }
        long missing = acknowledged.keySet().stream().filter(key -> !recorded.contains(key)).count();

        Map<String, String> live = readModels();
        for (String model : MODELS) {
            assertThat(auditor.as(Http.COUNCIL).post("/api/admin/projections/" + model + "/replay", Map.of())
                    .status()).isEqualTo(202);
        }
        // The folded models are served all along and switched when rebuilt: wait until no rebuild is under way.
        await().atMost(PATIENCE).ignoreExceptions().until(() -> rebuildsUnderWay() == 0 && MODELS.stream()
                .allMatch(model -> auditor.get(pathOf(model, clusters[0]) + "minPosition=" + last).status() == 200));
        Map<String, String> rebuilt = readModels();
        long differences = live.keySet().stream().filter(key -> !live.get(key).equals(rebuilt.get(key))).count()
                + rebuilt.keySet().stream().filter(key -> !live.containsKey(key)).count();
        boolean logsVerify = java.util.Arrays.stream(clusters).allMatch(cluster ->
                auditor.get("/api/clusters/" + cluster + "/decisions/verification").body().path("valid").asBoolean());
        // The checkpoint that covers every event counts once both witnesses cosigned it, the one killed included.
        boolean quorumMet = awaitQuietly(() -> auditor.get("/api/ledger/verification").body().path("treeSize")
                .asLong() == events);
        JsonNode ledger = auditor.get("/api/ledger/verification").body();

        String figures = String.format(Locale.ROOT, "| %d+%d | %d s | %,d | %,d (%.1f/s) | %,d | %,d | %,d | %s | %d"
                        + " | %d | %d | %s | %s | %s | %d | %s |", replicas, replicas, LOAD.toSeconds(), sent.get(),
                acknowledged.size(), (double) acknowledged.size() / LOAD.toSeconds(), refused.get(), retries.get(),
                events, kills(), missing, doubled, differences,
                logsVerify ? "valid" : "BROKEN", ledger.path("valid").asBoolean() ? "valid" : "BROKEN",
                quorumMet ? "met" : "NOT MET", brokenRules.size(), recoveryFigures());
        String table = "| command + query replicas | load | requests sent | acknowledged | refused by rules | retried"
                + " | events in store | kills | acknowledged missing | recorded twice | read-model differences"
                + " | decision logs | ledger | witness quorum (2 of 2) | cycle rules broken | recovery (mean / max) |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
                + figures + "\n";
        System.out.println("\nFault campaign " + Instant.now() + "\n" + table);
        Files.writeString(data.resolveSibling("figures.md"), table);

        if (KILLS) {
            assertThat(kills).as("kills during the load").contains("command-side", "postgres", "witness", "query-side");
        } else {
            String soak = "| time | commands acknowledged | command side heap MB (used / after full GC) | command side RSS MB"
                    + " | query side heap MB (used / after full GC) | query side RSS MB | max read-model lag |\n| --- | --- | --- | --- | --- | --- | --- |\n"
                    + String.join("\n", samples) + "\n\n" + reads.get() + " reads, " + conflicts.get()
                    + " concurrent changes tried again, failed requests: " + failures + "\n";
            System.out.println("\nSoak " + Instant.now() + "\n" + soak);
            Files.writeString(data.resolveSibling("soak.md"), soak);
            assertThat(failures).as("failed requests in a soak without faults").isEmpty();
        }
        assertThat(acknowledged).as("acknowledged commands").isNotEmpty();
        assertThat(missing).as("acknowledged commands missing from the store").isZero();
        assertThat(doubled).as("commands recorded twice").isZero();
        assertThat(brokenRules).as("rules of the cycle broken on the store").isEmpty();
        assertThat(differences).as("read-model documents that differ from a rebuild").isZero();
        assertThat(logsVerify).as("every decision log verifies").isTrue();
        assertThat(ledger.path("valid").asBoolean()).as(ledger.toString()).isTrue();
        assertThat(quorumMet).as("a checkpoint of every event cosigned by both witnesses").isTrue();
        assertThat(ledger.path("treeSize").asLong()).isEqualTo(events);
    }

    private static boolean awaitQuietly(java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(PATIENCE).ignoreExceptions().until(condition);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    private String kills() {
        Map<String, Long> byVictim = new TreeMap<>();
        kills.forEach(victim -> byVictim.merge(victim, 1L, Long::sum));
        return kills.size() + " (" + byVictim.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .reduce((a, b) -> a + ", " + b).orElse("") + ")";
    }

    private String recoveryFigures() {
        return recoveries.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> String.format(Locale.ROOT,
                        "%s %.1f / %.1f s", e.getKey(), e.getValue().stream().mapToLong(Long::longValue).average()
                                .orElse(0) / 1000, e.getValue().stream().mapToLong(Long::longValue).max().orElse(0)
                                / 1000.0))
                .reduce((a, b) -> a + "; " + b).orElse("-");
    }

    private static String pathOf(String model, String cluster) {
        return switch (model) {
            case "clusters" -> "/api/clusters/" + cluster + "?";
            case "leadership" -> "/api/clusters/" + cluster + "/leadership?";
            case "scoreboard" -> "/api/clusters/" + cluster + "/years/2000/scoreboard?";
            case "decision-log" -> "/api/clusters/" + cluster + "/decisions?";
            case "timeline" -> "/api/clusters/" + cluster + "/years/2000/timeline?";
            default -> "/api/units/btc-bac-giang/record?";
        };
    }

    /** Rebuilds not yet put in place: the processor-fed models' and the decision log's, each beside the live one. */
    private long rebuildsUnderWay() throws SQLException {
        try (Connection sql = DriverManager.getConnection(jdbcUrl(), "postgres", "")) {
            return single(sql, "select (select count(*) from read_model_rebuild)"
                    + " + (select count(*) from ledger_follower where name <> 'decision-log')");
        }
    }

    /** Every read-model row, keyed by where it lives, as the store holds it now. */
    private Map<String, String> readModels() throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection sql = DriverManager.getConnection(jdbcUrl(), "postgres", "")) {
            query(sql, "select model, doc_key, body from read_document", row ->
                    rows.put(row.getString(1) + "|" + row.getString(2), row.getString(3)));
            query(sql, "select cluster_id, seq, hash, leaf_index, rescinded_by from decision_log", row ->
                    rows.put("decision-log|" + row.getString(1) + "|" + row.getLong(2), row.getString(3) + "|"
                            + row.getLong(4) + "|" + row.getString(5)));
            query(sql, "select cluster_id, year, event_id, text_vi from timeline_entry", row ->
                    rows.put("timeline|" + row.getString(1) + "|" + row.getInt(2) + "|" + row.getString(3),
                            row.getString(4)));
        }
        return rows;
    }

    private interface Row {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection sql, String query, Row each) throws SQLException {
        try (ResultSet rows = sql.createStatement().executeQuery(query)) {
            while (rows.next()) {
                each.read(rows);
            }
        }
    }

    private static long single(Connection sql, String query) throws SQLException {
        try (ResultSet rows = sql.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var files = Files.walk(path)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }
}
