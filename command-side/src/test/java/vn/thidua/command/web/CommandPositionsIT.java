package vn.thidua.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import vn.thidua.command.SeedCluster;
import vn.thidua.command.archive.YearWorkbook;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.command.support.TestDatabase;

/**
 * Every command endpoint of the OpenAPI document, driven through a cluster's life (formed, changed, a year run and
 * closed, reorganised): each answer's {@code position} is the global index of the command's own last event, which,
 * one command at a time, is the store's newest, so that {@code ?minPosition=} waits for exactly what it wrote.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandPositionsIT {

    private static final String A = "/api/clusters/" + CLUSTER_ID;
    private static final String B = "/api/clusters/cum-9";
    private static final String C = "/api/clusters/cum-8";
    private static final String YEAR = A + "/years/2017";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "command_positions_it");
    }

    /** Issuing a document needs the query side to print it: DocumentsIT checks that answer's position. */
    private static final String PRINTED_BY_THE_QUERY_SIDE = "POST /api/clusters/{clusterId}/years/{year}/documents";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private Http anonymous;
    private final List<String> driven = new ArrayList<>();

    @BeforeAll
    void client() {
        anonymous = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void everyCommandAnswersThePositionOfItsOwnLastEvent() throws Exception {
        Http council = anonymous.as(Http.COUNCIL);
        Http secretariat = anonymous.as(Http.SECRETARIAT);
        accepted(council, "POST", "/api/clusters", SeedRequests.formCluster());
        accepted(council, "POST", "/api/clusters", cluster("cum-9", "btc-hue", "btc-quang-tri"));
        accepted(council, "POST", "/api/clusters", cluster("cum-8", "btc-quang-nam"));
        accepted(council, "POST", B + "/members", Map.of("unitId", "btc-da-nang", "name", "Ban Tổ chức Thành ủy Đà Nẵng",
                "province", "Đà Nẵng", "reason", "Kết nạp"));
        accepted(council, "POST", B + "/members/btc-da-nang/withdrawal", Map.of("reason", "Rút khỏi cụm"));
        accepted(council, "POST", B + "/mergers", Map.of("mergedUnitIds", List.of("btc-hue", "btc-quang-tri"),
                "successor", Map.of("unitId", "btc-binh-tri-thien", "name", "Ban Tổ chức Bình Trị Thiên",
                        "province", "Huế"), "effectiveDate", "2025-07-01", "reason", "Hợp nhất"));
        accepted(council, "POST", B + "/rules/amendments", Map.of("effectiveFromYear", 2030, "rules", Map.of(
                "quorumNumerator", 2, "quorumDenominator", 3, "majorityNumerator", 1, "majorityDenominator", 2,
                "headRotation", true, "flagQuotaPercent", 20), "minutesRef", "BB-03/HĐ", "reason", "Quy chế mới"));
        accepted(council, "POST", B + "/roster", Map.of("unitIds", List.of("btc-binh-tri-thien"), "reason", "Luân phiên"));
        accepted(council, "POST", B + "/transfers", Map.of("unitId", "btc-binh-tri-thien", "toClusterId", "cum-8",
                "reason", "Sắp xếp lại"));
        accepted(council, "POST", B + "/dissolution", Map.of("reason", "Không còn đơn vị"));

        accepted(council, "POST", A + "/years", SeedRequests.openYear(2017));
        List<String> units = SeedCluster.unitIds();
        for (int i = 0; i < units.size(); i++) {
            Http officer = anonymous.asOfficerOf(units.get(i));
            accepted(officer, "POST", YEAR + "/pledge/signatures", SeedRequests.signature(units.get(i)));
            accepted(officer, "POST", YEAR + "/reports", SeedRequests.report(units.get(i), 58 - i, "35.5"));
        }
        Map<String, Object> amended = new java.util.HashMap<>(SeedRequests.report(BAC_GIANG, 59, "35.5"));
        amended.put("reason", "Bổ sung minh chứng");
        accepted(anonymous.asOfficerOf(BAC_GIANG), "PUT", YEAR + "/reports/" + BAC_GIANG, amended);
        accepted(secretariat, "POST", YEAR + "/reports/" + BAC_GIANG + "/assessment", Map.of("scores",
                Map.of("chuyen-mon", 58, "phong-trao", 35), "bonusPoints", 1, "penaltyPoints", 0, "note", "Đạt"));
        String election = accepted(secretariat, "POST", A + "/elections",
                SeedRequests.election(2018, "HEAD", BAC_GIANG, 14, 13)).path("decisionId").asString();
        accepted(secretariat, "POST", YEAR + "/ranking", Map.of("note", "Hội nghị tổng kết"));
        accepted(secretariat, "POST", YEAR + "/commendations", Map.of("unitId", BAC_GIANG, "award", "EMULATION_FLAG",
                "minutesRef", "BB-02", "ballot", Map.of("eligibleVoters", 14, "votersPresent", 14, "votesFor", 13,
                        "votesAgainst", 1, "invalid", 0)));
        accepted(council, "POST", A + "/decisions/" + election + "/rescission", Map.of("reason", "Nhầm"));
        accepted(secretariat, "POST", YEAR + "/closure", Map.of("note", "Kết thúc năm"));
        accepted(council, "POST", C + "/dissolution", Map.of("successorClusterId", CLUSTER_ID,
                "reason", "Hợp nhất cụm"));
        imported(secretariat, A + "/years/2027/import");

        JsonNode document = anonymous.get("/v3/api-docs").body();
        List<String> missing = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
            if ((method.equals("POST") || method.equals("PUT")) && path.getKey().startsWith("/api/clusters")
                    && !PRINTED_BY_THE_QUERY_SIDE.equals(method + " " + path.getKey())) {
                Pattern template = Pattern.compile(method + " " + path.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
                if (driven.stream().noneMatch(request -> template.matcher(request).matches())) {
                    missing.add(method + " " + path.getKey());
                }
            }
        }));
        assertThat(missing).as("command endpoints this test does not drive").isEmpty();
    }

    /** A year imported from a workbook that opens it: its position is its last act's, the store's newest. */
    private void imported(Http as, String path) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(YearWorkbook.template()))) {
            SeedCluster.SCORING_TABLE.criteria().forEach(c -> cells(workbook.getSheet("Tiêu chí").createRow(1 +
                    workbook.getSheet("Tiêu chí").getLastRowNum()), c.criterionId(), c.group(), c.title(),
                    c.maxPoints().toPlainString()));
            cells(workbook.getSheet("Chỉ tiêu giao ước").createRow(1), "hoan-thanh", "Hoàn thành nhiệm vụ");
            cells(workbook.getSheet("Phát động").createRow(1), java.time.LocalDate.now().toString(), "2027-03-31",
                    "2027-12-15", "5", "5");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            Http.Response answer = as.postFile(path, "application/vnd.openxmlformats-officedocument"
                    + ".spreadsheetml.sheet", out.toByteArray());
            assertThat(answer.status()).as(path + " " + answer.raw()).isEqualTo(200);
            assertThat(answer.body().path("position").asLong()).isEqualTo(jdbc.sql(
                    "select max(global_index) from domain_event_entry").query(Long.class).single());
            driven.add("POST " + path);
        }
    }

    private static void cells(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    private JsonNode accepted(Http as, String method, String path, Object body) {
        Http.Response answer = as.request(method, path, body);
        assertThat(answer.status()).as(method + " " + path + " " + answer.raw()).isBetween(200, 201);
        long newest = jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();
        assertThat(answer.body().path("position").asLong()).as(method + " " + path + " " + answer.raw())
                .isEqualTo(newest);
        driven.add(method + " " + path);
        return answer.body();
    }

    private static Map<String, Object> cluster(String clusterId, String... unitIds) {
        return Map.of("clusterId", clusterId, "name", "Cụm " + clusterId, "sector", "Ngành Tổ chức xây dựng Đảng",
                "members", java.util.Arrays.stream(unitIds).map(unitId -> Map.of("unitId", unitId,
                        "name", "Ban Tổ chức " + unitId, "province", "Miền Trung")).toList());
    }
}
