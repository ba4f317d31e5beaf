package vn.thidua.query.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import vn.thidua.command.SeedCluster;
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

    /**
     * A year's version is the one the scoreboard model has processed, however far behind it is: a form opened on what
     * it shows then is refused (412) for every change it has not shown yet, never taken for current. The model is
     * held behind by a transaction holding the year's scoreboard row, which its next batch waits for.
     */
    @Test
    void aYearsVersionIsTheOneTheModelProcessedHoweverFarBehind() throws Exception {
        String year = "/api/clusters/" + CLUSTER_ID + "/years/2020";
        Http.Response opened = apps.commands().as(Http.COUNCIL).post("/api/clusters/" + CLUSTER_ID + "/years",
                SeedRequests.openYear(2020));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        long seen = apps.queries().as(Http.SECRETARIAT).get(year + "?minPosition="
                + opened.body().path("position").asLong()).body().path("version").asLong();
        assertThat(seen).isEqualTo(opened.body().path("version").asLong());
        long latest = seen;
        long position = 0;
        try (Connection holder = apps.querySideBean(DataSource.class).getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement(
                    "select 1 from read_document where model = 'scoreboard' and doc_key = ? for update")) {
                hold.setString(1, CLUSTER_ID + ":2020");
                hold.executeQuery().close();
            }
            for (String unitId : SeedCluster.unitIds()) {
                Http.Response signed = apps.commands().asOfficerOf(unitId).post(year + "/pledge/signatures",
                        SeedRequests.signature(unitId));
                assertThat(signed.status()).as(signed.raw()).isEqualTo(201);
                Http.Response filed = apps.commands().asOfficerOf(unitId).post(year + "/reports",
                        SeedRequests.report(unitId, 50, 30));
                assertThat(filed.status()).as(filed.raw()).isEqualTo(201);
                latest = filed.body().path("version").asLong();
                position = filed.body().path("position").asLong();
            }
            assertThat(latest - seen).as("events the model has not processed").isGreaterThan(20);
            assertThat(apps.queries().as(Http.SECRETARIAT).get(year).body().path("version").asLong())
                    .isEqualTo(seen);
            holder.rollback();
        }
        assertThat(apps.queries().as(Http.SECRETARIAT).get(year + "?minPosition=" + position).body()
                .path("version").asLong()).as("caught up once the row is let go").isEqualTo(latest);
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
