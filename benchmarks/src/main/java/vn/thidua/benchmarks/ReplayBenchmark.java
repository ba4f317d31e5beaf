package vn.thidua.benchmarks;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.PreparedStatement;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.UUID;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.command.CommandSideApplication;
import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.MemberUnit;
import vn.thidua.events.json.EventJson;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.Award;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.PledgeTarget;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.events.year.Scorecard;
import vn.thidua.events.year.ScoringTable;
import vn.thidua.events.year.Signatory;
import vn.thidua.events.year.Standing;
import vn.thidua.query.QuerySideApplication;
import vn.thidua.query.admin.Projections;

/**
 * Replay: events per second to build the scoreboard and the decision log from a synthetic national history (by
 * default about 1,000,000 events: clusters of 20 units through the full yearly cycle, written as real events by the
 * command side's storage engine), against the limit, a raw SELECT in global-index order plus Jackson
 * deserialization of the same rows.
 */
final class ReplayBenchmark {

    static final int UNITS = 20;
    private static final ClusterRules RULES = ClusterRules.defaults();
    private static final ScoringTable TABLE = new ScoringTable(List.of(
            new Criterion("chuyen-mon", "Nhiệm vụ chuyên môn", "Công tác tổ chức xây dựng Đảng", BigDecimal.valueOf(60)),
            new Criterion("phong-trao", "Phong trào thi đua", "Tổ chức phong trào", BigDecimal.valueOf(40))),
            BigDecimal.valueOf(5), BigDecimal.valueOf(5));

    private static final Instant HISTORY_START = Instant.parse("2000-01-01T01:00:00Z");
    private static long recorded;

    private ReplayBenchmark() {
    }

    static void main(String[] args) throws Exception {
        List<String> models = List.of(System.getProperty("models", "scoreboard,decision-log").split(","));
        int clusters = Integer.getInteger("clusters", 500);
        int years = Integer.getInteger("years", 29);
        try (EmbeddedPostgres postgres = Benchmarks.durablePostgres()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            String[] database = {"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=", "--thidua.security.mode=basic", "--logging.level.root=WARN"};
            long events;
            try (ConfigurableApplicationContext commandSide = new SpringApplicationBuilder(CommandSideApplication.class)
                    .profiles("postgres").web(WebApplicationType.NONE)
                    .run(Stream.concat(Stream.of(database), Stream.of(Benchmarks.SIGNER_KEY)).toArray(String[]::new))) {
                Instant start = Instant.now();
                events = generate(commandSide, clusters, years, UNITS);
                System.out.printf(Locale.ROOT, "generated %,d events in %s%n", events,
                        Duration.between(start, Instant.now()));
                awaitSealed(url, events);
            }
            double limit = rawReadAndDeserialize(url, events);
            List<String> rows = new ArrayList<>();
            List<String> reads = new ArrayList<>();
            for (String model : models) {
                double rate = build(database, model, events, clusters, 2000 + years - 1, args, reads);
                rows.add(String.format(Locale.ROOT, "| %s | %,d | %.0f | %.0f | %.1f%% |", model, events, limit,
                        rate, 100 * rate / limit));
            }
            System.out.println();
            System.out.println("Replay, fsync on, " + Instant.now());
            System.out.println("| read model | events | raw select+deserialize events/s (limit) | build events/s "
                    + "| ratio |");
            System.out.println("| --- | --- | --- | --- | --- |");
            rows.forEach(System.out::println);
            if (!reads.isEmpty()) {
                System.out.println();
                System.out.printf(Locale.ROOT, "Reads of the model being rebuilt, open loop at %.0f/s over HTTP for"
                        + " %d s, before the rebuild and from its start%n", READ_RATE, READS_FOR.toSeconds());
                System.out.println("| read model | when | answered/s | not 200 | p50 ms | p99 ms |");
                System.out.println("| --- | --- | --- | --- | --- | --- |");
                reads.forEach(System.out::println);
            }
        }
    }

    /**
     * Runs the query side with only this read model (and the settings given after {@code replay} on the command line,
     * such as {@code --axon.eventhandling.processors.scoreboard.batch-size=500}), lets it build, then replays it from the first event through
     * the admin operation and times the replay alone (no start-up in the figure). The model, served all along, is read
     * over HTTP, open loop, for {@link #READS_FOR} before the rebuild and again from its start.
     */
    private static double build(String[] database, String model, long events, int clusters, int lastYear,
                                String[] querySideSettings, List<String> reads) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(database));
        arguments.add(Benchmarks.VERIFIER_KEY);
        arguments.addAll(List.of(querySideSettings));
        for (String other : Projections.READ_MODELS) {
            arguments.add("--thidua.read-models." + other + ".enabled=" + other.equals(model));
        }
        int port = freePort();
        arguments.add("--server.port=" + port);
        try (ConfigurableApplicationContext querySide = QuerySideApplication.application()
                .profiles("postgres").run(arguments.toArray(String[]::new))) {
            Projections projections = querySide.getBean(Projections.class);
            awaitCaughtUp(projections, model, events);
            ModelReads reader = new ModelReads(port, model, clusters, lastYear);
            reads.add(reader.row("before", reader.measure()));
            System.gc();
            long heapBefore = usedHeap();
            AtomicLong peakHeap = new AtomicLong(heapBefore);
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(usedHeap(), Math::max), 0, 20,
                    TimeUnit.MILLISECONDS);
            Instant start = Instant.now();
            projections.replay(model);
            Future<Measurement.Result> during = Executors.newSingleThreadExecutor().submit(reader::measure);
            awaitCaughtUp(projections, model, events);
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            sampler.shutdownNow();
            System.out.printf(Locale.ROOT, "%s replayed in %.1f s; heap in use %,d MB before, %,d MB at most"
                    + " during the rebuild (every 20 ms)%n", model, seconds, heapBefore >> 20, peakHeap.get() >> 20);
            reads.add(reader.row(String.format(Locale.ROOT, "during (rebuild %.1f s)", seconds), during.get()));
            return events / seconds;
        }
    }

    static final double READ_RATE = 200;
    static final Duration READS_FOR = Duration.ofSeconds(10);

    /** Reads of one model's endpoint over HTTP, spread over the history's clusters, counting answers other than 200. */
    private static final class ModelReads {

        private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
        private final String base;
        private final String model;
        private final int clusters;
        private final int lastYear;
        private final AtomicLong notOk = new AtomicLong();

        ModelReads(int port, String model, int clusters, int lastYear) {
            this.base = "http://127.0.0.1:" + port;
            this.model = model;
            this.clusters = clusters;
            this.lastYear = lastYear;
        }

        private String path(long request) {
            String cluster = "cum-" + request % clusters;
            return switch (model) {
                case "scoreboard" -> "/api/clusters/" + cluster + "/years/" + lastYear + "/scoreboard";
                case "timeline" -> "/api/clusters/" + cluster + "/years/" + lastYear + "/timeline";
                case "leadership" -> "/api/clusters/" + cluster + "/leadership";
                case "unit-record" -> "/api/units/" + cluster + "-dv-0/record";
                case "decision-log" -> "/api/clusters/" + cluster + "/decisions?year=" + lastYear;
                default -> "/api/clusters/" + cluster;
            };
        }

        Measurement.Result measure() throws Exception {
            notOk.set(0);
            String credentials = "Basic " + Base64.getEncoder().encodeToString(
                    "kiem-toan:thidua-demo".getBytes(StandardCharsets.UTF_8));
            return Measurement.openLoop(READ_RATE, 16, Duration.ZERO, READS_FOR, (thread, request) -> {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(base + path(request)))
                        .header("Authorization", credentials).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() != 200) {
                    notOk.incrementAndGet();
                }
            });
        }

        String row(String when, Measurement.Result result) {
            return String.format(Locale.ROOT, "| %s | %s | %.0f | %d | %.1f | %.1f |", model, when,
                    result.perSecond(), notOk.get(), result.percentileMillis(50), result.percentileMillis(99));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The decision log follows the ledger, which the command side's sealer writes: the history must be sealed before
     * the command side stops, or the decision log has nothing to rebuild from.
     */
    private static void awaitSealed(String url, long events) throws Exception {
        Instant start = Instant.now();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement leaves = connection.prepareStatement("select count(*) from ledger_leaf")) {
            while (true) {
                try (ResultSet count = leaves.executeQuery()) {
                    count.next();
                    if (count.getLong(1) >= events) {
                        System.out.printf(Locale.ROOT, "sealed %,d events %s after they were generated%n", events,
                                Duration.between(start, Instant.now()));
                        return;
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    private static void awaitCaughtUp(Projections projections, String model, long events)
            throws InterruptedException {
        while (true) {
            Projections.ProjectionState state = projections.list().stream()
                    .filter(candidate -> candidate.name().equals(model)).findFirst().orElseThrow();
            if (!state.replaying() && state.position() != null && state.position() >= events) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** The limit: every row in global-index order, payload deserialized to its event class. */
    private static double rawReadAndDeserialize(String url, long events) throws Exception {
        JsonMapper json = EventJson.mapper();
        Map<String, Class<?>> types = new HashMap<>();
        Instant start = Instant.now();
        long read = 0;
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            connection.setAutoCommit(false);
            try (Statement select = connection.createStatement()) {
                select.setFetchSize(1000);
                try (ResultSet rows = select.executeQuery("select " + DESERIALIZED_COLUMNS
                        + " from domain_event_entry order by global_index")) {
                    read = deserializeAll(rows, json, types);
                }
            }
        }
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "raw read of %,d rows in %.1f s%n", read, seconds);
        return events / seconds;
    }

    /** What the limit reads of each event: its type, payload and metadata. */
    static final String DESERIALIZED_COLUMNS = "payload_type, payload, meta_data";

    /** Deserializes every row's payload to its event class and its metadata, and counts the rows. */
    static long deserializeAll(ResultSet rows, JsonMapper json, Map<String, Class<?>> types) throws SQLException {
        long read = 0;
        while (rows.next()) {
            json.readValue(rows.getString(2), types.computeIfAbsent(rows.getString(1), ReplayBenchmark::load));
            json.readTree(rows.getString(3));
            read++;
        }
        return read;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the history as real events; {@code units} per cluster, 3 events per unit and 9 more per year. */
    static long generate(ConfigurableApplicationContext commandSide, int clusters, int years, int unitCount) {
        EventStorageEngine engine = commandSide.getBean(EventStorageEngine.class);
        TransactionManager transactions = commandSide.getBean(TransactionManager.class);
        MetaData metadata = MetaData.with("actor", "thu-ky").and("role", "SECRETARIAT")
                .and("correlationId", UUID.randomUUID().toString());
        long total = 0;
        for (int c = 0; c < clusters; c++) {
            String clusterId = "cum-" + c;
            List<MemberUnit> units = new ArrayList<>();
            for (int u = 0; u < unitCount; u++) {
                units.add(new MemberUnit(clusterId + "-dv-" + u, "Ban Tổ chức Tỉnh ủy số " + u, "Tỉnh " + u));
            }
            // Appended in the order recorded, as the command side appends: the chain order of the decision log
            // (recorded time) then matches the order the processors read.
            DomainEventMessage<?> formed = event("Cluster", clusterId, 0, new ClusterFormed(clusterId, id(),
                    "Cụm thi đua số " + c, "Ngành Tổ chức xây dựng Đảng", units, RULES), metadata);
            transactions.executeInTransaction(() -> engine.appendEvents(formed));
            long clusterSequence = 1;
            Ballot ballot = new Ballot(unitCount, unitCount, unitCount - 1, 1, 0);
            for (int y = 0; y < years; y++) {
                int year = 2000 + y;
                String yearId = clusterId + ":" + year;
                List<DomainEventMessage<?>> yearEvents = new ArrayList<>();
                yearEvents.add(event("EmulationYear", yearId, 0, new EmulationYearOpened(clusterId, year, id(), TABLE,
                        List.of(new PledgeTarget("hoan-thanh", "Hoàn thành nhiệm vụ")), LocalDate.of(year, 3, 31),
                        LocalDate.of(year, 12, 15), units, RULES), metadata));
                List<Standing> standings = new ArrayList<>();
                for (int u = 0; u < unitCount; u++) {
                    String unitId = units.get(u).unitId();
                    BigDecimal score = BigDecimal.valueOf(1000 - u);
                    Scorecard card = new Scorecard(Map.of("chuyen-mon", BigDecimal.valueOf(55 - u % 10),
                            "phong-trao", BigDecimal.valueOf(35)), BigDecimal.ONE, BigDecimal.ZERO, score);
                    yearEvents.add(event("EmulationYear", yearId, yearEvents.size(), new PledgeSigned(clusterId,
                            year, unitId, new Signatory("Nguyễn Văn Hùng", "Trưởng ban"), false), metadata));
                    yearEvents.add(event("EmulationYear", yearId, yearEvents.size(), new AnnualReportFiled(clusterId,
                            year, unitId, "Báo cáo tổng kết năm " + year, card, List.of(), false), metadata));
                    yearEvents.add(event("EmulationYear", yearId, yearEvents.size(), new ReportAssessed(clusterId,
                            year, id(), unitId, card, "Thẩm định chéo"), metadata));
                    standings.add(new Standing(u + 1, unitId, score));
                }
                yearEvents.add(event("EmulationYear", yearId, yearEvents.size(), new RankingFinalized(clusterId, year,
                        id(), standings, null), metadata));
                for (int u = 0; u < 4; u++) {
                    yearEvents.add(event("EmulationYear", yearId, yearEvents.size(), new CommendationProposed(
                            clusterId, year, id(), units.get(u).unitId(),
                            u == 0 ? Award.EMULATION_FLAG : Award.CERTIFICATE_OF_MERIT, ballot, "BB-" + year),
                            metadata));
                }
                yearEvents.add(event("EmulationYear", yearId, yearEvents.size(), new EmulationYearClosed(clusterId,
                        year, id(), null), metadata));
                transactions.executeInTransaction(() -> engine.appendEvents(yearEvents));
                List<DomainEventMessage<?>> elections = List.of(
                        event("Cluster", clusterId, clusterSequence++, new ClusterHeadElected(clusterId, id(),
                                year + 1, units.get(y % unitCount).unitId(), ballot, "BB-" + year), metadata),
                        event("Cluster", clusterId, clusterSequence++, new DeputyHeadElected(clusterId, id(),
                                year + 1, units.get((y + 1) % unitCount).unitId(), ballot, "BB-" + year), metadata));
                transactions.executeInTransaction(() -> engine.appendEvents(elections));
                total += yearEvents.size() + elections.size();
            }
            total++;
        }
        return total;
    }

    /** Each event a minute after the one before, so that recorded order is append order, as in the command side. */
    private static DomainEventMessage<?> event(String type, String aggregateId, long sequence, Object payload,
                                               MetaData metadata) {
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metadata, id(),
                HISTORY_START.plus(Duration.ofMinutes(recorded++)));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
