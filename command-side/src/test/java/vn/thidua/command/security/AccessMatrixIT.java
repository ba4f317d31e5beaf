package vn.thidua.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thidua.command.SeedCluster.BAC_GIANG;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.command.support.TestDatabase;

/**
 * Every role against every command endpoint: anonymous gets 401, a role the endpoint is not for gets 403, and the
 * roles it is for get past authorization (to whatever the rules then say). A refused caller appends nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    private static final String C = "/api/clusters/cum-2";
    private static final String OFFICER = "can-bo-bac-giang";
    private static final String OTHER_OFFICER = "can-bo-hung-yen";
    private static final List<String> CALLERS = List.of("anonymous", Http.COUNCIL, Http.SECRETARIAT, OFFICER,
            OTHER_OFFICER, Http.AUDITOR, Http.VIEWER);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "access_matrix_it");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private Http anonymous;

    @BeforeAll
    void formTheCluster() {
        anonymous = new Http("http://127.0.0.1:" + port);
        assertThat(anonymous.as(Http.COUNCIL).post("/api/clusters", SeedRequests.formCluster()).status())
                .isEqualTo(201);
    }

    /** method, path, body, and the callers allowed past authorization. */
    static Stream<Arguments> endpoints() {
        Map<String, Object> unit = Map.of("unitId", "btc-ha-noi", "name", "Ban Tổ chức Thành ủy Hà Nội",
                "province", "Hà Nội", "reason", "?");
        Map<String, Object> merger = Map.of("mergedUnitIds", List.of("btc-ha-nam"), "successor",
                Map.of("unitId", "btc-ha-nam", "name", "Ban Tổ chức", "province", "Hà Nam"),
                "effectiveDate", "2025-07-01", "reason", "?");
        Map<String, Object> assessment = Map.of("scores", Map.of("chuyen-mon", 1, "phong-trao", 1),
                "bonusPoints", 0, "penaltyPoints", 0);
        Map<String, Object> commendation = Map.of("unitId", BAC_GIANG, "award", "EMULATION_FLAG",
                "ballot", Map.of("eligibleVoters", 14, "votersPresent", 14, "votesFor", 14, "votesAgainst", 0,
                        "invalid", 0), "minutesRef", "BB");
        return Stream.of(
                Arguments.of("POST", "/api/clusters", SeedRequests.formCluster(), List.of(Http.COUNCIL)),
                Arguments.of("POST", C + "/members", unit, List.of(Http.COUNCIL)),
                Arguments.of("POST", C + "/transfers", Map.of("unitId", "btc-ha-nam", "toClusterId", "cum-khac",
                        "reason", "?"), List.of(Http.COUNCIL)),
                Arguments.of("POST", C + "/dissolution", Map.of("reason", "?"), List.of(Http.COUNCIL)),
                Arguments.of("POST", C + "/roster", Map.of("unitIds", List.of("btc-khong-co"), "reason", "?"),
                        List.of(Http.COUNCIL)),
                Arguments.of("POST", C + "/rules/amendments", Map.of("effectiveFromYear", 2040,
                        "rules", Map.of("quorumNumerator", 4, "quorumDenominator", 3, "majorityNumerator", 1,
                                "majorityDenominator", 2, "headRotation", true, "flagQuotaPercent", 20),
                        "minutesRef", "BB", "reason", "?"), List.of(Http.COUNCIL)),
                Arguments.of("POST", C + "/members/btc-ha-nam/withdrawal", Map.of("reason", "?"),
                        List.of(Http.COUNCIL)),
                Arguments.of("POST", C + "/mergers", merger, List.of(Http.COUNCIL)),
                Arguments.of("POST", C + "/years", SeedRequests.openYear(2030), List.of(Http.COUNCIL)),
                Arguments.of("POST", C + "/decisions/khong-co/rescission", Map.of("reason", "?"),
                        List.of(Http.COUNCIL)),
                Arguments.of("POST", C + "/elections", SeedRequests.election(2031, "HEAD", BAC_GIANG, 14, 14),
                        List.of(Http.SECRETARIAT)),
                Arguments.of("POST", C + "/years/2031/reports/" + BAC_GIANG + "/assessment", assessment,
                        List.of(Http.SECRETARIAT)),
                Arguments.of("POST", C + "/years/2031/ranking", Map.of(), List.of(Http.SECRETARIAT)),
                Arguments.of("POST", C + "/years/2031/commendations", commendation, List.of(Http.SECRETARIAT)),
                Arguments.of("POST", C + "/years/2031/closure", Map.of(), List.of(Http.SECRETARIAT)),
                Arguments.of("POST", C + "/years/2031/pledge/signatures", SeedRequests.signature(BAC_GIANG),
                        List.of(OFFICER)),
                Arguments.of("POST", C + "/years/2031/reports", SeedRequests.report(BAC_GIANG, 1, 1),
                        List.of(OFFICER)),
                Arguments.of("PUT", C + "/years/2031/reports/" + BAC_GIANG, SeedRequests.report(BAC_GIANG, 1, 1),
                        List.of(OFFICER)));
    }

    /**
     * A browser is never challenged to Basic (so it caches no credentials another site could ride on), other clients
     * are; and a cross-site request carrying the council's credentials is refused before it can act.
     */
    @Test
    void noBasicChallengeToABrowserAndNoCrossSiteRequestActs() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> script = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/clusters")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).contains("Basic"));
        HttpResponse<String> browser = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/clusters")).header("Sec-Fetch-Mode", "navigate").POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(browser.statusCode()).isEqualTo(401);
        assertThat(browser.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).doesNotContain("Basic"));

        Map<String, Object> cluster = new HashMap<>(SeedRequests.formCluster());
        cluster.put("clusterId", "cum-tu-trang-khac");
        Http.Response crossSite = anonymous.as(Http.COUNCIL).with("Origin", "https://trang-khac.example")
                .with("Sec-Fetch-Site", "cross-site").post("/api/clusters", cluster);
        assertThat(crossSite.status()).as(crossSite.raw()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = 'cum-tu-trang-khac'")
                .query(Long.class).single()).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void onlyTheRolesAnEndpointIsForGetPastAuthorization(String method, String path, Object body,
                                                         List<String> allowed) {
        for (String caller : CALLERS) {
            long before = jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
            Http http = caller.equals("anonymous") ? anonymous : anonymous.as(caller);
            Http.Response response = http.request(method, path, body);
            String expectation = caller.equals("anonymous") ? "401" : allowed.contains(caller) ? "allowed" : "403";
            String outcome = response.status() == 401 || response.status() == 403
                    ? Integer.toString(response.status()) : "allowed";
            assertThat(outcome).as(caller + " " + method + " " + path + " -> " + response.raw())
                    .isEqualTo(expectation);
            if (!outcome.equals("allowed")) {
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single())
                        .isEqualTo(before);
            }
        }
    }
}
