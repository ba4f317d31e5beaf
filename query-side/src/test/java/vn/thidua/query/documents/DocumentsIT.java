package vn.thidua.query.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import tools.jackson.databind.JsonNode;
import vn.thidua.command.SeedCluster;
import vn.thidua.command.evidence.KeptFiles;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.query.support.BothApps;

/**
 * The official documents from a real record: the minutes, the award proposal and a certificate as PDF, their text
 * read back with PDFBox, their QR code decoded from the rendered page with ZXing and followed to the verification,
 * which turns to "not verified" once an event behind the document is edited in the table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocumentsIT {

    private static final String YEARS = "/api/clusters/" + CLUSTER_ID + "/years";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path PICTURES = Path.of("target/document-pictures");

    private BothApps apps;
    private JdbcClient jdbc;
    private String rescindedElection;

    @BeforeAll
    void recordTheYear() {
        apps = BothApps.start("documents_it");
        jdbc = apps.jdbc();
        Http commands = apps.commands();
        Http council = commands.as(Http.COUNCIL);
        Http secretariat = commands.as(Http.SECRETARIAT);
        accepted(council.post("/api/clusters", SeedRequests.formCluster()));
        accepted(council.post(YEARS, SeedRequests.openYear(2017)));
        List<String> units = SeedCluster.unitIds();
        for (int i = 0; i < units.size(); i++) {
            accepted(commands.asOfficerOf(units.get(i)).post(YEARS + "/2017/pledge/signatures",
                    SeedRequests.signature(units.get(i))));
            accepted(commands.asOfficerOf(units.get(i)).post(YEARS + "/2017/reports",
                    SeedRequests.report(units.get(i), 58 - i, "35.5")));
        }
        accepted(secretariat.post(YEARS + "/2017/ranking", Map.of("note", "Hội nghị tổng kết năm 2017")));
        accepted(secretariat.post(YEARS + "/2017/commendations", Map.of("unitId", BAC_GIANG,
                "award", "EMULATION_FLAG", "minutesRef", "Biên bản số 02/BB-CTĐ2", "ballot", Map.of(
                        "eligibleVoters", 14, "votersPresent", 14, "votesFor", 13, "votesAgainst", 1,
                        "invalid", 0))));
        JsonNode wrong = accepted(secretariat.post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2018, "HEAD", "btc-hung-yen", 14, 12)));
        rescindedElection = wrong.path("decisionId").asString();
        accepted(council.post("/api/clusters/" + CLUSTER_ID + "/decisions/" + rescindedElection + "/rescission",
                Map.of("reason", "Nhầm đơn vị luân phiên")));
        long last = accepted(secretariat.post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2018, "HEAD", BAC_GIANG, 14, 13))).path("position").asLong();
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from ledger_leaf l join domain_event_entry e"
                + " on e.event_identifier = l.event_id where e.global_index = ?").param(last).query(Long.class)
                .single() == 1);
    }

    @AfterAll
    void stop() {
        apps.close();
    }

    private static JsonNode accepted(Http.Response response) {
        assertThat(response.status()).as(response.raw()).isBetween(200, 201);
        return response.body();
    }

    @Test
    @Order(1)
    void theMinutesHoldTheNamesScoresBallotsAndTheRescissionAsRecorded() throws Exception {
        byte[] pdf = get(Http.AUDITOR, YEARS + "/2017/documents/minutes.pdf", "vi");
        String text = textOf(pdf);
        assertThat(text).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "BIÊN BẢN", "CỤM THI ĐUA SỐ 2", "Ban Tổ chức Tỉnh ủy Bắc Giang", "Ban Tổ chức Thành ủy Hải Phòng",
                "Ban Tổ chức Tỉnh ủy Thái Bình");
        JsonNode board = apps.queries().as(Http.AUDITOR).get(YEARS + "/2017/scoreboard").body();
        for (JsonNode row : board.path("rows")) {
            assertThat(text).contains(row.path("unitName").asString() + " "
                    + row.path("selfScore").decimalValue().stripTrailingZeros().toPlainString().replace('.', ','));
        }
        assertThat(text).contains("Phiếu: 14 cử tri, 14 có mặt, 13 đồng ý, 1 không đồng ý, 0 không hợp lệ")
                .contains("Cụm trưởng năm 2018: Ban Tổ chức Tỉnh ủy Hưng Yên. ĐÃ HỦY (Nhầm đơn vị luân phiên)")
                .contains("Ban Tổ chức Tỉnh ủy Bắc Giang đảm nhiệm vai trò Cụm trưởng năm 2018")
                .contains("Cờ thi đua: Ban Tổ chức Tỉnh ủy Bắc Giang");
        assertThat(textOf(get(Http.AUDITOR, YEARS + "/2017/documents/minutes.pdf", "en")))
                .contains("MINUTES", "SOCIALIST REPUBLIC OF VIET NAM", "Emulation flag: Ban Tổ chức Tỉnh ủy Bắc Giang",
                        "RESCINDED (Nhầm đơn vị luân phiên)");
        picture(pdf, "minutes");
    }

    @Test
    @Order(2)
    void theSameCheckpointGivesTheSameDocument() throws Exception {
        String url = qrCodeOf(get(Http.AUDITOR, YEARS + "/2017/documents/minutes.pdf", "vi"));
        String treeSize = UriComponentsBuilder.fromUriString(url).build().getQueryParams().getFirst("treeSize");
        String first = textOf(get(Http.AUDITOR, YEARS + "/2017/documents/minutes.pdf?treeSize=" + treeSize, "vi"));
        String again = textOf(get(Http.AUDITOR, YEARS + "/2017/documents/minutes.pdf?treeSize=" + treeSize, "vi"));
        assertThat(again).isEqualTo(first);
    }

    @Test
    @Order(3)
    void theProposalAndACertificateShowAwardsVoteSharesAndTheUnitsResult() throws Exception {
        String proposal = textOf(get(Http.SECRETARIAT, YEARS + "/2017/documents/proposal.pdf", "vi"));
        assertThat(proposal).contains("TỜ TRÌNH", "Kính gửi: Hội đồng Thi đua - Khen thưởng",
                "Ban Tổ chức Tỉnh ủy Bắc Giang", "Cờ thi đua", "13/14 (93%)");
        byte[] certificate = get("can-bo-bac-giang", "/api/units/" + BAC_GIANG + "/years/2017/certificate.pdf", "vi");
        assertThat(textOf(certificate)).contains("GIẤY XÁC NHẬN", "Ban Tổ chức Tỉnh ủy Bắc Giang", "Cờ thi đua");
        picture(certificate, "certificate");
        assertThat(status("can-bo-bac-giang", "/api/units/btc-hung-yen/years/2017/certificate.pdf")).isEqualTo(403);
        assertThat(status(Http.VIEWER, YEARS + "/2017/documents/minutes.pdf")).isEqualTo(403);
    }

    /**
     * The holder of a certificate learns from its QR code what the paper says and no more: that unit's acts and the
     * ranking by kind and day, and the later act that changes the paper (the unit elected deputy) by kind and day;
     * an auditor reads the acts in words.
     */
    @Test
    @Order(4)
    void aCertificatesCheckCoversThatUnitOnlyAndTellsTheAnonymousNoMoreThanThePaper() throws Exception {
        String unit = SeedCluster.unitIds().get(2);
        String url = qrCodeOf(get(Http.AUDITOR, "/api/units/" + unit + "/years/2017/certificate.pdf", "vi"));
        String query = URI.create(url).getRawQuery();
        assertThat(query).contains("kind=certificate", "unit=" + unit);
        long last = accepted(apps.commands().as(Http.SECRETARIAT).post("/api/clusters/" + CLUSTER_ID + "/elections",
                SeedRequests.election(2018, "DEPUTY", unit, 14, 12))).path("position").asLong();
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from ledger_leaf l join domain_event_entry e"
                + " on e.event_identifier = l.event_id where e.global_index = ?").param(last).query(Long.class)
                .single() == 1);

        JsonNode anonymous = apps.queries().get("/api/documents/verification?" + query).body();
        assertThat(anonymous.path("verified").asBoolean()).as(anonymous.toString()).isTrue();
        assertThat(anonymous.path("scope").asString()).isEqualTo("WHAT_THE_PAPER_PRINTS");
        assertThat(anonymous.path("events").findValuesAsString("type")).containsOnlyOnce("PledgeSigned",
                "AnnualReportFiled").contains("ClusterFormed", "EmulationYearOpened", "RankingFinalized")
                .doesNotContain("CommendationProposed", "ClusterHeadElected", "DecisionRescinded");
        assertThat(anonymous.path("recordedSince").findValuesAsString("type")).containsExactly("DeputyHeadElected");
        assertThat(unit).isNotEqualTo(BAC_GIANG);
        assertThat(anonymous.toString()).doesNotContain("\"text\":{", "Biên bản số", "Bắc Giang");
        assertThat(anonymous.path("recordedSince").get(0).path("kind").path("vi").asString()).isEqualTo("bầu Cụm phó");

        JsonNode auditor = apps.queries().as(Http.AUDITOR).get("/api/documents/verification?" + query).body();
        assertThat(auditor.path("scope").asString()).isEqualTo("WHOLE_RECORD");
        assertThat(auditor.path("events").size()).isEqualTo(anonymous.path("events").size());
        assertThat(auditor.path("recordedSince").get(0).path("text").path("en").asString()).contains("deputy head");

        JsonNode minutes = apps.queries().get("/api/documents/verification?kind=minutes&cluster=" + CLUSTER_ID
                + "&year=2017&treeSize=" + anonymous.path("treeSize").asLong()).body();
        assertThat(minutes.path("events").findValuesAsString("type").stream()
                .filter("AnnualReportFiled"::equals)).hasSize(SeedCluster.unitIds().size());
        Http.Response withoutUnit = apps.queries().get("/api/documents/verification?kind=certificate&cluster="
                + CLUSTER_ID + "&year=2017&treeSize=" + anonymous.path("treeSize").asLong());
        assertThat(withoutUnit.status()).isEqualTo(400);
        assertThat(withoutUnit.body().path("code").asString()).isEqualTo("CERTIFICATE_UNIT_MISSING");
    }

    /** The QR code, read from the printed page, opens a verification that holds until an event behind it is edited. */
    /**
     * Issuing: before it, every printing is a draft and says so; the issue prints once at a checkpoint sealing the
     * whole year, with its number, day and place, and from then on the same bytes are served (by any replica) with
     * the hash the issue recorded; the register lists it; the QR code's check names the issued document.
     */
    @Test
    @Order(5)
    void anIssuedDocumentIsNumberedDatedByItsMeetingAndServedAsTheSameBytes() throws Exception {
        assertThat(textOf(get(Http.SECRETARIAT, YEARS + "/2017/documents/minutes.pdf", "vi")))
                .contains("DỰ THẢO").doesNotContain("Số: 2/BB-CTĐ2");
        Http secretariat = apps.commands().as(Http.SECRETARIAT);
        String today = LocalDate.now().toString();
        JsonNode issued = accepted(secretariat.post(YEARS + "/2017/documents", Map.of("kind", "MINUTES",
                "number", 2, "symbol", "BB-CTĐ2", "occurredOn", today, "place", "Hải Dương")));
        assertThat(issued.path("numberAndSymbol").asString()).isEqualTo("2/BB-CTĐ2");
        assertThat(issued.path("sha256").asString()).matches("[0-9a-f]{64}");
        assertThat(issued.path("treeSize").asLong()).isPositive();
        assertThat(issued.path("position").asLong()).as("the issue's own event, the store's newest")
                .isEqualTo(jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single());

        byte[] first = get(Http.AUDITOR, YEARS + "/2017/documents/minutes.pdf", "vi");
        byte[] again = get(Http.SECRETARIAT, YEARS + "/2017/documents/minutes.pdf", "en");
        try (var replica = apps.anotherQuerySide()) {
            byte[] elsewhere = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + ((WebServerApplicationContext) replica).getWebServer().getPort() + YEARS + "/2017/documents/minutes.pdf"))
                    .header("Authorization", basic(Http.AUDITOR)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            assertThat(elsewhere).as("another process serves the same bytes").isEqualTo(first);
        }
        assertThat(again).isEqualTo(first);
        assertThat(KeptFiles.sha256(first)).isEqualTo(issued.path("sha256").asString());
        String text = textOf(first);
        assertThat(text).contains("Số: 2/BB-CTĐ2").contains("Hải Dương, ngày "
                + String.format("%02d tháng %02d năm %d", LocalDate.now().getDayOfMonth(),
                LocalDate.now().getMonthValue(), LocalDate.now().getYear())).doesNotContain("DỰ THẢO");

        JsonNode register = apps.queries().as(Http.AUDITOR).get(YEARS + "/2017/documents").body();
        assertThat(register.size()).isEqualTo(1);
        assertThat(register.get(0).path("kind").asString()).isEqualTo("MINUTES");
        assertThat(register.get(0).path("sha256").asString()).isEqualTo(issued.path("sha256").asString());
        assertThat(register.get(0).path("occurredOn").asString()).isEqualTo(today);

        String query = URI.create(qrCodeOf(first)).getRawQuery();
        JsonNode check = apps.queries().get("/api/documents/verification?" + query).body();
        assertThat(check.path("issued").path("numberAndSymbol").asString()).as(check.toString())
                .isEqualTo("2/BB-CTĐ2");
        assertThat(check.path("verified").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void aDocumentIsIssuedOnceEachNumberOnceAndACertificateNamesItsUnit() {
        Http secretariat = apps.commands().as(Http.SECRETARIAT);
        String today = LocalDate.now().toString();
        Http.Response again = secretariat.post(YEARS + "/2017/documents", Map.of("kind", "MINUTES", "number", 3,
                "symbol", "BB-CTĐ2", "occurredOn", today, "place", "Hải Dương"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("code").asString()).isEqualTo("DOCUMENT_ALREADY_ISSUED");
        Http.Response taken = secretariat.post(YEARS + "/2017/documents", Map.of("kind", "PROPOSAL", "number", 2,
                "symbol", "BB-CTĐ2", "occurredOn", today, "place", "Hải Dương"));
        assertThat(taken.body().path("code").asString()).isEqualTo("DOCUMENT_NUMBER_TAKEN");
        Http.Response noUnit = secretariat.post(YEARS + "/2017/documents", Map.of("kind", "CERTIFICATE",
                "number", 9, "symbol", "GXN-CTĐ2", "occurredOn", today, "place", "Hải Dương"));
        assertThat(noUnit.status()).isEqualTo(400);
        assertThat(noUnit.body().path("code").asString()).isEqualTo("CERTIFICATE_UNIT_MISSING");
        Http.Response stranger = secretariat.post(YEARS + "/2017/documents", Map.of("kind", "CERTIFICATE",
                "unitId", "btc-khong-co", "number", 8, "symbol", "GXN-CTĐ2", "occurredOn", today,
                "place", "Hải Dương"));
        assertThat(stranger.status()).as("the printer's refusal, as it came: " + stranger.raw()).isEqualTo(404);
        assertThat(stranger.body().path("code").asString()).isEqualTo("UNIT_NOT_FOUND");
        assertThat(apps.commands().asOfficerOf(BAC_GIANG).post(YEARS + "/2017/documents", Map.of("kind", "PROPOSAL",
                "number", 7, "symbol", "TTr-CTĐ2", "occurredOn", today, "place", "Hải Dương")).status())
                .isEqualTo(403);
        JsonNode certificate = accepted(apps.commands().as(Http.COUNCIL).post(YEARS + "/2017/documents",
                Map.of("kind", "CERTIFICATE", "unitId", BAC_GIANG, "number", 9, "symbol", "GXN-CTĐ2",
                        "occurredOn", today, "place", "Hải Dương")));
        assertThat(apps.queries().as(Http.SECRETARIAT).get(YEARS + "/2017/documents").body().size()).isEqualTo(2);
        assertThat(certificate.path("unitId").asString()).isEqualTo(BAC_GIANG);
    }

    @Test
    @Order(9)
    void theQrCodeLeadsToAVerificationThatCatchesAnEditedEvent() throws Exception {
        String url = qrCodeOf(get(Http.AUDITOR, YEARS + "/2017/documents/minutes.pdf", "vi"));
        assertThat(url).contains("/documents/verify.html?kind=minutes&cluster=" + CLUSTER_ID + "&year=2017");
        String query = URI.create(url).getRawQuery();
        JsonNode verified = apps.queries().get("/api/documents/verification?" + query).body();
        assertThat(verified.path("verified").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.path("events").size()).isGreaterThan(30);
        assertThat(apps.queries().get("/documents/verify.html?" + query).status()).isEqualTo(200);

        jdbc.sql("update domain_event_entry set payload = replace(payload, '\"votesFor\":13', '\"votesFor\":14')"
                + " where payload_type like '%CommendationProposed'").update();
        JsonNode edited = apps.queries().get("/api/documents/verification?" + query).body();
        assertThat(edited.path("verified").asBoolean()).isFalse();
        assertThat(edited.path("events").findValues("verified").stream().filter(v -> !v.asBoolean()).count())
                .isEqualTo(1);
        // A certificate does not print another unit's commendation, but its check still sees the record was edited.
        JsonNode certificate = apps.queries().get("/api/documents/verification?" + query.replace("kind=minutes",
                "kind=certificate") + "&unit=" + SeedCluster.unitIds().get(2)).body();
        assertThat(certificate.path("events").findValuesAsString("type")).doesNotContain("CommendationProposed");
        assertThat(certificate.path("restOfRecordVerified").asBoolean()).as(certificate.toString()).isFalse();
        assertThat(certificate.path("verified").asBoolean()).isFalse();
    }

    private byte[] get(String user, String path, String language) throws Exception {
        HttpResponse<byte[]> response = send(user, path, language);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        return response.body();
    }

    private int status(String user, String path) throws Exception {
        return send(user, path, "vi").statusCode();
    }

    private HttpResponse<byte[]> send(String user, String path, String language) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + apps.queryPort() + path)).header("Accept-Language", language)
                .header("Authorization", basic(user)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + Http.DEMO_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String textOf(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static String qrCodeOf(byte[] pdf) throws IOException, NotFoundException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            BufferedImage page = renderer.renderImageWithDPI(document.getNumberOfPages() - 1, 300);
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(page))), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                    DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE))).getText();
        }
    }

    /** The first page as a picture, for the README (the tests' own rendering). */
    private static void picture(byte[] pdf, String name) throws IOException {
        Files.createDirectories(PICTURES);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 50), "PNG",
                    PICTURES.resolve(name + ".png").toFile());
        }
    }
}
