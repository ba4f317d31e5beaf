package vn.thidua.query.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.query.support.BothApps;

/**
 * What the desk reads over HTTP: who is signed in and where their commands go, what waits for them, a year with its
 * scoring table and version (a report's content for its own officer and the record's keepers, not for another
 * unit's), and the command side taking the desk's requests from the query side's origin only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskIT {

    private static final String YEAR = "/api/clusters/" + CLUSTER_ID + "/years/2017";
    private static final String HUNG_YEN = "btc-hung-yen";

    private BothApps apps;

    @BeforeAll
    void start() {
        apps = BothApps.start("desk_http_it");
        Http council = apps.commands().as(Http.COUNCIL);
        assertThat(council.post("/api/clusters", SeedRequests.formCluster()).status()).isEqualTo(201);
        assertThat(council.post("/api/clusters/" + CLUSTER_ID + "/years", SeedRequests.openYear(2017)).status())
                .isEqualTo(201);
    }

    @AfterAll
    void stop() {
        apps.close();
    }

    @Test
    void theSignedInPersonAndWhereTheirCommandsGo() {
        JsonNode me = apps.queries().asOfficerOf(BAC_GIANG).get("/api/me").body();
        assertThat(me.path("role").asString()).isEqualTo("UNIT_OFFICER");
        assertThat(me.path("clusterId").asString()).isEqualTo(CLUSTER_ID);
        assertThat(me.path("unitId").asString()).isEqualTo(BAC_GIANG);
        assertThat(me.path("commandSide").asString()).isEqualTo("http://127.0.0.1:" + apps.commandPort());
        assertThat(apps.queries().get("/api/me").status()).as("signed in only").isEqualTo(401);
    }

    @Test
    void aReportShowsToItsOfficerAndTheKeepersOnlyAndTheVersionMovesWithTheYear() {
        long opened = apps.queries().as(Http.SECRETARIAT).get(YEAR).body().path("version").asLong();
        Http.Response filed = apps.commands().asOfficerOf(BAC_GIANG).post(YEAR + "/reports",
                SeedRequests.report(BAC_GIANG, 55, 35));
        assertThat(filed.status()).as(filed.raw()).isEqualTo(201);
        String read = YEAR + "?minPosition=" + filed.body().path("position").asLong();

        JsonNode own = unit(apps.queries().asOfficerOf(BAC_GIANG).get(read).body(), BAC_GIANG);
        assertThat(own.path("report").path("summary").asString()).isNotBlank();
        assertThat(own.path("report").path("selfScore").path("scores").path("chuyen-mon").asInt()).isEqualTo(55);
        JsonNode keepers = apps.queries().as(Http.AUDITOR).get(read).body();
        assertThat(unit(keepers, BAC_GIANG).path("report").path("evidence").get(0).path("sha256").asString())
                .hasSize(64);
        assertThat(keepers.path("version").asLong()).isEqualTo(filed.body().path("version").asLong())
                .isGreaterThan(opened);
        assertThat(keepers.path("criteria").get(0).path("maxPoints").asInt()).isEqualTo(60);
        assertThat(keepers.path("pledgeDeadline").asString()).isEqualTo("2017-03-31");

        JsonNode anotherUnit = unit(apps.queries().asOfficerOf(HUNG_YEN).get(read).body(), BAC_GIANG);
        assertThat(anotherUnit.path("reportFiled").asBoolean()).isTrue();
        assertThat(anotherUnit.has("report")).as("another unit's officer").isFalse();
        assertThat(apps.queries().as(Http.VIEWER).get("/api/clusters/" + CLUSTER_ID + "/years/2099").status()).isEqualTo(404);
    }

    @Test
    void theSecretariatIsDueTheReportToAssessAndTheBallots() {
        Http.Response filed = apps.commands().asOfficerOf("btc-hai-duong").post(YEAR + "/reports",
                SeedRequests.report("btc-hai-duong", 50, 30));
        assertThat(filed.status()).as(filed.raw()).isEqualTo(201);
        JsonNode due = apps.queries().as(Http.SECRETARIAT).get("/api/me/due?minPosition="
                + filed.body().path("position").asLong()).body();
        assertThat(due.toString()).contains("\"kind\":\"ASSESS_REPORT\"", "\"unitId\":\"btc-hai-duong\"",
                "\"kind\":\"ENTER_BALLOT\"", "\"office\":\"HEAD\"", "\"termYear\":2018");
        assertThat(apps.queries().as(Http.COUNCIL).get("/api/me/due").body().size()).isZero();
    }

    /** The cluster's version counts every event of the cluster, also those its page does not show (a deputy). */
    @Test
    void theClustersVersionIsTheOneTheCommandSideComparesIfMatchWith() {
        Http.Response elected = apps.commands().as(Http.SECRETARIAT).post("/api/clusters/" + CLUSTER_ID
                + "/elections", SeedRequests.election(2019, "DEPUTY", HUNG_YEN, 14, 13));
        assertThat(elected.status()).as(elected.raw()).isEqualTo(201);
        JsonNode cluster = apps.queries().as(Http.COUNCIL).get("/api/clusters/" + CLUSTER_ID + "?minPosition="
                + elected.body().path("position").asLong()).body();
        assertThat(cluster.path("version").asLong()).isEqualTo(elected.body().path("version").asLong());
        Http.Response admitted = apps.commands().as(Http.COUNCIL)
                .with("If-Match", "\"" + cluster.path("version").asLong() + "\"")
                .post("/api/clusters/" + CLUSTER_ID + "/members", java.util.Map.of("unitId", "btc-phu-tho",
                        "name", "Ban Tổ chức Tỉnh ủy Phú Thọ", "province", "Phú Thọ", "reason", "Kết nạp"));
        assertThat(admitted.status()).as(admitted.raw()).isEqualTo(200);
    }

    @Test
    void theCommandSideTakesTheDesksRequestsFromTheQuerySidesOriginOnly() throws Exception {
        assertThat(preflight("http://127.0.0.1:" + apps.queryPort()).headers()
                .firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:" + apps.queryPort());
        HttpResponse<Void> stranger = preflight("http://elsewhere.example");
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(stranger.statusCode()).isEqualTo(403);
    }

    private HttpResponse<Void> preflight(String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + apps.commandPort() + YEAR + "/reports"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key,if-match")
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    private static JsonNode unit(JsonNode year, String unitId) {
        for (JsonNode unit : year.path("units")) {
            if (unit.path("unitId").asString().equals(unitId)) {
                return unit;
            }
        }
        throw new AssertionError(unitId + " not in " + year);
    }
}
