package vn.thidua.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

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
 * The 2025 reorganisation over HTTP on a real PostgreSQL: units move between clusters and clusters merge or dissolve,
 * both clusters' records in one transaction (a refusal by either side stores neither), only between years; and the
 * council amends a cluster's rules from a year not yet opened.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReorganisationIT {

    private static final String BAC_NINH = "btc-bac-ninh";
    private static final String BAC_GIANG = "btc-bac-giang";
    private static final String HUNG_YEN = "btc-hung-yen";
    private static final String HA_NAM = "btc-ha-nam";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "reorganisation_it");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private Http council;

    @BeforeAll
    void client() {
        council = new Http("http://127.0.0.1:" + port).as(Http.COUNCIL);
    }

    private long eventCount() {
        return jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
    }

    private void refused(Response response, int status, String code) {
        long before = eventCount();
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.code()).isEqualTo(code);
        assertThat(eventCount()).as("events after a refusal").isEqualTo(before);
    }

    private static Map<String, Object> unit(String unitId, String name, String province) {
        return Map.of("unitId", unitId, "name", name, "province", province);
    }

    private static Map<String, Object> cluster(String clusterId, String name, List<Map<String, Object>> members) {
        return Map.of("clusterId", clusterId, "name", name, "sector", "Ngành Tổ chức xây dựng Đảng",
                "members", members);
    }

    private Response transfer(String from, String unitId, String to) {
        return council.post("/api/clusters/" + from + "/transfers", Map.of("unitId", unitId, "toClusterId", to,
                "reason", "Sắp xếp lại cụm thi đua năm 2025"));
    }

    private List<String> typesOf(String clusterId) {
        return jdbc.sql("select payload_type from domain_event_entry where aggregate_identifier = ?"
                + " order by global_index").param(clusterId).query(String.class).list().stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    @Test
    @Order(1)
    void aUnitMovesBetweenClustersAndBothRecordItInOneTransaction() {
        assertThat(council.post("/api/clusters", cluster("cum-a", "Cụm thi đua A", List.of(
                unit(BAC_GIANG, "Ban Tổ chức Tỉnh ủy Bắc Giang", "Bắc Giang"),
                unit(BAC_NINH, "Ban Tổ chức Tỉnh ủy Bắc Ninh", "Bắc Ninh"),
                unit(HUNG_YEN, "Ban Tổ chức Tỉnh ủy Hưng Yên", "Hưng Yên")))).status()).isEqualTo(201);
        assertThat(council.post("/api/clusters", cluster("cum-b", "Cụm thi đua B", List.of(
                unit(HA_NAM, "Ban Tổ chức Tỉnh ủy Hà Nam", "Hà Nam")))).status()).isEqualTo(201);

        Response moved = transfer("cum-a", BAC_NINH, "cum-b");
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.body().path("clusterId").asString()).isEqualTo("cum-b");
        assertThat(typesOf("cum-a")).containsExactly("ClusterFormed", "UnitTransferredOut");
        assertThat(typesOf("cum-b")).containsExactly("ClusterFormed", "UnitTransferredIn");
        long out = jdbc.sql("select global_index from domain_event_entry where aggregate_identifier = 'cum-a'"
                + " and sequence_number = 1").query(Long.class).single();
        assertThat(moved.body().path("position").asLong()).as("the receiving side is the command's last event")
                .isGreaterThan(out);
        assertThat(jdbc.sql("select count(*) from decision_directory where decision_type like 'UnitTransferred%'")
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void aRefusalByTheReceivingSideStoresNeitherSide() {
        // Both clusters list Hưng Yên: the receiving side refuses after the sending side has applied its event.
        assertThat(council.post("/api/clusters", cluster("cum-c", "Cụm thi đua C", List.of(
                unit(HUNG_YEN, "Ban Tổ chức Tỉnh ủy Hưng Yên", "Hưng Yên")))).status()).isEqualTo(201);
        refused(transfer("cum-a", HUNG_YEN, "cum-c"), 409, "ALREADY_A_MEMBER");
        assertThat(typesOf("cum-a")).containsExactly("ClusterFormed", "UnitTransferredOut");

        // The sending cluster, as stored, still has the unit: it can be sent elsewhere.
        Response moved = transfer("cum-a", HUNG_YEN, "cum-b");
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(typesOf("cum-a")).containsExactly("ClusterFormed", "UnitTransferredOut", "UnitTransferredOut");
    }

    @Test
    @Order(3)
    void wrongMovesAreRefusedAndStoreNothing() {
        refused(transfer("cum-a", "btc-khong-co", "cum-b"), 409, "NOT_A_MEMBER");
        refused(transfer("cum-a", BAC_GIANG, "cum-khong-co"), 404, "CLUSTER_NOT_FOUND");
        refused(transfer("cum-a", BAC_GIANG, "cum-a"), 409, "SAME_CLUSTER");
        refused(council.post("/api/clusters/cum-a/dissolution", Map.of("reason", "Giải thể")), 409,
                "MEMBERS_REMAIN");
        refused(council.post("/api/clusters/cum-a/transfers", Map.of("unitId", "Bắc Giang", "toClusterId", "cum-b",
                "reason", "?")), 400, "INVALID_INPUT");
    }

    /**
     * A unit moves in the middle of a year (the July 2025 reorganisation did): it stops taking part in the year of
     * the cluster it leaves, where its acts stay, and continues the year in the one it joins; clusters still merge
     * only between years.
     */
    @Test
    @Order(4)
    void aUnitMovesInTheMiddleOfAYearAndClustersMergeOnlyBetweenYears() {
        assertThat(council.post("/api/clusters/cum-b/years", SeedRequests.openYear(2025)).status()).isEqualTo(201);
        Response out = transfer("cum-b", HA_NAM, "cum-a");
        assertThat(out.status()).as(out.raw()).isEqualTo(200);
        assertThat(typesOf("cum-b:2025")).containsExactly("EmulationYearOpened", "ParticipationEnded");
        assertThat(council.post("/api/clusters/cum-a/members", Map.of("unitId", "btc-bac-kan",
                "name", "Ban Tổ chức Tỉnh ủy Bắc Kạn", "province", "Bắc Kạn", "reason", "Kết nạp")).status())
                .isEqualTo(200);
        Response in = transfer("cum-a", "btc-bac-kan", "cum-b");
        assertThat(in.status()).as(in.raw()).isEqualTo(200);
        assertThat(typesOf("cum-b:2025")).endsWith("ParticipationBegan");
        assertThat(in.body().path("position").asLong()).as("the receiving cluster's event is the command's last")
                .isEqualTo(jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single());
        refused(council.post("/api/clusters/cum-b/dissolution", Map.of("successorClusterId", "cum-a",
                "reason", "Hợp nhất")), 409, "YEAR_IN_PROGRESS");
    }

    @Test
    @Order(5)
    void theRulesAreAmendedOnlyFromAYearNotYetOpened() {
        Map<String, Object> oneFlag = Map.of("quorumNumerator", 2, "quorumDenominator", 3, "majorityNumerator", 1,
                "majorityDenominator", 2, "headRotation", true, "flagQuotaPercent", 20, "headSelection", "ROTATION",
                "votes", Map.of("EMULATION_FLAG", Map.of("quorumNumerator", 2, "quorumDenominator", 3,
                        "basis", "PRESENT", "thresholdNumerator", 70, "thresholdDenominator", 100,
                        "strictlyMore", false)),
                "flagCap", Map.of("count", 1));
        String amendments = "/api/clusters/cum-b/rules/amendments";
        refused(council.post(amendments, Map.of("effectiveFromYear", 2025, "rules", oneFlag,
                "minutesRef", "BB-03/HĐ", "reason", "Quy chế mới")), 409, "RULES_ALREADY_APPLIED");
        Response amended = council.post(amendments, Map.of("effectiveFromYear", 2026, "rules", oneFlag,
                "minutesRef", "BB-03/HĐ", "reason", "Quy chế mới"));
        assertThat(amended.status()).as(amended.raw()).isEqualTo(200);
        assertThat(amended.body().path("year").asInt()).isEqualTo(2026);
        assertThat(jdbc.sql("select payload::text from domain_event_entry where payload_type like '%ClusterRulesAmended'")
                .query(String.class).single()).contains("\"flagCap\":{\"count\":1}", "\"thresholdNumerator\":70")
                .doesNotContain("percentOfRanked", "proper");

        Map<String, Object> unreachable = new java.util.HashMap<>(oneFlag);
        unreachable.put("flagCap", Map.of("count", 1, "percentOfRanked", 20));
        refused(council.post(amendments, Map.of("effectiveFromYear", 2027, "rules", unreachable,
                "minutesRef", "BB-04/HĐ", "reason", "?")), 400, "RULES_IMPROPER");
    }

    @Test
    @Order(6)
    void aClusterMergedIntoAnotherHandsOverItsMembersAndActsNoMore() {
        Response merged = council.post("/api/clusters/cum-c/dissolution", Map.of("successorClusterId", "cum-a",
                "reason", "Hợp nhất cụm C vào cụm A"));
        // cum-c's only member, Hưng Yên, had left cum-a: it joins cum-a again with cum-c.
        assertThat(merged.status()).as(merged.raw()).isEqualTo(200);
        assertThat(merged.body().path("clusterId").asString()).isEqualTo("cum-a");
        assertThat(typesOf("cum-c")).containsExactly("ClusterFormed", "ClusterDissolved");
        assertThat(typesOf("cum-a")).endsWith("ClustersMerged");
        refused(council.post("/api/clusters/cum-c/members", Map.of("unitId", HA_NAM, "name", "Ban Tổ chức Tỉnh ủy Hà Nam",
                "province", "Hà Nam", "reason", "Kết nạp")), 409, "CLUSTER_DISSOLVED");
        refused(transfer("cum-a", BAC_GIANG, "cum-c"), 409, "CLUSTER_DISSOLVED");
        refused(transfer("cum-c", HUNG_YEN, "cum-b"), 409, "CLUSTER_DISSOLVED");
    }

    /** If-Match on a transfer names the version of the cluster the unit leaves: stale, 412 and nothing moves. */
    @Test
    @Order(8)
    void aTransferWithAStaleIfMatchIs412AndMovesNothing() {
        assertThat(council.post("/api/clusters/cum-a/members", Map.of("unitId", "btc-thai-nguyen",
                "name", "Ban Tổ chức Tỉnh ủy Thái Nguyên", "province", "Thái Nguyên", "reason", "Kết nạp")).status())
                .isEqualTo(200);
        long version = jdbc.sql("select max(sequence_number) from domain_event_entry where aggregate_identifier = ?")
                .param("cum-a").query(Long.class).single();
        Map<String, Object> body = Map.of("unitId", "btc-thai-nguyen", "toClusterId", "cum-d", "reason", "?");
        refused(council.with("If-Match", "\"" + (version - 1) + "\"").post("/api/clusters/cum-a/transfers", body),
                412, "VERSION_STALE");
        Response moved = council.with("If-Match", "\"" + version + "\"").post("/api/clusters/cum-a/transfers", body);
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void aRepeatedKeyedTransferGetsTheSameAnswerAndMovesOnce() {
        Http keyed = council.with("Idempotency-Key", "chuyen-bac-giang-2026");
        Response first = keyed.post("/api/clusters/cum-a/transfers", Map.of("unitId", BAC_GIANG,
                "toClusterId", "cum-d", "reason", "?"));
        assertThat(first.status()).isEqualTo(404);
        assertThat(council.post("/api/clusters", cluster("cum-d", "Cụm thi đua D", List.of(
                unit("btc-ninh-binh", "Ban Tổ chức Tỉnh ủy Ninh Bình", "Ninh Bình")))).status()).isEqualTo(201);
        Http other = council.with("Idempotency-Key", "chuyen-bac-giang-2026-b");
        Map<String, Object> body = Map.of("unitId", BAC_GIANG, "toClusterId", "cum-d", "reason", "Sắp xếp lại");
        Response moved = other.post("/api/clusters/cum-a/transfers", body);
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        long after = eventCount();
        Response again = other.post("/api/clusters/cum-a/transfers", body);
        assertThat(again.body()).isEqualTo(moved.body());
        assertThat(eventCount()).isEqualTo(after);
    }
}
