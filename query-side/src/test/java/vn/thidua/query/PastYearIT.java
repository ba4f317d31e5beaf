package vn.thidua.query;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.support.Workbooks.row;
import static org.awaitility.Awaitility.await;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import vn.thidua.command.SeedCluster;
import vn.thidua.command.archive.YearWorkbook;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.Workbooks;
import vn.thidua.command.support.Http.Response;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.events.time.ActDate;
import vn.thidua.query.support.BothApps;

/**
 * Two times: a past year brought in from the archive with the day of each act, entered one by one or imported from
 * its workbook, gives the scoreboard, leadership, act days and minutes of the same acts entered live on those days;
 * and {@code asOf} (record time) and {@code asOfDate} (the acts' days) ask different questions of the same history.
 */
class PastYearIT {

    private static final String YEARS = "/api/clusters/" + CLUSTER_ID + "/years";
    private static final String LATE_SIGNER = "btc-thai-binh";
    private static final String LATE_REPORTER = "btc-ha-nam";

    /** One act of the 2017 story: who sends what, and the day it took place. */
    private record Act(String user, String path, Map<String, Object> body, LocalDate day) {
    }

    private static List<Act> story2017() {
        List<Act> acts = new ArrayList<>();
        acts.add(new Act(Http.COUNCIL, "/api/clusters", SeedRequests.formCluster(), LocalDate.of(2017, 1, 5)));
        acts.add(new Act(Http.COUNCIL, YEARS, SeedRequests.openYear(2017), LocalDate.of(2017, 1, 10)));
        for (String unitId : SeedCluster.unitIds()) {
            acts.add(new Act(unitId, YEARS + "/2017/pledge/signatures", SeedRequests.signature(unitId),
                    unitId.equals(LATE_SIGNER) ? LocalDate.of(2017, 4, 3) : LocalDate.of(2017, 2, 20)));
        }
        List<String> units = SeedCluster.unitIds();
        for (int i = 0; i < units.size(); i++) {
            String unitId = units.get(i);
            acts.add(new Act(unitId, YEARS + "/2017/reports", SeedRequests.report(unitId, 50 + i % 5, 30),
                    unitId.equals(LATE_REPORTER) ? LocalDate.of(2017, 12, 20) : LocalDate.of(2017, 12, 5)));
        }
        LocalDate conference = LocalDate.of(2017, 12, 28);
        acts.add(new Act(Http.SECRETARIAT, YEARS + "/2017/ranking", Map.of("note", "Hội nghị tổng kết"), conference));
        acts.add(new Act(Http.SECRETARIAT, "/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2018, "HEAD", "btc-bac-giang", 14, 13), conference));
        return acts;
    }

    /** What the read side shows of the story, for comparison. */
    private record Shown(JsonNode rows, JsonNode rowsOnJune30, JsonNode leadership, List<String> actDays) {
    }

    private static Shown shown(BothApps apps, long position) {
        Http auditor = apps.queries().as(Http.AUDITOR);
        String wait = "minPosition=" + position;
        return new Shown(ok(auditor.get(YEARS + "/2017/scoreboard?" + wait)).path("rows"),
                ok(auditor.get(YEARS + "/2017/scoreboard?asOfDate=2017-06-30&" + wait)).path("rows"),
                ok(auditor.get("/api/clusters/" + CLUSTER_ID + "/leadership?" + wait)),
                ok(auditor.get(YEARS + "/2017/timeline?" + wait)).findValuesAsString("occurredOn"));
    }

    /** The minutes' text above the ledger line (which names the checkpoint, not the record). */
    private static String minutesText(BothApps apps, Http auditor) throws Exception {
        long events = apps.jdbc().sql("select count(*) from domain_event_entry").query(Long.class).single();
        await().atMost(Duration.ofSeconds(30)).until(() -> apps.jdbc().sql("select coalesce(max(tree_size), 0)"
                + " from ledger_checkpoint").query(Long.class).single() >= events);
        try (PDDocument document = Loader.loadPDF(auditor.bytes(YEARS + "/2017/documents/minutes.pdf"))) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            return text.substring(0, text.indexOf("Lập từ sổ cái"));
        }
    }

    /**
     * The story's 2017 acts after the cluster's formation as the workbook a secretariat keeps: the template, one row
     * per act; days as text in some sheets and as date cells in others, as spreadsheets hold them.
     */
    private static byte[] workbook2017() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(YearWorkbook.template()))) {
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            Sheet criteria = workbook.getSheet("Tiêu chí");
            SeedCluster.SCORING_TABLE.criteria().forEach(c -> row(criteria, c.criterionId(), c.group(), c.title(),
                    c.maxPoints().doubleValue()));
            Sheet targets = workbook.getSheet("Chỉ tiêu giao ước");
            SeedCluster.PLEDGE.forEach(t -> row(targets, t.targetId(), t.text()));
            for (Act act : story2017()) {
                String day = act.day().toString();
                if (act.path().equals(YEARS)) {
                    row(workbook.getSheet("Phát động"), day, "2017-03-31", "2017-12-15",
                            SeedCluster.SCORING_TABLE.maxBonus().doubleValue(),
                            SeedCluster.SCORING_TABLE.maxPenalty().doubleValue());
                } else if (act.path().endsWith("/signatures")) {
                    Row row = row(workbook.getSheet("Ký giao ước"), "", act.user(), "Nguyễn Văn Hùng", "Trưởng ban");
                    row.getCell(0).setCellValue(act.day());
                    row.getCell(0).setCellStyle(date);
                } else if (act.path().endsWith("/reports")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> scores = (Map<String, Object>) act.body().get("selfScores");
                    row(workbook.getSheet("Báo cáo"), day, act.user(), act.body().get("summary"), 1.0, 0.0,
                            ((Number) scores.get("chuyen-mon")).doubleValue(),
                            ((Number) scores.get("phong-trao")).doubleValue());
                } else if (act.path().endsWith("/ranking")) {
                    row(workbook.getSheet("Xếp hạng"), day, "Hội nghị tổng kết");
                } else if (act.path().endsWith("/elections")) {
                    row(workbook.getSheet("Bầu cử"), day, 2018.0, "HEAD", "btc-bac-giang", 14.0, 14.0, 13.0, 1.0,
                            0.0, "Biên bản số 01/BB-CTĐ2", "");
                }
            }
            return Workbooks.bytes(workbook);
        }
    }


    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    private static long send(Http commands, Act act, Map<String, Object> body) {
        Http as = act.user().startsWith("btc-") ? commands.asOfficerOf(act.user()) : commands.as(act.user());
        Response response = as.post(act.path(), body);
        assertThat(response.status()).as(act.path() + ": " + response.raw()).isBetween(200, 201);
        return response.body().path("position").asLong();
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void aPastYearEnteredWithItsDaysShowsWhatTheSameActsEnteredLiveShow() throws Exception {
        Shown live;
        String liveMinutes;
        try (BothApps apps = BothApps.start("past_year_live")) {
            long position = 0;
            try {
                for (Act act : story2017()) {
                    GenericEventMessage.clock = Clock.fixed(act.day().atTime(LocalTime.of(9, 0))
                            .atZone(ActDate.ZONE).toInstant(), ZoneOffset.UTC);
                    position = send(apps.commands(), act, act.body());
                }
            } finally {
                GenericEventMessage.clock = Clock.systemUTC();
            }
            live = shown(apps, position);
            liveMinutes = minutesText(apps, apps.queries().as(Http.AUDITOR));
        }

        try (BothApps apps = BothApps.start("past_year_import")) {
            Act formation = story2017().get(0);
            Map<String, Object> formed = new HashMap<>(formation.body());
            formed.put(ActDate.OCCURRED_ON, formation.day().toString());
            send(apps.commands(), formation, formed);
            Http secretariat = apps.commands().as(Http.SECRETARIAT);
            byte[] workbook = workbook2017();
            Response dryRun = secretariat.postFile(YEARS + "/2017/import?dryRun=true", XLSX, workbook);
            assertThat(dryRun.status()).as(dryRun.raw()).isEqualTo(200);
            assertThat(dryRun.body().path("refusals").size()).as(dryRun.raw()).isZero();
            assertThat(dryRun.body().path("acts").asInt()).isEqualTo(story2017().size() - 1);
            assertThat(apps.jdbc().sql("select count(*) from domain_event_entry where aggregate_identifier = ?")
                    .param(CLUSTER_ID + ":2017").query(Long.class).single()).as("a dry run records nothing").isZero();
            Response imported = secretariat.postFile(YEARS + "/2017/import", XLSX, workbook);
            assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
            Shown fromTheWorkbook = shown(apps, imported.body().path("position").asLong());
            assertThat(fromTheWorkbook.rows()).isEqualTo(live.rows());
            assertThat(fromTheWorkbook.rowsOnJune30()).isEqualTo(live.rowsOnJune30());
            assertThat(fromTheWorkbook.leadership()).isEqualTo(live.leadership());
            assertThat(fromTheWorkbook.actDays()).isEqualTo(live.actDays());
            assertThat(minutesText(apps, apps.queries().as(Http.AUDITOR))).isEqualTo(liveMinutes);
            Response again = secretariat.postFile(YEARS + "/2017/import", XLSX, workbook);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body().path("refusals").findValuesAsString("code")).contains("YEAR_ALREADY_OPENED");
        }

        try (BothApps apps = BothApps.start("past_year_archive")) {
            long position = 0;
            long afterSignatures = 0;
            for (Act act : story2017()) {
                Map<String, Object> dated = new HashMap<>(act.body());
                dated.put(ActDate.OCCURRED_ON, act.day().toString());
                position = send(apps.commands(), act, dated);
                if (act.path().endsWith("/signatures")) {
                    afterSignatures = position;
                }
            }
            Shown archive = shown(apps, position);

            assertThat(archive.rows()).isEqualTo(live.rows());
            assertThat(archive.rowsOnJune30()).isEqualTo(live.rowsOnJune30());
            assertThat(archive.leadership()).isEqualTo(live.leadership());
            assertThat(archive.actDays()).isEqualTo(live.actDays());
            assertThat(unitsWith(archive.rows(), "reportLate")).containsExactly(LATE_REPORTER);
            assertThat(archive.rowsOnJune30().findValuesAsString("reportFiled")).containsOnly("false");

            Http auditor = apps.queries().as(Http.AUDITOR);
            JsonNode timeline = ok(auditor.get(YEARS + "/2017/timeline"));
            assertThat(timeline.findValues("backdated")).allMatch(JsonNode::asBoolean);
            JsonNode election = ok(auditor.get("/api/clusters/" + CLUSTER_ID + "/decisions?type=ClusterHeadElected"))
                    .path(0);
            assertThat(election.path("occurredOn").asString()).isEqualTo("2017-12-28");
            assertThat(election.path("backdated").asBoolean()).isTrue();

            // Record time: when the signatures had been entered no report was on the record, whatever its day.
            String signaturesRecorded = apps.jdbc().sql("select time_stamp from domain_event_entry"
                    + " where global_index = ?").param(afterSignatures).query(String.class).single();
            JsonNode asRecorded = ok(auditor.get(YEARS + "/2017/scoreboard?asOf=" + signaturesRecorded));
            JsonNode byTheDay = ok(auditor.get(YEARS + "/2017/scoreboard?asOfDate=2017-12-10"));
            assertThat(asRecorded.path("rows").findValuesAsString("reportFiled")).containsOnly("false");
            assertThat(byTheDay.path("rows").findValuesAsString("reportFiled")).contains("true")
                    .hasSize(SeedCluster.unitIds().size());
            assertThat(unitsWith(byTheDay.path("rows"), "reportFiled")).doesNotContain(LATE_REPORTER).hasSize(13);

            // The minutes are dated by the conference that the ranking records, not by the day they are printed.
            long events = apps.jdbc().sql("select count(*) from domain_event_entry").query(Long.class).single();
            await().atMost(Duration.ofSeconds(30)).until(() -> apps.jdbc().sql("select coalesce(max(tree_size), 0)"
                    + " from ledger_checkpoint").query(Long.class).single() >= events);
            byte[] pdf = auditor.bytes(YEARS + "/2017/documents/minutes.pdf");
            try (PDDocument document = Loader.loadPDF(pdf)) {
                assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " "))
                        .contains("ngày 28 tháng 12 năm 2017");
            }
        }
    }

    private static List<String> unitsWith(JsonNode rows, String flag) {
        List<String> units = new ArrayList<>();
        rows.forEach(row -> {
            if (row.path(flag).asBoolean()) {
                units.add(row.path("unitId").asString());
            }
        });
        return units;
    }
}
