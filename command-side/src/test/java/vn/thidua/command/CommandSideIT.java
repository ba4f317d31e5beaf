package vn.thidua.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.thidua.command.support.Http;
import vn.thidua.command.support.Http.Response;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.command.support.TestDatabase;

/**
 * The seed story over HTTP against a real PostgreSQL: Cụm thi đua số 2 is formed with its 14 boards, opens 2017 and
 * 2018, signs, reports, ranks and elects the Bắc Giang board as head for 2018; every wrong move is refused with its
 * status and code and appends nothing; the events read back as JSON a person can read with SQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandSideIT {

    private static final String YEARS = "/api/clusters/" + CLUSTER_ID + "/years";
    private static final String UNREPORTED = "btc-thai-binh";
    private static final String DASHBOARD = "https://dashboard.example.gov.vn";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "command_side_it");
        registry.add("thidua.security.cors-origins", () -> DASHBOARD);
        // No query side runs beside this one: the port answers nobody.
        registry.add("thidua.query-side-url", () -> "http://127.0.0.1:9");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore eventStore;

    private Http council;
    private Http secretariat;
    private Http anonymous;

    @BeforeAll
    void client() {
        anonymous = new Http("http://127.0.0.1:" + port);
        council = anonymous.as(Http.COUNCIL);
        secretariat = anonymous.as(Http.SECRETARIAT);
    }

    private Http officer(String unitId) {
        return anonymous.asOfficerOf(unitId);
    }

    private long eventCount() {
        return jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
    }

    private void assertRefused(Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
    }

    /** Sends a request that must be refused, and checks that nothing was appended. */
    private Response refused(Response response, int status, String code, long eventsBefore) {
        assertRefused(response, status, code);
        assertThat(eventCount()).as("events after a refused command").isEqualTo(eventsBefore);
        return response;
    }

    @Test
    @Order(1)
    void theSeedStoryIsAccepted() {
        Response formed = council.post("/api/clusters", SeedRequests.formCluster());
        assertThat(formed.status()).as(formed.raw()).isEqualTo(201);
        assertThat(formed.body().path("version").asLong()).isZero();
        assertThat(formed.body().path("decisionId").asString()).isNotBlank();

        assertThat(council.post(YEARS, SeedRequests.openYear(2017)).status()).isEqualTo(201);
        assertThat(council.post(YEARS, SeedRequests.openYear(2018)).status()).isEqualTo(201);

        List<String> units = SeedCluster.unitIds();
        for (String unitId : units) {
            Response signed = officer(unitId).post(YEARS + "/2017/pledge/signatures", SeedRequests.signature(unitId));
            assertThat(signed.status()).as(signed.raw()).isEqualTo(201);
        }
        for (int i = 0; i < units.size(); i++) {
            if (!units.get(i).equals(UNREPORTED)) {
                Response filed = officer(units.get(i)).post(YEARS + "/2017/reports", SeedRequests.report(units.get(i), 58 - i, "35.5"));
                assertThat(filed.status()).as(filed.raw()).isEqualTo(201);
            }
        }
        Response ranked = secretariat.post(YEARS + "/2017/ranking", Map.of("note", "Hội nghị tổng kết năm 2017"));
        assertThat(ranked.status()).as(ranked.raw()).isEqualTo(200);
        assertThat(ranked.body().path("version").asLong()).isEqualTo(1 + 14 + 13);

        Response elected = secretariat.post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2018, "HEAD", BAC_GIANG, 14, 13));
        assertThat(elected.status()).as(elected.raw()).isEqualTo(201);
        assertThat(elected.body().path("version").asLong()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void wrongMovesAreRefusedInTheClustersWordsAndAppendNothing() {
        assertThat(council.post("/api/clusters/" + CLUSTER_ID + "/members/" + UNREPORTED + "/withdrawal",
                Map.of("reason", "Chuyển sang cụm thi đua khác")).status()).isEqualTo(200);
        assertThat(council.post(YEARS, SeedRequests.openYear(2019)).status()).isEqualTo(201);
        assertThat(council.post("/api/clusters/" + CLUSTER_ID + "/members", Map.of("unitId", UNREPORTED,
                "name", "Ban Tổ chức Tỉnh ủy Thái Bình", "province", "Thái Bình", "reason", "Trở lại cụm"))
                .status()).isEqualTo(200);
        long before = eventCount();
        String elections = "/api/clusters/" + CLUSTER_ID + "/elections";

        // Back in the cluster, but after 2019 opened without it: a member, not a participant of that year.
        refused(officer(UNREPORTED).post(YEARS + "/2019/pledge/signatures", SeedRequests.signature(UNREPORTED)),
                409, "NOT_A_PARTICIPANT", before);
        refused(officer(BAC_GIANG).post(YEARS + "/2017/pledge/signatures", SeedRequests.signature(BAC_GIANG)),
                409, "ALREADY_SIGNED", before);
        Response tooHigh = refused(officer(BAC_GIANG).post(YEARS + "/2018/reports", SeedRequests.report(BAC_GIANG, 61, 30)),
                409, "SCORE_OUT_OF_RANGE", before);
        assertThat(tooHigh.body().path("messages").path("vi").asString()).contains("chuyen-mon", "61", "60");
        refused(secretariat.post(elections, SeedRequests.election(2019, "HEAD", "btc-hung-yen", 8, 8)),
                409, "QUORUM_NOT_MET", before);
        refused(secretariat.post(elections, SeedRequests.election(2019, "HEAD", "btc-hung-yen", 14, 7)),
                409, "MAJORITY_NOT_REACHED", before);
        refused(secretariat.post(elections, SeedRequests.election(2019, "HEAD", "btc-ha-noi", 14, 14)),
                409, "NOT_A_MEMBER", before);
        refused(secretariat.post(elections, SeedRequests.election(2018, "HEAD", "btc-hung-yen", 14, 14)),
                409, "OFFICE_ALREADY_FILLED", before);
        refused(officer(UNREPORTED).post(YEARS + "/2017/reports", SeedRequests.report(UNREPORTED, 50, 30)),
                409, "RANKING_FINALIZED", before);
        refused(council.post("/api/clusters", SeedRequests.formCluster()), 409, "CLUSTER_EXISTS", before);
        refused(council.post(YEARS, SeedRequests.openYear(2017)), 409, "YEAR_ALREADY_OPENED", before);
    }

    /** Issuing a document needs the query side to print it: without an answer, 503 and nothing is recorded. */
    @Test
    @Order(17)
    void aDocumentThatCannotBePrintedIsNotIssued() {
        long before = eventCount();
        Response issued = secretariat.post(YEARS + "/2017/documents", Map.of("kind", "MINUTES", "number", 2,
                "symbol", "BB-CTĐ2", "occurredOn", java.time.LocalDate.now().toString(), "place", "Bắc Giang"));
        assertThat(issued.status()).as(issued.raw()).isEqualTo(503);
        assertThat(issued.code()).isEqualTo("DOCUMENT_PRINTER_UNAVAILABLE");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    @Order(16)
    void refusalsAreCountedByCodeForOperatorsAndMetricsAreNotForEveryone() {
        Response metrics = anonymous.as(Http.AUDITOR).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).containsPattern("thidua_commands_refused_total\\{[^}]*code=\"QUORUM_NOT_MET\"")
                .contains("http_server_requests_seconds");
        assertThat(anonymous.as(Http.SECRETARIAT).get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void unknownThingsAre404() {
        long before = eventCount();
        refused(council.post("/api/clusters/cum-99/years", SeedRequests.openYear(2017)),
                404, "CLUSTER_NOT_FOUND", before);
        refused(secretariat.post(YEARS + "/2030/ranking", Map.of()), 404, "YEAR_NOT_FOUND", before);
        refused(council.post("/api/clusters/cum-99/members", Map.of("unitId", BAC_GIANG, "name", "Ban Tổ chức",
                "province", "Bắc Giang", "reason", "?")), 404, "CLUSTER_NOT_FOUND", before);
        refused(council.post("/api/clusters/" + CLUSTER_ID + "/members/btc-khong-co/withdrawal",
                Map.of("reason", "?")), 404, "UNIT_NOT_FOUND", before);
        refused(council.post("/api/clusters/" + CLUSTER_ID + "/decisions/khong-co/rescission",
                Map.of("reason", "?")), 404, "DECISION_NOT_FOUND", before);
    }

    @Test
    @Order(4)
    void invalidInputIs400WithTheFieldsNamed() {
        long before = eventCount();
        refused(officer(BAC_GIANG).post(YEARS + "/2018/pledge/signatures", "{\"unitId\": \"btc-bac-giang\", "),
                400, "MALFORMED_REQUEST", before);
        Response wrongType = refused(officer(BAC_GIANG).post(YEARS + "/2018/reports", SeedRequests.report(BAC_GIANG, "năm mươi", 30)),
                400, "MALFORMED_REQUEST", before);
        assertThat(wrongType.body().path("errors").get(0).path("field").asString())
                .isEqualTo("selfScores.chuyen-mon");
        Response unknownOffice = refused(secretariat.post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2019, "CHAIRMAN", BAC_GIANG, 14, 14)), 400, "MALFORMED_REQUEST", before);
        assertThat(unknownOffice.body().path("errors").get(0).path("field").asString()).isEqualTo("office");
        Response missing = refused(officer(BAC_GIANG).post(YEARS + "/2018/pledge/signatures", Map.of("unitId", BAC_GIANG)),
                400, "INVALID_INPUT", before);
        assertThat(missing.body().path("errors").get(0).path("field").asString()).isEqualTo("signatory");
        Response outOfRange = refused(council.post(YEARS, Map.of("year", 1890)), 400, "INVALID_INPUT", before);
        assertThat(outOfRange.body().path("errors").findValuesAsString("field")).contains("year", "scoringTable");
        Response negative = refused(officer(BAC_GIANG).post(YEARS + "/2018/reports", SeedRequests.report(BAC_GIANG, -5, 30)),
                400, "INVALID_INPUT", before);
        assertThat(negative.body().path("errors").get(0).path("field").asString()).contains("selfScores");
        refused(secretariat.post("/api/clusters/Cụm-2/years/2018/ranking", Map.of()), 400, "INVALID_INPUT", before);
        refused(secretariat.post("/api/clusters/" + CLUSTER_ID + "/years/hai-nghin/ranking", Map.of()),
                400, "INVALID_INPUT", before);
        for (Object day : new Object[] {"2018-02-30", "hôm qua", 20180210}) {
            Map<String, Object> dated = new java.util.HashMap<>(SeedRequests.signature(BAC_GIANG));
            dated.put("occurredOn", day);
            Response badDay = refused(officer(BAC_GIANG).post(YEARS + "/2018/pledge/signatures", dated), 400,
                    "INVALID_INPUT", before);
            assertThat(badDay.body().path("errors").get(0).path("field").asString()).isEqualTo("occurredOn");
        }
        Map<String, Object> tomorrow = new java.util.HashMap<>(SeedRequests.signature(BAC_GIANG));
        tomorrow.put("occurredOn", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(2)
                .toString());
        refused(officer(BAC_GIANG).post(YEARS + "/2018/pledge/signatures", tomorrow), 409, "OCCURRED_IN_FUTURE",
                before);
    }

    @Test
    @Order(5)
    void theEventsReadBackAsJsonThatSqlCanRead() {
        assertThat(eventStore.readEvents(CLUSTER_ID).asStream().map(EventMessage::getPayloadType)
                .map(Class::getSimpleName).toList())
                .containsExactly("ClusterFormed", "ClusterHeadElected", "UnitWithdrawn", "UnitAdmitted");

        Map<String, Object> formed = jdbc.sql("""
                        select payload::jsonb ->> 'name' as name,
                               payload::jsonb -> 'members' -> 0 ->> 'name' as first_member,
                               jsonb_array_length(payload::jsonb -> 'members') as members
                        from domain_event_entry where payload_type = 'vn.thidua.events.cluster.ClusterFormed'""")
                .query().singleRow();
        assertThat(formed).containsEntry("name", "Cụm thi đua số 2")
                .containsEntry("first_member", "Ban Tổ chức Tỉnh ủy Bắc Giang")
                .containsEntry("members", 14);

        String opened = jdbc.sql("select payload from domain_event_entry where aggregate_identifier = 'cum-2:2017'"
                + " and sequence_number = 0").query(String.class).single();
        assertThat(opened).contains("\"pledgeDeadline\":\"2017-03-31\"", "\"maxPoints\":60");

        Map<String, Object> report = jdbc.sql("""
                        select payload::jsonb -> 'selfScore' ->> 'total' as total,
                               meta_data::jsonb ->> 'correlationId' as correlation
                        from domain_event_entry
                        where payload_type = 'vn.thidua.events.year.AnnualReportFiled'
                          and payload::jsonb ->> 'unitId' = 'btc-bac-giang'""").query().singleRow();
        assertThat(report.get("total")).isEqualTo("94.5");
        assertThat(report.get("correlation")).isNotNull();
    }

    @Test
    @Order(6)
    void theGlobalIndexHasNoGapsAfterSequentialAppends() {
        Map<String, Object> index = jdbc.sql(
                "select count(*) as n, min(global_index) as first, max(global_index) as last from domain_event_entry"
                        + " where global_index < (select min(global_index) from domain_event_entry e"
                        + " where e.payload_type like '%ClusterHeadElected')").query().singleRow();
        long count = ((Number) index.get("n")).longValue();
        assertThat(count).isEqualTo(1 + 2 + 14 + 13 + 1);
        assertThat(((Number) index.get("last")).longValue() - ((Number) index.get("first")).longValue() + 1)
                .isEqualTo(count);
    }

    @Test
    @Order(7)
    void aDecisionAndItsDirectoryRowCommitTogetherOrNotAtAll() {
        long before = eventCount();
        jdbc.sql("alter table decision_directory rename to decision_directory_away").update();
        try {
            Response failed = secretariat.post("/api/clusters/" + CLUSTER_ID + "/elections",
                    SeedRequests.election(2018, "DEPUTY", "btc-hung-yen", 14, 14));
            assertThat(failed.status()).as(failed.raw()).isGreaterThanOrEqualTo(500);
            assertThat(eventCount()).isEqualTo(before);
        } finally {
            jdbc.sql("alter table decision_directory_away rename to decision_directory").update();
        }
        Response elected = secretariat.post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2018, "DEPUTY", "btc-hung-yen", 14, 14));
        assertThat(elected.status()).as(elected.raw()).isEqualTo(201);
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    @Order(8)
    void aRaceOnOneAggregateIsAConflictNotAStorageFailure() {
        String stream = "race-" + System.nanoTime();
        eventStore.publish(new GenericDomainEventMessage<>("Race", stream, 0, "first"));
        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("Race", stream, 0, "again")))
                .isInstanceOf(AggregateStreamCreationException.class);
        eventStore.publish(new GenericDomainEventMessage<>("Race", stream, 1, "second"));
        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("Race", stream, 1, "again")))
                .isInstanceOf(ConcurrencyException.class);
    }

    @Test
    @Order(9)
    void aDecisionCanBeRescindedAndTheOfficeFilledAgain() {
        String deputy = jdbc.sql("select decision_id from decision_directory where decision_type = 'DeputyHeadElected'")
                .query(String.class).single();
        Response rescinded = council.post("/api/clusters/" + CLUSTER_ID + "/decisions/" + deputy + "/rescission",
                Map.of("reason", "Biên bản kiểm phiếu ghi sai số phiếu"));
        assertThat(rescinded.status()).as(rescinded.raw()).isEqualTo(200);
        assertRefused(council.post("/api/clusters/" + CLUSTER_ID + "/decisions/" + deputy + "/rescission",
                Map.of("reason", "lần hai")), 409, "ALREADY_RESCINDED");
        Response again = secretariat.post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2018, "DEPUTY", "btc-hai-duong", 14, 12));
        assertThat(again.status()).as(again.raw()).isEqualTo(201);

        String ranking = jdbc.sql("select decision_id from decision_directory where decision_type = 'RankingFinalized'")
                .query(String.class).single();
        Response unranked = council.post("/api/clusters/" + CLUSTER_ID + "/decisions/" + ranking + "/rescission",
                Map.of("reason", "Chấm điểm lại"));
        assertThat(unranked.status()).as(unranked.raw()).isEqualTo(200);
        assertThat(unranked.body().path("year").asInt()).isEqualTo(2017);
        Map<String, Object> amended = new java.util.HashMap<>(SeedRequests.report(BAC_GIANG, 57, 30));
        amended.put("reason", "Bổ sung minh chứng sau khi hủy xếp hạng");
        Response reopened = officer(BAC_GIANG).put(YEARS + "/2017/reports/" + BAC_GIANG, amended);
        assertThat(reopened.status()).as(reopened.raw()).isEqualTo(200);
        // Thái Bình withdrew while 2017 was under way: it stopped taking part, whatever reopens.
        assertRefused(officer(UNREPORTED).post(YEARS + "/2017/reports", SeedRequests.report(UNREPORTED, 50, 30)),
                409, "PARTICIPATION_ENDED");
    }

    @Test
    @Order(10)
    void anonymousWritesAre401AndAnOfficerCannotActForAnotherUnit() {
        long before = eventCount();
        Response anonymousWrite = refused(anonymous.post(YEARS + "/2018/pledge/signatures",
                SeedRequests.signature(BAC_GIANG)), 401, "UNAUTHENTICATED", before);
        assertThat(anonymousWrite.body().path("messages").path("vi").asString()).contains("đăng nhập");
        refused(anonymous.as("hoi-dong-gia").post("/api/clusters", SeedRequests.formCluster()),
                401, "UNAUTHENTICATED", before);
        refused(officer(BAC_GIANG).post(YEARS + "/2018/reports", SeedRequests.report("btc-hung-yen", 50, 30)),
                403, "NOT_YOUR_UNIT", before);
        refused(officer(BAC_GIANG).put(YEARS + "/2017/reports/btc-hung-yen", SeedRequests.report("btc-hung-yen",
                50, 30)), 403, "NOT_YOUR_UNIT", before);
        refused(officer(BAC_GIANG).put(YEARS + "/2018/reports/" + BAC_GIANG, SeedRequests.report("btc-hung-yen",
                50, 30)), 400, "UNIT_MISMATCH", before);
        refused(officer(BAC_GIANG).put(YEARS + "/2018/reports/" + BAC_GIANG, SeedRequests.report(BAC_GIANG,
                50, 30)), 400, "AMENDMENT_REASON_MISSING", before);
        refused(anonymous.as(Http.VIEWER).post(YEARS + "/2018/ranking", Map.of()), 403, "FORBIDDEN", before);
        refused(council.post(YEARS + "/2018/ranking", Map.of()), 403, "FORBIDDEN", before);
        refused(secretariat.post("/api/clusters/cum-99/elections", SeedRequests.election(2019, "HEAD", BAC_GIANG,
                14, 14)), 403, "NOT_YOUR_CLUSTER", before);
    }

    @Test
    @Order(11)
    void everyEventRecordsWhoActedInWhichRoleAndTheRequest() {
        Response signed = officer("btc-quang-ninh").with("X-Correlation-Id", "hoi-nghi-2018-01")
                .post(YEARS + "/2018/pledge/signatures", SeedRequests.signature("btc-quang-ninh"));
        assertThat(signed.status()).as(signed.raw()).isEqualTo(201);
        Map<String, Object> metadata = jdbc.sql("""
                        select meta_data::jsonb ->> 'actor' as actor, meta_data::jsonb ->> 'role' as role,
                               meta_data::jsonb ->> 'actorUnit' as unit, meta_data::jsonb ->> 'actorCluster' as cluster,
                               meta_data::jsonb ->> 'correlationId' as correlation
                        from domain_event_entry where aggregate_identifier = 'cum-2:2018'
                        order by sequence_number desc limit 1""").query().singleRow();
        assertThat(metadata).containsEntry("actor", "can-bo-quang-ninh").containsEntry("role", "UNIT_OFFICER")
                .containsEntry("unit", "btc-quang-ninh").containsEntry("cluster", CLUSTER_ID)
                .containsEntry("correlation", "hoi-nghi-2018-01");
    }

    @Test
    @Order(12)
    void aStaleIfMatchIs412AndTheCurrentVersionIsAccepted() {
        long version = officer("btc-lang-son").post(YEARS + "/2018/pledge/signatures",
                SeedRequests.signature("btc-lang-son")).body().path("version").asLong();
        long before = eventCount();
        refused(officer("btc-nghe-an").with("If-Match", "\"" + (version - 1) + "\"")
                        .post(YEARS + "/2018/pledge/signatures", SeedRequests.signature("btc-nghe-an")),
                412, "VERSION_STALE", before);
        Response current = officer("btc-nghe-an").with("If-Match", Long.toString(version))
                .post(YEARS + "/2018/pledge/signatures", SeedRequests.signature("btc-nghe-an"));
        assertThat(current.status()).as(current.raw()).isEqualTo(201);
        assertThat(current.body().path("version").asLong()).isEqualTo(version + 1);
        Map<String, Object> another = new java.util.HashMap<>(SeedRequests.formCluster());
        another.put("clusterId", "cum-moi");
        long beforeForming = eventCount();
        refused(council.with("If-Match", "\"3\"").post("/api/clusters", another), 400, "IF_MATCH_NOT_APPLICABLE",
                beforeForming);
    }

    @Test
    @Order(13)
    void aRepeatedIdempotencyKeyGetsTheSameAnswerAndRecordsOnce() {
        Http keyed = secretariat.with("Idempotency-Key", "bau-pho-2019-lan-1");
        Response first = keyed.post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2019, "DEPUTY", "btc-ninh-binh", 14, 12));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        long after = eventCount();
        Response again = keyed.post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2019, "DEPUTY", "btc-ninh-binh", 14, 12));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(eventCount()).isEqualTo(after);
        refused(keyed.post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2019, "DEPUTY", "btc-ha-nam", 14, 12)), 409, "IDEMPOTENCY_KEY_REUSED", after);
    }

    @Test
    @Order(14)
    void anOversizedBodyIs413() {
        long before = eventCount();
        String huge = "{\"reason\":\"" + "x".repeat(300_000) + "\"}";
        refused(council.post("/api/clusters/" + CLUSTER_ID + "/members/btc-ha-nam/withdrawal", huge),
                413, "PAYLOAD_TOO_LARGE", before);
    }

    /** A chunked body announces no length: it is counted as it is read and refused past the limit, keyed or not. */
    @Test
    @Order(14)
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        long before = eventCount();
        byte[] start = "{\"reason\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] end = "\"}".getBytes(StandardCharsets.UTF_8);
        for (String key : List.of("", "khoa-chunked")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/clusters/" + CLUSTER_ID + "/members/btc-ha-nam/withdrawal"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((Http.COUNCIL + ":"
                            + Http.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                            Collections.enumeration(List.of(new ByteArrayInputStream(start),
                                    new ByteArrayInputStream("x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8)),
                                    new ByteArrayInputStream(end))))));
            if (!key.isEmpty()) {
                request.header("Idempotency-Key", key);
            }
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains("PAYLOAD_TOO_LARGE");
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    @Order(15)
    void onlyConfiguredDashboardOriginsMayCallFromABrowser() throws Exception {
        for (String origin : List.of(DASHBOARD, "https://lua-dao.example.com")) {
            HttpResponse<Void> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + YEARS + "/2018/reports"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (origin.equals(DASHBOARD)) {
                assertThat(preflight.statusCode()).isEqualTo(200);
                assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(DASHBOARD);
            } else {
                assertThat(preflight.statusCode()).isEqualTo(403);
                assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            }
        }
    }
}
