package vn.thidua.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.JsonNode;
import vn.thidua.command.SeedCluster;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.command.support.TestLedger;

/**
 * Both apps as separate JVM processes from the built jars, on one PostgreSQL with durability on: the demo is loaded
 * by its own script over HTTP, then the query side is killed with SIGKILL while it projects and started again.
 * Nothing may be lost, nothing doubled, and the decision log must keep the head hash a full replay gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Path REPOSITORY = AppProcesses.REPOSITORY;
    private static final Path LOGS = AppProcesses.LOGS;
    private static final String CLUSTER = "/api/clusters/cum-2";

    private EmbeddedPostgres postgres;
    private Process commandSide;
    private Process querySide;
    private int commandPort;
    private int queryPort;
    private Http commands;
    private Http queries;

    @BeforeAll
    void start() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        Files.createDirectories(LOGS);
        commandPort = freePort();
        queryPort = freePort();
        commandSide = launch("command-side", System.getProperty("thidua.commandSideJar"));
        awaitReady(commandPort, commandSide);
        querySide = launch("query-side", System.getProperty("thidua.querySideJar"));
        awaitReady(queryPort, querySide);
        commands = new Http("http://127.0.0.1:" + commandPort);
        queries = new Http("http://127.0.0.1:" + queryPort).as(Http.AUDITOR);
    }

    @AfterAll
    void stop() throws Exception {
        AppProcesses.stop(querySide);
        AppProcesses.stop(commandSide);
        postgres.close();
    }

    private Process launch(String app, String jar) throws IOException {
        return AppProcesses.launch(app, app, Map.of("SPRING_PROFILES_ACTIVE", "postgres",
                "THIDUA_DB_URL", postgres.getJdbcUrl("postgres", "postgres"), "THIDUA_DB_USER", "postgres",
                "THIDUA_DB_PASSWORD", "", "THIDUA_AUTH_MODE", "basic",
                "THIDUA_COMMAND_PORT", Integer.toString(commandPort), "THIDUA_QUERY_PORT", Integer.toString(queryPort),
                "THIDUA_QUERY_SIDE_URL", "http://127.0.0.1:" + queryPort,
                app.equals("command-side") ? "THIDUA_LEDGER_SIGNER_KEY" : "THIDUA_LEDGER_VERIFIER_KEY",
                app.equals("command-side") ? TestLedger.KEY.encoded() : TestLedger.KEY.verifierKey()));
    }

    private static void awaitReady(int port, Process process) {
        AppProcesses.awaitReady(port, process, PATIENCE);
    }

    private static int freePort() throws IOException {
        return AppProcesses.freePort();
    }

    /** The 2017 minutes as the query side serves them. */
    private byte[] issuedMinutes() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + queryPort
                        + CLUSTER + "/years/2017/documents/minutes.pdf")).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((Http.AUDITOR + ":" + Http.DEMO_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    @Order(1)
    void theDemoLoadsOverHttpAndTheReadModelsShowIt() throws Exception {
        Process loader = new ProcessBuilder("bash", REPOSITORY.resolve("deploy/demo/load-demo.sh").toString(),
                "http://127.0.0.1:" + commandPort)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOGS.resolve("load-demo.log").toFile()))
                .start();
        assertThat(loader.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(loader.exitValue()).as("see " + LOGS.resolve("load-demo.log")).isZero();

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode board = queries.get(CLUSTER + "/years/2017/scoreboard").body();
            assertThat(board.path("rows")).hasSize(14);
            board.path("rows").forEach(row -> assertThat(row.path("rank").isInt()).isTrue());
            board.path("rows").forEach(row -> assertThat(row.path("reportLate").asBoolean())
                    .as("the demo's acts carry the days of the story: no report is late").isFalse());
            List<String> heads = new ArrayList<>();
            queries.get(CLUSTER + "/leadership").body().forEach(term -> heads.add(term.path("termYear").asInt()
                    + " " + term.path("head").path("name").asString()));
            assertThat(heads).as("two terms from the imported past, then the seed's").containsExactlyInAnyOrder(
                    "2016 Ban Tổ chức Tỉnh ủy Nam Định", "2017 Ban Tổ chức Tỉnh ủy Thái Bình",
                    "2018 Ban Tổ chức Tỉnh ủy Bắc Giang");
            for (String past : List.of("2015", "2016")) {
                JsonNode year = queries.get(CLUSTER + "/years/" + past + "/scoreboard").body();
                assertThat(year.path("status").asString()).isEqualTo("CLOSED");
                assertThat(year.path("rows").findValuesAsString("award")).containsOnlyOnce("EMULATION_FLAG");
            }
            assertThat(queries.get(CLUSTER + "/decisions").body()).hasSize((int) count(
                    "select count(*) from domain_event_entry where payload::jsonb ? 'decisionId'"));
        });
        assertThat(queries.get(CLUSTER + "/decisions/verification").body().path("valid").asBoolean()).isTrue();
        JsonNode rotation = queries.get(CLUSTER + "/rotation").body();
        assertThat(rotation.path("headSelection").asString()).isEqualTo("ROTATION");
        assertThat(rotation.path("latestHead").path("unitId").asString()).isEqualTo("btc-bac-giang");
        assertThat(rotation.path("nextInRotation").path("unitId").asString())
                .as("Bắc Giang was confirmed in rotation; Hưng Yên follows it on the roster").isEqualTo("btc-hung-yen");
        assertThat(rotation.path("nextInRotation").path("termYear").asInt()).isEqualTo(2019);
        JsonNode elections = queries.get(CLUSTER + "/decisions?type=ClusterHeadElected").body();
        assertThat(elections.findValuesAsString("occurredOn")).containsExactly("2015-12-28", "2016-12-28",
                "2017-12-28");
        assertThat(elections.path(0).path("reason").asString()).as("Nam Định, before the head rotated")
                .contains("luân phiên");
        assertThat(elections.path(2).path("reason").isNull()).as("no reason: Bắc Giang was next in rotation")
                .isTrue();
        JsonNode issued = queries.get(CLUSTER + "/years/2017/documents").body().path(0);
        assertThat(issued.path("numberAndSymbol").asString()).as("the demo issues its minutes").isEqualTo("2/BB-CTĐ2");
        assertThat(issued.path("occurredOn").asString()).isEqualTo("2017-12-28");
        byte[] minutes = issuedMinutes();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(minutes)))
                .isEqualTo(issued.path("sha256").asString());
        try (PDDocument document = Loader.loadPDF(minutes)) {
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " "))
                    .contains("Số: 2/BB-CTĐ2", "Bắc Giang, ngày 28 tháng 12 năm 2017").doesNotContain("DỰ THẢO");
        }
        // The clusters model runs a processor of its own: it may fold the amendment after the decision log did.
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode rules = queries.get(CLUSTER).body().path("rulesInForce");
            assertThat(rules.path(1).path("fromYear").asInt()).as("the council's amendment from 2019").isEqualTo(2019);
            assertThat(rules.path(1).path("rules").path("votes").path("EMULATION_FLAG").path("thresholdNumerator")
                    .asInt()).isEqualTo(70);
        });
    }

    @Test
    @Order(2)
    void aQuerySideKilledWhileProjectingLosesAndDoublesNothing() throws Exception {
        List<String> units = SeedCluster.unitIds();
        AtomicInteger accepted = new AtomicInteger();
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> units.forEach(unitId -> {
            assertThat(commands.asOfficerOf(unitId).post(CLUSTER + "/years/2018/reports",
                    SeedRequests.report(unitId, 50, 30)).status()).isEqualTo(201);
            assertThat(commands.as(Http.SECRETARIAT).post(CLUSTER + "/years/2018/reports/" + unitId + "/assessment",
                    Map.of(
                    "scores", Map.of("chuyen-mon", 48, "phong-trao", 30), "bonusPoints", 0, "penaltyPoints", 0,
                    "note", "Thẩm định chéo")).status()).isEqualTo(200);
            accepted.incrementAndGet();
        }));
        await().atMost(PATIENCE).until(() -> accepted.get() >= 3);
        byte[] minutesBefore = issuedMinutes();
        querySide.destroyForcibly().waitFor();
        traffic.get(120, TimeUnit.SECONDS);

        querySide = launch("query-side", System.getProperty("thidua.querySideJar"));
        awaitReady(queryPort, querySide);
        assertThat(issuedMinutes()).as("the issued minutes, the same bytes from another process")
                .isEqualTo(minutesBefore);

        long yearEvents = count("select count(*) from domain_event_entry where aggregate_identifier = 'cum-2:2018'");
        long decisions = count("select count(*) from domain_event_entry where payload::jsonb ? 'decisionId'");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode board = queries.get(CLUSTER + "/years/2018/scoreboard").body();
            board.path("rows").forEach(row -> {
                assertThat(row.path("reportFiled").asBoolean()).isTrue();
                assertThat(row.path("assessedScore").decimalValue()).isEqualByComparingTo("78");
            });
            // The year's own events and the head's election for 2018, each once.
            assertThat(queries.get(CLUSTER + "/years/2018/timeline").body()).hasSize((int) yearEvents + 1);
            assertThat(queries.get(CLUSTER + "/decisions").body()).hasSize((int) decisions);
        });
        JsonNode verification = queries.get(CLUSTER + "/decisions/verification").body();
        assertThat(verification.path("valid").asBoolean()).isTrue();
        String headHash = verification.path("headHash").asString();

        assertThat(queries.as(Http.COUNCIL).post("/api/admin/projections/decision-log/replay", Map.of()).status())
                .isEqualTo(202);
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode rebuilt = queries.get(CLUSTER + "/decisions/verification").body();
            assertThat(rebuilt.path("valid").asBoolean()).isTrue();
            assertThat(rebuilt.path("entries").asLong()).isEqualTo(decisions);
            assertThat(rebuilt.path("headHash").asString()).isEqualTo(headHash);
        });
    }
}
