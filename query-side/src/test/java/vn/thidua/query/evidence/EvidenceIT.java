package vn.thidua.query.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.query.support.BothApps;

/**
 * Evidence kept with the record: a unit officer uploads a PDF (201, its hash), the same bytes again change nothing
 * (200, the same hash), a file over the limit is 413 whether its length is announced or not, and a report cites it
 * by hash alone. The file downloads, byte for byte with its hash as ETag, for those who may read that report and is
 * 404 for everyone else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String YEARS = "/api/clusters/" + CLUSTER_ID + "/years";
    private static final int LIMIT = 4096;

    private BothApps apps;

    @BeforeAll
    void start() {
        apps = BothApps.start("evidence_it", new String[] {"--thidua.evidence.max-bytes=" + LIMIT}, new String[0]);
        Http council = apps.commands().as(Http.COUNCIL);
        assertThat(council.post("/api/clusters", SeedRequests.formCluster()).status()).isEqualTo(201);
        assertThat(council.post(YEARS, SeedRequests.openYear(2017)).status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        apps.close();
    }

    @Test
    void anEvidenceFileIsKeptOnceCitedByHashAndReadOnlyByThoseWhoMayReadTheReport() throws Exception {
        byte[] pdf = ("%PDF-1.4\n% Báo cáo tổng kết năm 2017 của Ban Tổ chức Tỉnh ủy Bắc Giang\n%%EOF\n")
                .getBytes(StandardCharsets.UTF_8);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        HttpResponse<String> kept = upload("can-bo-bac-giang", pdf, "application/pdf", false);
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(kept.body());
        assertThat(answer.path("sha256").asString()).isEqualTo(hash);
        assertThat(answer.path("size").asLong()).isEqualTo(pdf.length);
        assertThat(answer.path("mediaType").asString()).isEqualTo("application/pdf");
        assertThat(upload(Http.SECRETARIAT, pdf, "application/pdf", false).statusCode()).as("the same bytes again")
                .isEqualTo(200);
        assertThat(apps.jdbc().sql("select count(*) from evidence_file").query(Long.class).single()).isEqualTo(1);

        for (boolean chunked : List.of(false, true)) {
            HttpResponse<String> tooLarge = upload("can-bo-bac-giang", new byte[LIMIT + 1], "image/png", chunked);
            assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
            assertThat(JSON.readTree(tooLarge.body()).path("code").asString()).isEqualTo("EVIDENCE_TOO_LARGE");
        }
        assertThat(upload(Http.VIEWER, pdf, "application/pdf", false).statusCode()).isEqualTo(403);
        assertThat(upload("can-bo-bac-giang", new byte[0], "application/pdf", false).statusCode()).isEqualTo(400);
        HttpResponse<String> untyped = upload("can-bo-bac-giang", pdf, null, false);
        assertThat(untyped.statusCode()).as(untyped.body()).isEqualTo(400);
        assertThat(JSON.readTree(untyped.body()).path("code").asString()).isEqualTo("EVIDENCE_MEDIA_TYPE_MISSING");

        Map<String, Object> report = new HashMap<>(SeedRequests.report(BAC_GIANG, 55, 30));
        report.put("evidence", List.of(Map.of("title", "Báo cáo tổng kết năm", "sha256", hash)));
        Http.Response filed = apps.commands().asOfficerOf(BAC_GIANG).post(YEARS + "/2017/reports", report);
        assertThat(filed.status()).as("a report citing the kept file by its hash alone: " + filed.raw())
                .isEqualTo(201);

        for (String reader : List.of("can-bo-bac-giang", Http.SECRETARIAT, Http.AUDITOR, Http.COUNCIL)) {
            HttpResponse<byte[]> download = download(reader, hash);
            assertThat(download.statusCode()).as(reader).isEqualTo(200);
            assertThat(download.body()).isEqualTo(pdf);
            assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(download.headers().firstValue("ETag")).hasValue("\"" + hash + "\"");
        }
        for (String stranger : List.of("can-bo-hung-yen", Http.VIEWER)) {
            HttpResponse<byte[]> refused = download(stranger, hash);
            assertThat(refused.statusCode()).as(stranger).isEqualTo(404);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("EVIDENCE_NOT_FOUND");
        }
        assertThat(download(Http.AUDITOR, "0".repeat(64)).statusCode()).as("a hash no report cites").isEqualTo(404);
        assertThat(download(Http.AUDITOR, "khong-phai-hash").statusCode()).isEqualTo(404);

        // The ledger's verification holds the kept files to their names, as it holds the events to their leaves.
        Http auditor = apps.queries().as(Http.AUDITOR);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> auditor.get("/api/ledger/verification").status() == 200);
        assertThat(auditor.get("/api/ledger/verification").body().path("valid").asBoolean()).isTrue();
        apps.jdbc().sql("update evidence_file set content = ? where sha256 = ?")
                .params("%PDF-1.4\n% một báo cáo khác\n".getBytes(StandardCharsets.UTF_8), hash).update();
        JsonNode edited = auditor.get("/api/ledger/verification").body();
        assertThat(edited.path("valid").asBoolean()).as(edited.toString()).isFalse();
        assertThat(edited.path("reason").asString()).isEqualTo("EVIDENCE_CHANGED");
        assertThat(edited.path("detail").asString()).contains(hash);
        apps.jdbc().sql("update evidence_file set content = ? where sha256 = ?").params(pdf, hash).update();
        assertThat(auditor.get("/api/ledger/verification").body().path("valid").asBoolean()).isTrue();
        apps.jdbc().sql("delete from evidence_file where sha256 = ?").param(hash).update();
        assertThat(auditor.get("/api/ledger/verification").body().path("reason").asString())
                .isEqualTo("EVIDENCE_CHANGED");
    }

    private HttpResponse<String> upload(String user, byte[] file, String mediaType, boolean chunked) throws Exception {
        HttpRequest.BodyPublisher body = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(file))
                : HttpRequest.BodyPublishers.ofByteArray(file);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apps.commandPort()
                + "/api/evidence")).header("Authorization", basic(user)).POST(body);
        if (mediaType != null) {
            request.header("Content-Type", mediaType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> download(String user, String hash) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + apps.queryPort() + "/api/evidence/" + hash)).header("Authorization", basic(user)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + Http.DEMO_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }
}
