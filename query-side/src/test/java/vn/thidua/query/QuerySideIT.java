package vn.thidua.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.command.SeedCluster;
import vn.thidua.command.support.Http;
import vn.thidua.events.time.ActDate;
import vn.thidua.query.projection.ReadModelChanges;
import vn.thidua.command.support.LibreOffice;
import vn.thidua.command.support.Http.Response;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.query.scoreboard.ScoreboardXlsx;
import vn.thidua.query.support.BothApps;

/**
 * Both apps' configurations on one real PostgreSQL: the seed story is sent to the command side over HTTP, and the
 * query side's read models are awaited (never slept on) and checked: scoreboard, CSV, decision log and its hash chain,
 * tampering, replay, asOf, minPosition and the live stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuerySideIT {

    private static final String YEARS = "/api/clusters/" + CLUSTER_ID + "/years";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BothApps apps;
    private Http commands;
    private Http council;
    private Http secretariat;
    private Http queries;
    private JdbcClient jdbc;

    private JsonNode scoreboardAfterSignatures;
    private Instant afterSignatures;
    private Instant beforeElection;
    private Instant afterElection;

    @BeforeAll
    void startBothApps() {
        // A rebuild keeps 3 documents in memory: the rebuilds below write the colder ones beside and read them back.
        apps = BothApps.start("query_side_it", "--thidua.read.max-wait=PT2S", "--thidua.read.max-streams-per-user=2",
                "--thidua.read.max-waiting=1", "--thidua.rebuild.documents-in-memory=3");
        commands = apps.commands();
        council = commands.as(Http.COUNCIL);
        secretariat = commands.as(Http.SECRETARIAT);
        queries = apps.queries().as(Http.AUDITOR);
        jdbc = apps.jdbc();
    }

    @AfterAll
    void stopBothApps() {
        apps.close();
    }

    private Response accepted(Response response) {
        assertThat(response.status()).as(response.raw()).isBetween(200, 201);
        return response;
    }

    /** Reads once the read model has processed the position the command side answered with. */
    private JsonNode read(String path, long position) {
        Response response = queries.get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + position);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    private static void tick() {
        Instant start = Instant.now();
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().toEpochMilli() > start.toEpochMilli() + 1);
    }

    @Test
    @Order(0)
    void aReadModelRetriesAFailedEventInsteadOfSkippingIt() {
        EventProcessingConfiguration processing = apps.querySideBean(EventProcessingConfiguration.class);
        assertThat(processing.eventProcessors()).hasSizeGreaterThanOrEqualTo(5);
        processing.eventProcessors().keySet().forEach(model -> assertThat(
                processing.listenerInvocationErrorHandler(model)).as(model).isInstanceOf(PropagatingErrorHandler.class));
    }

    @Test
    @Order(1)
    void theSeedStoryReachesTheReadModels() {
        accepted(council.post("/api/clusters", SeedRequests.formCluster()));
        accepted(council.post(YEARS, SeedRequests.openYear(2017)));
        long position = 0;
        for (String unitId : SeedCluster.unitIds()) {
            position = accepted(commands.asOfficerOf(unitId).post(YEARS + "/2017/pledge/signatures",
                    SeedRequests.signature(unitId)))
                    .body().path("position").asLong();
        }
        scoreboardAfterSignatures = read(YEARS + "/2017/scoreboard", position);
        tick();
        afterSignatures = Instant.now();
        tick();

        List<String> units = SeedCluster.unitIds();
        for (int i = 0; i < units.size(); i++) {
            accepted(commands.asOfficerOf(units.get(i)).post(YEARS + "/2017/reports",
                    SeedRequests.report(units.get(i), 58 - i, "35.5")));
        }
        accepted(secretariat.post(YEARS + "/2017/reports/btc-hung-yen/assessment", Map.of(
                "scores", Map.of("chuyen-mon", 50, "phong-trao", 35), "bonusPoints", 0, "penaltyPoints", 2,
                "note", "Thẩm định chéo")));
        accepted(secretariat.post(YEARS + "/2017/ranking", Map.of("note", "Hội nghị tổng kết năm 2017")));
        position = accepted(secretariat.post(YEARS + "/2017/commendations", Map.of("unitId", BAC_GIANG,
                "award", "EMULATION_FLAG", "minutesRef", "Biên bản số 02/BB-CTĐ2", "ballot", Map.of(
                        "eligibleVoters", 14, "votersPresent", 14, "votesFor", 14, "votesAgainst", 0,
                        "invalid", 0)))).body().path("position").asLong();
        accepted(council.post(YEARS, SeedRequests.openYear(2018)));
        read(YEARS + "/2017/scoreboard", position);

        tick();
        beforeElection = Instant.now();
        tick();
        long electionPosition = accepted(secretariat.post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2018, "HEAD", BAC_GIANG, 14, 13))).body().path("position").asLong();
        read("/api/clusters/" + CLUSTER_ID + "/leadership", electionPosition);
        read("/api/clusters/" + CLUSTER_ID + "/decisions", electionPosition);
        JsonNode rotation = read("/api/clusters/" + CLUSTER_ID + "/rotation", electionPosition);
        assertThat(rotation.path("headSelection").asString()).isEqualTo("NOT_TWICE_RUNNING");
        assertThat(rotation.path("roster").path(0).path("unitId").asString()).isEqualTo(BAC_GIANG);
        assertThat(rotation.path("latestHead").path("termYear").asInt()).isEqualTo(2018);
        assertThat(rotation.path("nextInRotation").path("unitId").asString()).isEqualTo("btc-hung-yen");
        assertThat(rotation.path("nextInRotation").path("termYear").asInt()).isEqualTo(2019);
        tick();
        afterElection = Instant.now();
    }

    @Test
    @Order(2)
    void theScoreboardRanksTheFourteenBoardsAsTheirScoresSay() {
        JsonNode board = queries.get(YEARS + "/2017/scoreboard").body();
        assertThat(board.path("status").asString()).isEqualTo("RANKED");
        List<JsonNode> rows = new ArrayList<>();
        board.path("rows").forEach(rows::add);
        assertThat(rows).hasSize(14);
        assertThat(rows.get(0).path("unitId").asString()).isEqualTo(BAC_GIANG);
        assertThat(rows.get(0).path("unitName").asString()).isEqualTo("Ban Tổ chức Tỉnh ủy Bắc Giang");
        assertThat(rows.get(0).path("award").asString()).isEqualTo("EMULATION_FLAG");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            assertThat(row.path("rank").asInt()).isEqualTo(i + 1);
            assertThat(row.path("pledgeSigned").asBoolean()).isTrue();
            assertThat(row.path("reportFiled").asBoolean()).isTrue();
            if (i > 0) {
                assertThat(row.path("finalScore").decimalValue())
                        .isLessThan(rows.get(i - 1).path("finalScore").decimalValue());
            }
        }
        JsonNode hungYen = rows.stream().filter(row -> row.path("unitId").asString().equals("btc-hung-yen"))
                .findFirst().orElseThrow();
        assertThat(hungYen.path("selfScore").decimalValue()).isEqualByComparingTo("93.5");
        assertThat(hungYen.path("finalScore").decimalValue()).isEqualByComparingTo("83");
        assertThat(hungYen.path("rank").asInt()).as("assessed 83 ranks below Hà Tĩnh's 83.5").isEqualTo(12);
    }

    @Test
    @Order(3)
    void theCsvKeepsTheDiacritics() {
        Response csv = queries.get(YEARS + "/2017/scoreboard.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.raw()).startsWith("\uFEFFHạng,Mã đơn vị,Tên đơn vị").contains("Ban Tổ chức Tỉnh ủy Bắc Giang")
                .contains("\r\n1,btc-bac-giang,");
        Response xlsx = queries.get(YEARS + "/2017/scoreboard.xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.contentType()).startsWith(ScoreboardXlsx.MEDIA_TYPE);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(queries.bytes(YEARS
                + "/2017/scoreboard.xlsx")))) {
            Sheet sheet = workbook.getSheet("Bảng xếp hạng");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("btc-bac-giang");
            assertThat(sheet.getRow(1).getCell(6).getNumericCellValue()).as("Bắc Giang's own points, criterion 1")
                    .isEqualTo(58);
            assertThat(sheet.getRow(1).getCell(8).getNumericCellValue()).isEqualTo(35.5);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another program reads the workbook too: LibreOffice, headless, sees the headers and the numbers. */
    @Test
    @Order(3)
    void libreOfficeReadsTheScoreboardWorkbook() {
        LibreOffice.assumeInstalled();
        List<String> lines = LibreOffice.firstSheetAsCsv(queries.bytes(YEARS + "/2017/scoreboard.xlsx")).lines()
                .toList();
        assertThat(lines.get(0)).startsWith("Hạng,").contains("Tên đơn vị", "tự chấm", "thẩm định");
        assertThat(lines.get(1)).startsWith("1,btc-bac-giang,Ban Tổ chức Tỉnh ủy Bắc Giang,").contains(",58,")
                .contains(",35.5,");
    }

    @Test
    @Order(4)
    void theDecisionLogShowsEveryDecisionAndVerifies() {
        JsonNode log = queries.get("/api/clusters/" + CLUSTER_ID + "/decisions").body();
        List<String> types = new ArrayList<>();
        log.forEach(entry -> types.add(entry.path("type").asString()));
        assertThat(types).containsExactly("ClusterFormed", "EmulationYearOpened", "ReportAssessed",
                "RankingFinalized", "CommendationProposed", "EmulationYearOpened", "ClusterHeadElected");
        JsonNode election = log.get(6);
        assertThat(election.path("seq").asLong()).isEqualTo(7);
        assertThat(election.path("year").asInt()).isEqualTo(2018);
        assertThat(election.path("minutesRef").asString()).isEqualTo("Biên bản số 01/BB-CTĐ2");
        assertThat(election.path("details").path("ballot").path("votesFor").asInt()).isEqualTo(13);
        assertThat(election.path("summary").path("vi").asString())
                .isEqualTo("Bầu Ban Tổ chức Tỉnh ủy Bắc Giang làm Cụm trưởng năm 2018 (13/14 phiếu đồng ý, 14 đại biểu).");
        assertThat(election.path("prevHash").asString()).isEqualTo(log.get(5).path("hash").asString());
        assertThat(election.path("actor").asString()).isEqualTo(Http.SECRETARIAT);
        assertThat(election.path("role").asString()).isEqualTo("SECRETARIAT");
        assertThat(log.get(0).path("actor").asString()).isEqualTo(Http.COUNCIL);
        assertThat(log.get(0).path("role").asString()).isEqualTo("COUNCIL");
        assertThat(election.path("occurredAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        JsonNode onlyElections = queries.get("/api/clusters/" + CLUSTER_ID + "/decisions?type=ClusterHeadElected")
                .body();
        assertThat(onlyElections).hasSize(1);
        assertThat(queries.get("/api/clusters/" + CLUSTER_ID + "/decisions?year=2017").body()).hasSize(4);

        JsonNode verification = queries.get("/api/clusters/" + CLUSTER_ID + "/decisions/verification").body();
        assertThat(verification.path("valid").asBoolean()).isTrue();
        assertThat(verification.path("entries").asInt()).isEqualTo(7);
        assertThat(verification.path("headHash").asString()).isEqualTo(election.path("hash").asString());

        // Pages of the log: after a sequence number, a limit, and a link to the next page while more follow.
        Response first = queries.get("/api/clusters/" + CLUSTER_ID + "/decisions?limit=3");
        assertThat(first.body().findValues("seq").stream().map(JsonNode::asLong).toList()).containsExactly(1L, 2L, 3L);
        assertThat(first.headers().firstValue("Link")).hasValueSatisfying(link ->
                assertThat(link).contains("after=3").contains("limit=3").endsWith("rel=\"next\""));
        Response last = queries.get("/api/clusters/" + CLUSTER_ID + "/decisions?after=6&limit=3");
        assertThat(last.body().findValues("seq").stream().map(JsonNode::asLong).toList()).containsExactly(7L);
        assertThat(last.headers().firstValue("Link")).isEmpty();
        assertThat(queries.get("/api/clusters/" + CLUSTER_ID + "/decisions?limit=0").status()).isEqualTo(400);
        assertThat(queries.get("/api/clusters/" + CLUSTER_ID + "/decisions?limit=1001").status()).isEqualTo(400);
        Response timelinePage = queries.get(YEARS + "/2017/timeline?after=2&limit=2");
        assertThat(timelinePage.body()).hasSize(2);
        assertThat(timelinePage.body().get(0)).isEqualTo(queries.get(YEARS + "/2017/timeline").body().get(2));
        assertThat(timelinePage.headers().firstValue("Link")).hasValueSatisfying(link ->
                assertThat(link).contains("after=4"));

        // The badge covers what is shown beside it, not only the hashed fields: each edit below is named.
        JdbcClient sql = apps.jdbc();
        for (String edit : List.of("minutes_ref = 'Biên bản giả'", "reason = 'Lý do khác'",
                "occurred_on = date '2017-01-01'", "rescinded_by = 'khong-co'", "year = 2019",
                "summary_vi = 'Một quyết định khác'", "summary_en = 'Another decision'")) {
            String column = edit.substring(0, edit.indexOf(' '));
            Object kept = sql.sql("select " + column + " from decision_log where cluster_id = ? and seq = 7")
                    .param(CLUSTER_ID).query().singleRow().get(column);
            sql.sql("update decision_log set " + edit + " where cluster_id = ? and seq = 7").param(CLUSTER_ID)
                    .update();
            JsonNode broken = queries.get("/api/clusters/" + CLUSTER_ID + "/decisions/verification").body();
            assertThat(broken.path("valid").asBoolean()).as(edit).isFalse();
            assertThat(broken.path("firstBrokenSeq").asLong()).as(edit).isEqualTo(7);
            sql.sql("update decision_log set " + column + " = ? where cluster_id = ? and seq = 7")
                    .params(kept, CLUSTER_ID).update();
        }
        assertThat(queries.get("/api/clusters/" + CLUSTER_ID + "/decisions/verification").body().path("valid")
                .asBoolean()).isTrue();
    }

    @Test
    @Order(5)
    void theLeadershipTimelineClustersAndUnitRecordAgree() {
        await().atMost(PATIENCE).untilAsserted(this::otherReadModelsAgree);
    }

    private void otherReadModelsAgree() {
        JsonNode leadership = queries.get("/api/clusters/" + CLUSTER_ID + "/leadership").body();
        assertThat(leadership.get(0).path("termYear").asInt()).isEqualTo(2018);
        assertThat(leadership.get(0).path("head").path("name").asString()).isEqualTo("Ban Tổ chức Tỉnh ủy Bắc Giang");

        JsonNode clusters = queries.get("/api/clusters").body();
        assertThat(clusters.get(0).path("memberCount").asInt()).isEqualTo(14);
        assertThat(clusters.get(0).path("head").path("unitId").asString()).isEqualTo(BAC_GIANG);
        assertThat(queries.get("/api/clusters/" + CLUSTER_ID).body().path("members")).hasSize(14);

        JsonNode timeline = queries.get(YEARS + "/2017/timeline").body();
        assertThat(timeline).hasSize(1 + 14 + 14 + 1 + 1 + 1);
        assertThat(timeline.get(0).path("text").path("en").asString()).startsWith("Emulation year 2017 opened");
        assertThat(timeline.get(1).path("text").path("vi").asString()).contains("ký giao ước thi đua năm 2017");

        JsonNode record = queries.get("/api/units/" + BAC_GIANG + "/record").body();
        assertThat(record.path("years")).hasSize(2);
        assertThat(record.path("years").get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(record.path("years").get(0).path("award").asString()).isEqualTo("EMULATION_FLAG");
        assertThat(record.path("years").get(1).path("office").asString()).isEqualTo("HEAD");
    }

    @Test
    @Order(6)
    void asOfShowsTheScoreboardAsItStood() {
        JsonNode then = queries.get(YEARS + "/2017/scoreboard?asOf=" + afterSignatures).body();
        assertThat(then.path("rows")).isEqualTo(scoreboardAfterSignatures.path("rows"));
        assertThat(then.path("status").asString()).isEqualTo("OPEN");

        assertThat(queries.get(YEARS + "/2018/scoreboard?asOf=" + beforeElection).body().path("head").isNull())
                .isTrue();
        assertThat(queries.get(YEARS + "/2018/scoreboard?asOf=" + afterElection).body().path("head")
                .path("name").asString()).isEqualTo("Ban Tổ chức Tỉnh ủy Bắc Giang");
        assertThat(queries.get(YEARS + "/2018/scoreboard?asOf=2016-01-01T00:00:00Z").status()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void aTamperedRowIsCaughtAtItsSeq() {
        jdbc.sql("update decision_log set payload = replace(payload, 'Bắc Giang', 'Bắc Ninh')"
                + " where cluster_id = ? and seq = 2").param(CLUSTER_ID).update();
        JsonNode verification = queries.get("/api/clusters/" + CLUSTER_ID + "/decisions/verification").body();
        assertThat(verification.path("valid").asBoolean()).isFalse();
        assertThat(verification.path("firstBrokenSeq").asLong()).isEqualTo(2);
    }

    @Test
    @Order(8)
    void aReplayRebuildsTheSameAnswersAndTheSameChain() {
        JsonNode scoreboard = queries.get(YEARS + "/2017/scoreboard").body();
        JsonNode timeline = queries.get(YEARS + "/2017/timeline").body();
        JsonNode leadership = queries.get("/api/clusters/" + CLUSTER_ID + "/leadership").body();
        JsonNode record = queries.get("/api/units/" + BAC_GIANG + "/record").body();
        List<String> hashes = new ArrayList<>();
        queries.get("/api/clusters/" + CLUSTER_ID + "/decisions").body()
                .forEach(entry -> hashes.add(entry.path("hash").asString()));
        // The folded models as the live processors built them, row by row, to compare with their rebuild beside.
        String folded = "select model, doc_key, versions, body from read_document where model in"
                + " ('scoreboard', 'leadership', 'unit-record', 'clusters', 'timeline') order by model, doc_key";
        List<Map<String, Object>> builtLive = apps.jdbc().sql(folded).query().listOfRows();
        String lines = "select * from timeline_entry order by cluster_id, year, event_id";
        List<Map<String, Object>> linesLive = apps.jdbc().sql(lines).query().listOfRows();
        // The tables rebuilt beside take the live ones' place by name, each index under the name it was created with.
        String indexes = "select tablename, indexname, regexp_replace(indexdef, ' ON .* USING ', ' USING ')"
                + " from pg_indexes where tablename in ('timeline_entry', 'timeline_entry_beside', 'decision_log',"
                + " 'decision_log_beside') order by tablename, indexname";
        List<Map<String, Object>> indexesBefore = apps.jdbc().sql(indexes).query().listOfRows();

        Set<String> announced = ConcurrentHashMap.newKeySet();
        apps.querySideBean(ReadModelChanges.class).subscribe(change -> {
            if (change.model().equals("scoreboard")) {
                announced.add(change.key());
            }
        });
        for (String model : List.of("scoreboard", "decision-log", "timeline", "leadership", "unit-record",
                "clusters")) {
            assertThat(queries.as(Http.COUNCIL).post("/api/admin/projections/" + model + "/replay", Map.of())
                    .status())
                    .isEqualTo(202);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode verification = queries.get("/api/clusters/" + CLUSTER_ID + "/decisions/verification").body();
            assertThat(verification.path("valid").asBoolean()).isTrue();
            assertThat(verification.path("headHash").asString()).isEqualTo(hashes.get(hashes.size() - 1));
        });
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode rebuilt = queries.get(YEARS + "/2017/scoreboard").body();
            assertThat(rebuilt.path("rows")).isEqualTo(scoreboard.path("rows"));
            assertThat(queries.get(YEARS + "/2017/timeline").body()).isEqualTo(timeline);
            assertThat(queries.get("/api/clusters/" + CLUSTER_ID + "/leadership").body()).isEqualTo(leadership);
            assertThat(queries.get("/api/units/" + BAC_GIANG + "/record").body()).isEqualTo(record);
            assertThat(apps.jdbc().sql("select count(*) from read_model_rebuild").query(Long.class).single())
                    .isZero();
        });
        assertThat(apps.jdbc().sql(folded).query().listOfRows()).as("rebuilt beside the live models, row by row")
                .isEqualTo(builtLive);
        assertThat(apps.jdbc().sql("select count(*) from read_document where model like '%-beside'")
                .query(Long.class).single()).as("no document left beside the live ones").isZero();
        // Answers kept from the documents replaced go: every document switched in is announced as changed.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(announced).containsAll(builtLive.stream()
                .filter(row -> row.get("model").equals("scoreboard")).map(row -> (String) row.get("doc_key"))
                .toList()));
        assertThat(apps.jdbc().sql(lines).query().listOfRows()).as("the timeline's lines rebuilt beside, row by row")
                .isEqualTo(linesLive);
        assertThat(apps.jdbc().sql("select count(*) from timeline_entry_beside").query(Long.class).single()).isZero();
        assertThat(apps.jdbc().sql("select count(*) from decision_log_beside").query(Long.class).single()).isZero();
        assertThat(apps.jdbc().sql(indexes).query().listOfRows()).isEqualTo(indexesBefore);
        List<String> rebuiltHashes = new ArrayList<>();
        queries.get("/api/clusters/" + CLUSTER_ID + "/decisions").body()
                .forEach(entry -> rebuiltHashes.add(entry.path("hash").asString()));
        assertThat(rebuiltHashes).isEqualTo(hashes);
        JsonNode projections = queries.get("/api/admin/projections").body();
        projections.forEach(projection -> assertThat(projection.path("status").asString()).isEqualTo("RUNNING"));
    }

    @Test
    @Order(9)
    void theStreamSendsTheScoreboardAgainAfterANewReport() {
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apps.queryPort() + YEARS
                + "/2018/scoreboard/stream")).header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (Http.VIEWER + ":" + Http.DEMO_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build();
        CompletableFuture<HttpResponse<Void>> stream = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(
                        new java.util.concurrent.Flow.Subscriber<String>() {
                            @Override
                            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                                subscription.request(Long.MAX_VALUE);
                            }

                            @Override
                            public void onNext(String line) {
                                lines.add(line);
                            }

                            @Override
                            public void onError(Throwable throwable) {
                            }

                            @Override
                            public void onComplete() {
                            }
                        }));
        try {
            await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")));
            accepted(commands.asOfficerOf("btc-lang-son").post(YEARS + "/2018/reports",
                    SeedRequests.report("btc-lang-son", 50, 30)));
            await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")
                    && line.contains("\"unitId\":\"btc-lang-son\",\"unitName\":\"Ban Tổ chức Tỉnh ủy Lạng Sơn\","
                    + "\"pledgeSigned\":false,\"reportFiled\":true")));
        } finally {
            stream.cancel(true);
        }
    }

    /** A user holds two live streams at most here (thidua.read.max-streams-per-user=2); another user is not held up. */
    @Test
    @Order(10)
    void aUserMayHoldBoundedLiveStreams() throws Exception {
        List<HttpResponse<Stream<String>>> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                held.add(openStream(Http.COUNCIL));
                assertThat(held.get(i).statusCode()).isEqualTo(200);
            }
            HttpResponse<Stream<String>> third = openStream(Http.COUNCIL);
            held.add(third);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.body().collect(Collectors.joining())).contains("TOO_MANY_STREAMS");
            HttpResponse<Stream<String>> another = openStream(Http.AUDITOR);
            held.add(another);
            assertThat(another.statusCode()).isEqualTo(200);
        } finally {
            held.forEach(response -> response.body().close());
        }
    }

    private HttpResponse<Stream<String>> openStream(String user) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + apps.queryPort() + YEARS + "/2018/scoreboard/stream")).header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (user + ":" + Http.DEMO_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** One read may wait here (thidua.read.max-waiting=1): while it waits, one more is answered 503 at once. */
    @Test
    @Order(10)
    void readsWaitingForTheirPositionAreBounded() {
        StreamingEventProcessor scoreboard = apps.querySideBean(EventProcessingConfiguration.class)
                .eventProcessor("scoreboard", StreamingEventProcessor.class).orElseThrow();
        scoreboard.shutDown();
        try {
            Map<String, Object> cluster = new HashMap<>(SeedRequests.formCluster());
            cluster.put("clusterId", "cum-cho-doc");
            long position = accepted(council.post("/api/clusters", cluster)).body().path("position").asLong();
            String read = YEARS + "/2017/scoreboard?minPosition=" + position;
            CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> queries.get(read));
            await().atMost(PATIENCE).until(() -> {
                long asked = System.nanoTime();
                Response another = queries.get(read);
                return another.status() == 503 && "READ_MODEL_BEHIND".equals(another.code())
                        && Duration.ofNanos(System.nanoTime() - asked).compareTo(Duration.ofMillis(1000)) < 0
                        && !waiting.isDone();
            });
            assertThat(waiting.join().code()).as("the one that waited, past the bound").isEqualTo("READ_MODEL_BEHIND");
        } finally {
            scoreboard.start();
        }
        await().atMost(PATIENCE).until(() -> queries.get(YEARS + "/2017/scoreboard?minPosition="
                + apps.jdbc().sql("select max(global_index) from domain_event_entry").query(Long.class).single())
                .status() == 200);
    }

    @Test
    @Order(10)
    void aReadThatCannotCatchUpAnswers503AndUnknownThings404() {
        long asked = System.nanoTime();
        Response behind = queries.get(YEARS + "/2017/scoreboard?minPosition=999999");
        assertThat(behind.status()).isEqualTo(503);
        assertThat(behind.code()).isEqualTo("READ_MODEL_BEHIND");
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("beyond the store's head: no wait for the bound")
                .isLessThan(Duration.ofMillis(2500));
        assertThat(queries.get("/api/clusters/cum-99").code()).isEqualTo("CLUSTER_NOT_FOUND");
        assertThat(queries.get(YEARS + "/2030/scoreboard").code()).isEqualTo("YEAR_NOT_FOUND");
        assertThat(queries.get("/api/units/btc-khong-co/record").code()).isEqualTo("UNIT_NOT_FOUND");
        assertThat(queries.get(YEARS + "/2017/scoreboard?asOf=hôm-qua").code()).isEqualTo("INVALID_INPUT");
        assertThat(queries.as(Http.COUNCIL).post("/api/admin/projections/khong-co/replay", Map.of()).code())
                .isEqualTo("PROJECTION_NOT_FOUND");
    }

    @Test
    @Order(11)
    void aSuccessorKeepsTheRecordOfTheUnitsMergedIntoIt() {
        accepted(council.post("/api/clusters/" + CLUSTER_ID + "/mergers", Map.of(
                "mergedUnitIds", List.of(BAC_GIANG, "btc-bac-ninh"),
                "successor", Map.of("unitId", "btc-bac-ninh", "name", "Ban Tổ chức Tỉnh ủy Bắc Ninh",
                        "province", "Bắc Ninh"),
                "effectiveDate", "2025-07-01", "reason", "Sắp xếp đơn vị hành chính cấp tỉnh")));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode successor = queries.get("/api/units/btc-bac-ninh/record").body();
            assertThat(successor.path("predecessors").path(0).asString()).isEqualTo(BAC_GIANG);
            List<String> lineage = new ArrayList<>();
            successor.path("years").forEach(year -> lineage.add(year.path("unitId").asString() + "/"
                    + year.path("year").asInt() + "/" + year.path("rank").asInt(0)));
            assertThat(lineage).contains(BAC_GIANG + "/2017/1", "btc-bac-ninh/2017/8");
            assertThat(queries.get("/api/units/" + BAC_GIANG + "/record").body().path("successor").asString())
                    .isEqualTo("btc-bac-ninh");
            JsonNode members = queries.get("/api/clusters/" + CLUSTER_ID).body().path("members");
            assertThat(members.findValuesAsString("status")).contains("MERGED");
        });
    }

    @Test
    @Order(12)
    void everyRoleReadsOnlyWhatItIsFor() {
        Http anonymous = new Http("http://127.0.0.1:" + apps.queryPort());
        List<String> everyRole = List.of(Http.COUNCIL, Http.SECRETARIAT, "can-bo-bac-giang", Http.AUDITOR,
                Http.VIEWER);
        List<String> recordKeepers = List.of(Http.COUNCIL, Http.SECRETARIAT, Http.AUDITOR);
        Map<String, List<String>> readers = new java.util.LinkedHashMap<>();
        readers.put("/api/clusters", everyRole);
        readers.put("/api/clusters/" + CLUSTER_ID, everyRole);
        readers.put("/api/clusters/" + CLUSTER_ID + "/leadership", everyRole);
        readers.put("/api/clusters/" + CLUSTER_ID + "/rotation", everyRole);
        readers.put(YEARS + "/2017/scoreboard", everyRole);
        readers.put("/api/units/" + BAC_GIANG + "/record", everyRole);
        readers.put("/api/clusters/" + CLUSTER_ID + "/decisions", recordKeepers);
        readers.put("/api/clusters/" + CLUSTER_ID + "/decisions/verification", recordKeepers);
        readers.put(YEARS + "/2017/timeline", recordKeepers);
        readers.put(YEARS + "/2017/scoreboard.csv", recordKeepers);
        readers.put(YEARS + "/2017/scoreboard.xlsx", recordKeepers);
        readers.put("/api/admin/projections", List.of(Http.COUNCIL, Http.AUDITOR));
        readers.forEach((path, allowed) -> {
            assertThat(anonymous.get(path).status()).as("anonymous " + path).isEqualTo(401);
            for (String role : everyRole) {
                int status = anonymous.as(role).get(path).status();
                assertThat(status).as(role + " " + path).isEqualTo(allowed.contains(role) ? 200 : 403);
            }
        });
        // A secretariat reads its own cluster's records only; auditors and the council read every cluster's.
        for (String other : List.of("/api/clusters/cum-3/decisions", "/api/clusters/cum-3/decisions/verification",
                "/api/clusters/cum-3/years/2017/timeline", "/api/clusters/cum-3/years/2017/scoreboard.csv",
                "/api/clusters/cum-3/years/2017/scoreboard.xlsx",
                "/api/clusters/cum-3/years/2017/documents/minutes.pdf")) {
            Response refused = anonymous.as(Http.SECRETARIAT).get(other);
            assertThat(refused.status()).as("thu-ky-cum-2 " + other).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("NOT_YOUR_CLUSTER");
            assertThat(anonymous.as(Http.AUDITOR).get(other).status()).as("auditor " + other).isIn(200, 404);
        }
        for (String role : everyRole) {
            int status = anonymous.as(role).post("/api/admin/projections/timeline/replay", Map.of()).status();
            assertThat(status).as(role + " replay").isEqualTo(role.equals(Http.COUNCIL) ? 202 : 403);
        }
        await().atMost(PATIENCE).until(() -> anonymous.as(Http.AUDITOR).get(YEARS + "/2017/timeline").status() == 200);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/metrics").status()).isEqualTo(401);
    }

    @Test
    @Order(13)
    void aPollingDashboardGets304UntilTheScoreboardChangesAndAReadOfItsOwnWriteIsFresh() throws Exception {
        String path = YEARS + "/2018/scoreboard";
        HttpResponse<String> first = viewerGet(path, null);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(Instant.parse(JSON.readTree(first.body()).path("asOf").asString()))
                .as("the live scoreboard stands at its latest event").isEqualTo(latestEventOf2018());

        HttpResponse<String> unchanged = viewerGet(path, etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        HttpResponse<byte[]> gzipped = HttpClient.newHttpClient().send(viewerRequest(path, null)
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzipped.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        try (var unzipped = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(unzipped.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("the gzipped answer is the same JSON").isEqualTo(first.body());
        }
        assertThat(HttpClient.newHttpClient().send(viewerRequest(path, gzipped.headers().firstValue("ETag")
                        .orElseThrow()).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(304);

        accepted(commands.asOfficerOf("btc-hung-yen").post(YEARS + "/2018/reports",
                SeedRequests.report("btc-hung-yen", 55, 30)));
        await().atMost(PATIENCE).until(() -> viewerGet(path, etag).statusCode() == 200);
        HttpResponse<String> changed = viewerGet(path, etag);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        JsonNode board = JSON.readTree(changed.body());
        assertThat(rowOf(board, "btc-hung-yen").path("reportFiled").asBoolean()).isTrue();
        assertThat(Instant.parse(board.path("asOf").asString())).isEqualTo(latestEventOf2018());

        long position = accepted(commands.asOfficerOf("btc-hai-duong").post(YEARS + "/2018/reports",
                SeedRequests.report("btc-hai-duong", 52, 30))).body().path("position").asLong();
        assertThat(rowOf(read(path, position), "btc-hai-duong").path("reportFiled").asBoolean())
                .as("a read with minPosition is not answered from what was kept before the write").isTrue();
    }

    @Test
    @Order(14)
    void aReadWithMinPositionSeesTheWriteOnEveryModelItTouchesAtOnce() {
        String cluster = "/api/clusters/" + CLUSTER_ID;
        JsonNode assessment = accepted(secretariat.post(YEARS + "/2018/reports/btc-hai-duong/assessment", Map.of(
                "scores", Map.of("chuyen-mon", 50, "phong-trao", 30), "bonusPoints", 0, "penaltyPoints", 0,
                "note", "Thẩm định chéo năm 2018"))).body();
        long assessed = assessment.path("position").asLong();
        assertThat(decisionIds(read(cluster + "/decisions", assessed)))
                .contains(assessment.path("decisionId").asString());
        assertThat(rowOf(read(YEARS + "/2018/scoreboard", assessed), "btc-hai-duong").path("assessedScore")
                .decimalValue()).isEqualByComparingTo("80");
        assertThat(read(YEARS + "/2018/timeline", assessed).findValuesAsString("type")).contains("ReportAssessed");

        JsonNode admission = accepted(council.post(cluster + "/members", Map.of("unitId", "btc-ha-noi",
                "name", "Ban Tổ chức Thành ủy Hà Nội", "province", "Hà Nội", "reason", "Điều chỉnh cụm"))).body();
        long admitted = admission.path("position").asLong();
        assertThat(decisionIds(read(cluster + "/decisions", admitted)))
                .contains(admission.path("decisionId").asString());
        assertThat(read(cluster, admitted).path("members").findValuesAsString("unitId")).contains("btc-ha-noi");
        assertThat(read("/api/units/btc-ha-noi/record", admitted).path("name").asString())
                .isEqualTo("Ban Tổ chức Thành ủy Hà Nội");
        int thisYear = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).getYear();
        assertThat(read(YEARS + "/" + thisYear + "/timeline", admitted).findValuesAsString("type"))
                .contains("UnitAdmitted");

        JsonNode election = accepted(secretariat.post(cluster + "/elections",
                SeedRequests.election(2018, "DEPUTY", "btc-hung-yen", 14, 12))).body();
        long elected = election.path("position").asLong();
        assertThat(decisionIds(read(cluster + "/decisions", elected)))
                .contains(election.path("decisionId").asString());
        assertThat(read(cluster + "/leadership", elected).findValuesAsString("unitId")).contains("btc-hung-yen");
        assertThat(read("/api/units/btc-hung-yen/record", elected).path("years").findValuesAsString("office"))
                .contains("DEPUTY");
        assertThat(read(YEARS + "/2018/timeline", elected).findValuesAsString("type"))
                .contains("DeputyHeadElected");
    }

    @Test
    @Order(16)
    void operatorsSeeEachReadModelsLagAndTheUnsealedEvents() {
        Response metrics = queries.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).containsPattern("thidua_read_model_lag\\{[^}]*model=\"scoreboard\"")
                .containsPattern("thidua_read_model_lag\\{[^}]*model=\"decision-log\"")
                .contains("thidua_ledger_unsealed");
        assertThat(queries.as(Http.VIEWER).get("/actuator/prometheus").status()).isEqualTo(403);
    }

    private static List<String> decisionIds(JsonNode log) {
        return log.findValuesAsString("decisionId");
    }

    /**
     * A unit's record takes events from every cluster: twelve clusters each merging two units into one successor
     * give it 24 predecessors, live and after every replay (segments sequenced by cluster lost some).
     */
    @Test
    @Order(15)
    void twelveMergersIntoOneSuccessorKeepEveryPredecessorLiveAndAfterReplays() {
        Map<String, Object> successor = Map.of("unitId", "btc-hop-nhat", "name", "Ban Tổ chức hợp nhất",
                "province", "Hà Nội");
        long last = 0;
        for (int k = 1; k <= 12; k++) {
            accepted(council.post("/api/clusters", Map.of("clusterId", "cum-hop-" + k, "name", "Cụm hợp nhất " + k,
                    "sector", SeedCluster.SECTOR, "members", List.of(
                            Map.of("unitId", "dv-" + k + "-a", "name", "Đơn vị " + k + "A", "province", "Hà Nội"),
                            Map.of("unitId", "dv-" + k + "-b", "name", "Đơn vị " + k + "B", "province", "Hà Nội")))));
        }
        for (int k = 1; k <= 12; k++) {
            last = accepted(council.post("/api/clusters/cum-hop-" + k + "/mergers", Map.of(
                    "mergedUnitIds", List.of("dv-" + k + "-a", "dv-" + k + "-b"), "successor", successor,
                    "effectiveDate", "2025-07-01", "reason", "Sắp xếp đơn vị"))).body().path("position").asLong();
        }
        String record = "/api/units/btc-hop-nhat/record";
        assertThat(read(record, last).path("predecessors")).hasSize(24);
        for (int replay = 1; replay <= 5; replay++) {
            assertThat(queries.as(Http.COUNCIL).post("/api/admin/projections/unit-record/replay", Map.of())
                    .status()).isEqualTo(202);
            long through = last;
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(apps.jdbc().sql("select count(*) from read_model_rebuild").query(Long.class).single())
                        .as("rebuilt beside the live model and switched").isZero();
                Response rebuilt = queries.get(record + "?minPosition=" + through);
                assertThat(rebuilt.status()).as(rebuilt.raw()).isEqualTo(200);
                assertThat(rebuilt.body().path("predecessors")).hasSize(24);
            });
        }
    }

    /**
     * The 2025 reorganisation, dated as it happened: a unit moves from one cluster to another, the first cluster then
     * merges into the second, which amends its rules from 2026. The cluster pages show the lineage both ways, the
     * unit's record the days and decisions by which it joined and left each cluster, the log every decision.
     */
    @Test
    @Order(17)
    void aReorganisationShowsOnBothClustersAndTheUnitsRecord() {
        Map<String, Object> oldBoard = Map.of("unitId", "btc-ha-tay", "name", "Ban Tổ chức Tỉnh ủy Hà Tây",
                "province", "Hà Tây");
        Map<String, Object> movingBoard = Map.of("unitId", "btc-vinh-phuc", "name", "Ban Tổ chức Tỉnh ủy Vĩnh Phúc",
                "province", "Vĩnh Phúc");
        Map<String, Object> stayingBoard = Map.of("unitId", "btc-phu-tho", "name", "Ban Tổ chức Tỉnh ủy Phú Thọ",
                "province", "Phú Thọ");
        accepted(council.post("/api/clusters", Map.of("clusterId", "cum-cu", "name", "Cụm thi đua cũ",
                "sector", SeedCluster.SECTOR, "members", List.of(oldBoard, movingBoard),
                "occurredOn", "2017-01-05")));
        accepted(council.post("/api/clusters", Map.of("clusterId", "cum-moi", "name", "Cụm thi đua mới",
                "sector", SeedCluster.SECTOR, "members", List.of(stayingBoard), "occurredOn", "2017-01-05")));
        accepted(council.post("/api/clusters/cum-cu/transfers", Map.of("unitId", "btc-vinh-phuc",
                "toClusterId", "cum-moi", "reason", "Sắp xếp lại cụm thi đua", "occurredOn", "2025-07-01")));
        accepted(council.post("/api/clusters/cum-cu/dissolution", Map.of("successorClusterId", "cum-moi",
                "reason", "Hợp nhất cụm", "occurredOn", "2025-08-01")));
        accepted(council.post("/api/clusters/cum-moi/roster", Map.of("unitIds", List.of("btc-ha-tay",
                "btc-vinh-phuc", "btc-phu-tho"), "reason", "Thứ tự luân phiên theo quy chế của cụm")));
        long last = accepted(council.post("/api/clusters/cum-moi/rules/amendments", Map.of(
                "effectiveFromYear", 2026, "minutesRef", "Biên bản số 03/BB-HĐTĐKT", "reason", "Quy chế mới",
                "rules", Map.of("quorumNumerator", 2, "quorumDenominator", 3, "majorityNumerator", 1,
                        "majorityDenominator", 2, "headRotation", true, "flagQuotaPercent", 20,
                        "headSelection", "ROTATION", "flagCap", Map.of("count", 1)))))
                .body().path("position").asLong();

        JsonNode dissolved = read("/api/clusters/cum-cu", last);
        assertThat(dissolved.path("status").asString()).isEqualTo("DISSOLVED");
        assertThat(dissolved.path("successor").asString()).isEqualTo("cum-moi");
        assertThat(dissolved.path("members").findValuesAsString("toClusterId")).containsOnly("cum-moi");
        JsonNode successor = read("/api/clusters/cum-moi", last);
        assertThat(successor.path("predecessors").path(0).asString()).isEqualTo("cum-cu");
        assertThat(successor.path("members").findValuesAsString("fromClusterId")).containsOnly("cum-cu");
        assertThat(successor.path("rulesInForce").path(1).path("fromYear").asInt()).isEqualTo(2026);
        assertThat(successor.path("rulesInForce").path(1).path("rules").path("flagCap").path("count").asInt())
                .isEqualTo(1);
        JsonNode atFormation = successor.path("rulesInForce").path(0);
        assertThat(atFormation.at("/votesInForce/EMULATION_FLAG/basis").asString())
                .as("defaults resolved: more than half of those present").isEqualTo("PRESENT");
        assertThat(atFormation.at("/votesInForce/EMULATION_FLAG/strictlyMore").asBoolean()).isTrue();
        assertThat(atFormation.at("/flagCapInForce/percentOfRanked").asInt()).isEqualTo(20);
        assertThat(successor.path("rulesInForce").path(1).path("headSelectionInForce").asString())
                .isEqualTo("ROTATION");

        JsonNode stays = read("/api/units/btc-vinh-phuc/record", last).path("clusters");
        assertThat(stays.path(0).path("clusterId").asString()).isEqualTo("cum-cu");
        assertThat(stays.path(0).path("until").asString()).isEqualTo("2025-07-01");
        assertThat(stays.path(0).path("leftBy").asString()).isEqualTo("UnitTransferredOut");
        assertThat(stays.path(1).path("from").asString()).isEqualTo("2025-07-01");
        assertThat(stays.path(1).path("fromClusterId").asString()).isEqualTo("cum-cu");
        JsonNode merged = read("/api/units/btc-ha-tay/record", last).path("clusters");
        assertThat(merged.findValuesAsString("joinedBy")).containsExactly("ClusterFormed", "ClustersMerged");
        assertThat(merged.path(1).path("from").asString()).isEqualTo("2025-08-01");

        JsonNode rotation = read("/api/clusters/cum-moi/rotation", last);
        assertThat(rotation.path("roster").findValuesAsString("unitId")).containsExactly("btc-ha-tay",
                "btc-vinh-phuc", "btc-phu-tho");
        assertThat(rotation.path("nextInRotation").path("unitId").asString()).isEqualTo("btc-ha-tay");

        JsonNode log = read("/api/clusters/cum-moi/decisions", last);
        assertThat(log.findValuesAsString("type")).containsExactly("ClusterFormed", "UnitTransferredIn",
                "ClustersMerged", "RotationRosterSet", "ClusterRulesAmended");
        assertThat(log.path(4).path("minutesRef").asString()).isEqualTo("Biên bản số 03/BB-HĐTĐKT");
        assertThat(log.path(4).path("year").asInt()).isEqualTo(2026);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(queries.get("/api/clusters/cum-moi/decisions/verification")
                .body().path("valid").asBoolean()).isTrue());
    }

    /**
     * A year replayed on demand: its sealed events folded afresh equal the live scoreboard, cluster page, leadership
     * and timeline; a scoreboard document, a leadership document and a timeline line edited in the database are each
     * named with what the live model and the replay say; only auditors and the council may ask.
     */
    @Test
    @Order(18)
    void aYearReplayedOnDemandEqualsTheLiveModelsAndNamesWhatWasEditedInThem() {
        JsonNode replayed = queries.post(YEARS + "/2017/replay", Map.of()).body();
        assertThat(replayed.path("equal").asBoolean()).as(replayed.toString()).isTrue();
        assertThat(replayed.path("differences")).isEmpty();
        assertThat(replayed.path("eventsReplayed").asLong()).isGreaterThan(20);
        assertThat(apps.queries().as(Http.VIEWER).post(YEARS + "/2017/replay", Map.of()).status()).isEqualTo(403);
        assertThat(queries.post(YEARS + "/1999/replay", Map.of()).code()).isEqualTo("YEAR_NOT_FOUND");
        // As things stood: now by the record's clock, today by the acts' days, and before any of them.
        for (String moment : List.of("?asOf=" + Instant.now(), "?asOfDate=" + LocalDate.now(ActDate.ZONE),
                "?asOfDate=2000-01-01")) {
            JsonNode then = queries.post(YEARS + "/2017/replay" + moment, Map.of()).body();
            assertThat(then.path("equal").asBoolean()).as(moment + ": " + then).isTrue();
            assertThat(then.path("eventsReplayed").asLong() > 0).as(moment).isEqualTo(!moment.contains("2000"));
        }

        JdbcClient sql = apps.jdbc();
        String key = CLUSTER_ID + ":2017";
        String board = sql.sql("select body from read_document where model = 'scoreboard' and doc_key = ?")
                .param(key).query(String.class).single();
        String line = sql.sql("select event_id from timeline_entry where cluster_id = ? and year = 2017 limit 1")
                .param(CLUSTER_ID).query(String.class).single();
        String words = sql.sql("select text_vi from timeline_entry where event_id = ?").param(line)
                .query(String.class).single();
        sql.sql("update read_document set body = replace(body, '\"btc-bac-giang\"', '\"btc-gia-mao\"')"
                + " where model = 'scoreboard' and doc_key = ?").param(key).update();
        sql.sql("update timeline_entry set text_vi = 'Sự kiện đã bị sửa' where event_id = ?").param(line).update();
        String heads = sql.sql("select body from read_document where model = 'leadership' and doc_key = ?")
                .param(CLUSTER_ID).query(String.class).single();
        sql.sql("update read_document set body = replace(body, '\"btc-bac-giang\"', '\"btc-gia-mao\"')"
                + " where model = 'leadership' and doc_key = ?").param(CLUSTER_ID).update();
        try {
            JsonNode edited = queries.post(YEARS + "/2017/replay", Map.of()).body();
            assertThat(edited.path("equal").asBoolean()).isFalse();
            assertThat(edited.path("differences").findValuesAsString("model"))
                    .contains("scoreboard", "timeline", "leadership");
            assertThat(edited.path("differences").findValuesAsString("key")).contains(key + "/" + line);
            assertThat(edited.path("differences").toString()).contains("btc-gia-mao", "Sự kiện đã bị sửa");
        } finally {
            sql.sql("update read_document set body = ? where model = 'leadership' and doc_key = ?")
                    .params(heads, CLUSTER_ID).update();
            sql.sql("update read_document set body = ? where model = 'scoreboard' and doc_key = ?").params(board, key)
                    .update();
            sql.sql("update timeline_entry set text_vi = ? where event_id = ?").params(words, line).update();
        }
        assertThat(queries.post(YEARS + "/2017/replay", Map.of()).body().path("equal").asBoolean()).isTrue();
    }

    /**
     * The scoreboard's processor keeps the documents of its last batches in memory between batches; one replaced in
     * the database since (by another replica, a rebuild's switch: each save gives a new revision) is read again before
     * the next event is folded into it, never overwritten from the copy in memory.
     */
    @Test
    @Order(19)
    void aDocumentReplacedSinceTheLastBatchIsTheOneTheNextEventFoldsInto() {
        List<String> units = new ArrayList<>();
        queries.get(YEARS + "/2018/scoreboard").body().path("rows").forEach(row -> {
            if (!row.hasNonNull("participationEnded") && !row.path("pledgeSigned").asBoolean()) {
                units.add(row.path("unitId").asString());
            }
        });
        assertThat(units).as("members of 2018 yet to sign the pledge").hasSizeGreaterThanOrEqualTo(3);
        String key = CLUSTER_ID + ":2018";
        read(YEARS + "/2018/scoreboard", accepted(commands.asOfficerOf(units.get(0))
                .post(YEARS + "/2018/pledge/signatures", SeedRequests.signature(units.get(0))))
                .body().path("position").asLong());
        JdbcClient sql = apps.jdbc();
        String name = rowOf(queries.get(YEARS + "/2018/scoreboard").body(), units.get(1)).path("unitName")
                .asString();
        assertThat(sql.sql("update read_document set body = replace(body, ?, ?), revision = revision + 1"
                        + " where model = 'scoreboard' and doc_key = ?")
                .params("\"" + name + "\"", "\"" + name + " (ghi ở bản sao khác)\"", key).update()).isOne();

        JsonNode board = read(YEARS + "/2018/scoreboard", accepted(commands.asOfficerOf(units.get(2))
                .post(YEARS + "/2018/pledge/signatures", SeedRequests.signature(units.get(2))))
                .body().path("position").asLong());
        assertThat(rowOf(board, units.get(1)).path("unitName").asString()).isEqualTo(name + " (ghi ở bản sao khác)");
        assertThat(rowOf(board, units.get(0)).path("pledgeSigned").asBoolean()).isTrue();
        assertThat(rowOf(board, units.get(2)).path("pledgeSigned").asBoolean()).isTrue();
    }

    /** A year of the decision log is kept between reads, and read again once the cluster's log has changed. */
    @Test
    @Order(20)
    void aYearOfTheDecisionLogReadAgainShowsADecisionRecordedSince() {
        String year = "/api/clusters/" + CLUSTER_ID + "/decisions?year=2018";
        int before = queries.get(year).body().size();
        assertThat(queries.get(year).body().size()).isEqualTo(before);
        accepted(secretariat.post(YEARS + "/2018/reports/btc-hai-duong/assessment", Map.of(
                "scores", Map.of("chuyen-mon", 52, "phong-trao", 30), "bonusPoints", 0, "penaltyPoints", 0,
                "note", "Thẩm định lại năm 2018")));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(queries.get(year).body().size())
                .isEqualTo(before + 1));
    }

    private HttpResponse<String> viewerGet(String path, String ifNoneMatch) throws Exception {
        return HttpClient.newHttpClient().send(viewerRequest(path, ifNoneMatch).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder viewerRequest(String path, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apps.queryPort() + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (Http.VIEWER + ":" + Http.DEMO_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return request;
    }

    /** The year's latest event, later than the elections for 2018 the scoreboard also folds. */
    private Instant latestEventOf2018() {
        return Instant.parse(jdbc.sql("select max(time_stamp) from domain_event_entry where aggregate_identifier = ?")
                .param(CLUSTER_ID + ":2018").query(String.class).single());
    }

    private static JsonNode rowOf(JsonNode board, String unitId) {
        for (JsonNode row : board.path("rows")) {
            if (row.path("unitId").asString().equals(unitId)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + unitId + " in " + board);
    }
}
