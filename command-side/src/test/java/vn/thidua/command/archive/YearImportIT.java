package vn.thidua.command.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.support.Workbooks.row;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
import vn.thidua.command.support.Http;
import vn.thidua.command.support.Workbooks;
import vn.thidua.command.support.LibreOffice;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.command.support.TestDatabase;

/**
 * A year imported from its workbook is judged row by row by the cluster's own rules: a dry run lists every refused
 * row with its sheet, row and code and records nothing; a real import with any refused row records nothing either
 * (409); one without records every act, and the template is the workbook to fill in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class YearImportIT {

    private static final String IMPORT = "/api/clusters/" + CLUSTER_ID + "/years/2016/import";
    private static final int LIMIT = 200_000;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "year_import_it");
        // Files (an evidence file, a workbook) may be this large here, so that a test can pass the limit.
        registry.add("thidua.evidence.max-bytes", () -> LIMIT);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private Http secretariat;

    @BeforeAll
    void formTheCluster() {
        Http council = new Http("http://127.0.0.1:" + port).as(Http.COUNCIL);
        java.util.Map<String, Object> formed = new java.util.HashMap<>(SeedRequests.formCluster());
        formed.put("occurredOn", "2015-01-05");
        assertThat(council.post("/api/clusters", formed).status()).isEqualTo(201);
        secretariat = new Http("http://127.0.0.1:" + port).as(Http.SECRETARIAT);
    }

    private long events() {
        return jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
    }

    /** The 2016 opening, every member's pledge, and whatever rows {@code more} adds. */
    private static byte[] workbook(java.util.function.Consumer<XSSFWorkbook> more) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(YearWorkbook.template()))) {
            SeedCluster.SCORING_TABLE.criteria().forEach(c -> row(workbook.getSheet("Tiêu chí"), c.criterionId(),
                    c.group(), c.title(), c.maxPoints().doubleValue()));
            SeedCluster.PLEDGE.forEach(t -> row(workbook.getSheet("Chỉ tiêu giao ước"), t.targetId(), t.text()));
            row(workbook.getSheet("Phát động"), "2016-01-10", "2016-03-31", "2016-12-15", 5.0, 5.0);
            SeedCluster.unitIds().forEach(unitId -> row(workbook.getSheet("Ký giao ước"), "2016-02-20", unitId,
                    "Nguyễn Thị Hoa", "Phó Trưởng ban"));
            more.accept(workbook);
            return Workbooks.bytes(workbook);
        }
    }


    @Test
    void everyRefusedRowIsListedAndNothingIsRecordedUnlessAllAreAccepted() throws Exception {
        byte[] wrong = workbook(book -> {
            row(book.getSheet("Ký giao ước"), "2016-02-21", "btc-khong-co", "Lê Văn Nam", "Trưởng ban");
            row(book.getSheet("Ký giao ước"), "31/02/2016", BAC_GIANG, "Lê Văn Nam", "Trưởng ban");
            row(book.getSheet("Báo cáo"), "2016-12-01", BAC_GIANG, "Báo cáo năm 2016", 0.0, 0.0, 99.0, 30.0);
        });
        long before = events();
        Http.Response dryRun = secretariat.postFile(IMPORT + "?dryRun=true", YearImportController.XLSX, wrong);
        assertThat(dryRun.status()).as(dryRun.raw()).isEqualTo(200);
        JsonNode refusals = dryRun.body().path("refusals");
        assertThat(refusals.findValuesAsString("code"))
                .containsExactlyInAnyOrder("CELL_INVALID", "NOT_A_MEMBER", "SCORE_OUT_OF_RANGE");
        assertThat(refusals.findValuesAsString("sheet")).contains("Ký giao ước", "Báo cáo");
        JsonNode stranger = find(refusals, "NOT_A_MEMBER");
        assertThat(stranger.path("row").asInt()).isEqualTo(SeedCluster.unitIds().size() + 2);
        assertThat(stranger.path("messages").path("vi").asString()).contains("btc-khong-co");
        assertThat(find(refusals, "CELL_INVALID").path("messages").path("en").asString()).contains("Ngày");
        assertThat(events()).as("a dry run records nothing").isEqualTo(before);

        Http.Response refused = secretariat.postFile(IMPORT, YearImportController.XLSX, wrong);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("code").asString()).isEqualTo("IMPORT_REFUSED");
        assertThat(refused.body().path("refusals").size()).isEqualTo(3);
        assertThat(events()).as("all or nothing").isEqualTo(before);

        Http.Response notAWorkbook = secretariat.postFile(IMPORT + "?dryRun=true", YearImportController.XLSX,
                "Hạng,Đơn vị\n1,Bắc Giang".getBytes(StandardCharsets.UTF_8));
        assertThat(notAWorkbook.body().path("refusals").findValuesAsString("code"))
                .containsExactly("WORKBOOK_UNREADABLE");

        byte[] right = workbook(book -> row(book.getSheet("Báo cáo"), "2016-12-01", BAC_GIANG, "Báo cáo năm 2016",
                1.0, 0.0, 55.0, 30.5));
        Http.Response imported = secretariat.with("Idempotency-Key", "nhap-2016")
                .postFile(IMPORT, YearImportController.XLSX, right);
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        assertThat(imported.body().path("acts").asInt()).isEqualTo(SeedCluster.unitIds().size() + 2);
        assertThat(events()).isEqualTo(before + SeedCluster.unitIds().size() + 2);
        assertThat(imported.body().path("position").asLong())
                .isEqualTo(jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single());
        assertThat(jdbc.sql("select payload from domain_event_entry where payload_type like '%AnnualReportFiled'")
                .query(String.class).single()).contains("\"total\":86.5", "Báo cáo năm 2016");
    }

    @Test
    void theTemplateIsAWorkbookWithASheetPerKindOfActAndOnlyTheKeepersImport() throws Exception {
        byte[] template = secretariat.bytes("/api/import/template.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            assertThat(workbook.getSheet("Báo cáo").getRow(0).getCell(0).getStringCellValue()).isEqualTo("Ngày");
            assertThat(List.of("Phát động", "Tiêu chí", "Ký giao ước", "Thẩm định", "Xếp hạng", "Bầu cử",
                    "Khen thưởng", "Kết thúc")).allMatch(name -> workbook.getSheet(name) != null);
        }
        assertThat(secretariat.with("If-Match", "\"3\"").postFile(IMPORT + "?dryRun=true",
                YearImportController.XLSX, template).body().path("code").asString())
                .isEqualTo("IF_MATCH_NOT_APPLICABLE");
        Http officer = new Http("http://127.0.0.1:" + port).asOfficerOf(BAC_GIANG);
        assertThat(officer.postFile(IMPORT + "?dryRun=true", YearImportController.XLSX, template).status())
                .isEqualTo(403);
    }

    /** What cannot be a year's acts at all: nothing filled in, a sheet whose columns are not the template's, too much. */
    @Test
    void anEmptyWorkbookAMovedColumnAndAnOversizedFileAreRefused() throws Exception {
        Http.Response empty = secretariat.postFile(IMPORT + "?dryRun=true", YearImportController.XLSX,
                YearWorkbook.template());
        assertThat(empty.body().path("refusals").findValuesAsString("code")).containsExactly("WORKBOOK_EMPTY");
        byte[] moved;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(workbook(book -> { })))) {
            workbook.getSheet("Ký giao ước").getRow(0).getCell(1).setCellValue("Đơn vị");
            moved = Workbooks.bytes(workbook);
        }
        JsonNode refusal = secretariat.postFile(IMPORT + "?dryRun=true", YearImportController.XLSX, moved).body()
                .path("refusals").path(0);
        assertThat(refusal.path("code").asString()).isEqualTo("SHEET_COLUMNS_UNEXPECTED");
        assertThat(refusal.path("sheet").asString()).isEqualTo("Ký giao ước");
        Http.Response tooLarge = secretariat.postFile(IMPORT + "?dryRun=true", YearImportController.XLSX,
                new byte[LIMIT + 1]);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().path("code").asString()).isEqualTo("WORKBOOK_TOO_LARGE");
    }

    /** A workbook a secretary opened and saved again in LibreOffice imports as the one written here. */
    @Test
    void aWorkbookSavedByLibreOfficeImports() throws Exception {
        LibreOffice.assumeInstalled();
        byte[] saved = LibreOffice.savedAgain(workbook(book -> { }));
        Http.Response dryRun = secretariat.postFile("/api/clusters/" + CLUSTER_ID + "/years/2015/import?dryRun=true",
                YearImportController.XLSX, saved);
        assertThat(dryRun.status()).as(dryRun.raw()).isEqualTo(200);
        assertThat(dryRun.body().path("refusals").size()).as(dryRun.raw()).isZero();
        assertThat(dryRun.body().path("acts").asInt()).isEqualTo(SeedCluster.unitIds().size() + 1);
    }

    private static JsonNode find(JsonNode refusals, String code) {
        for (JsonNode refusal : refusals) {
            if (refusal.path("code").asString().equals(code)) {
                return refusal;
            }
        }
        throw new AssertionError("no " + code + " in " + refusals);
    }
}
