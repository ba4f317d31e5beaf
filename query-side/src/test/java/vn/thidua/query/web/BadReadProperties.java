package vn.thidua.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.query.support.BothApps;

/**
 * Bad input to every read, generated: each endpoint of the query side gets generated query parameters (its own and
 * others, with negative, huge, malformed, empty and odd Unicode values) and headers (Accept, Accept-Language,
 * Last-Event-ID, If-None-Match), anonymous or signed in as a role. No answer is a 500; a 503 says why with a code
 * (the store or a model not ready, never a crash); every other refusal is an RFC 7807 problem with a code.
 */
class BadReadProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final String C = "/api/clusters/cum-2";
    private static final String Y = C + "/years/2017";
    private static final List<String> READS = List.of("/api/clusters", C, C + "/leadership", C + "/rotation",
            C + "/years", Y + "/scoreboard", Y + "/scoreboard.csv", Y + "/scoreboard.xlsx", C + "/decisions",
            C + "/decisions/verification", Y + "/timeline", "/api/units/btc-bac-giang/record",
            "/api/admin/projections", "/api/ledger/checkpoint", "/api/ledger/checkpoints/1",
            "/api/ledger/public-key", "/api/ledger/policy", "/api/ledger/leaves/khong-co", "/api/ledger/proof/inclusion",
            "/api/ledger/proof/consistency", "/api/ledger/verification", "/api/ledger/receipts/khong-co",
            "/api/ledger/export", "/api/documents/verification", Y + "/documents/minutes.pdf",
            "/api/units/btc-bac-giang/years/2017/certificate.pdf");
    /** A 503 that tells the client to come back: nothing broke. */
    private static final Set<String> NOT_READY = Set.of("READ_MODEL_BEHIND", "STORE_UNAVAILABLE",
            "LEDGER_NOT_STARTED", "EVENT_NOT_YET_WITNESSED");

    private static BothApps apps;

    @BeforeContainer
    static void startBothApps() {
        apps = BothApps.start("bad_reads", "--logging.level.root=WARN");
        Http council = apps.commands().as(Http.COUNCIL);
        assertThat(council.post("/api/clusters", SeedRequests.formCluster()).status()).isEqualTo(201);
        assertThat(council.post(C + "/years", SeedRequests.openYear(2017)).status()).isEqualTo(201);
    }

    @AfterContainer
    static void stop() {
        System.out.println("Bad reads: " + TRIED.get() + " generated requests, none answered 500");
        apps.close();
    }

    @Property(tries = 400)
    void noReadAnswers500AndEveryRefusalIsAProblemWithACode(@ForAll("reads") String path,
            @ForAll("parameters") Map<String, String> parameters, @ForAll("headers") Map<String, String> headers,
            @ForAll("users") String user) throws Exception {
        TRIED.incrementAndGet();
        String query = parameters.entrySet().stream().map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apps.queryPort() + path
                + (query.isEmpty() ? "" : "?" + query))).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        if (!user.isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":"
                    + Http.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String seen = (user.isEmpty() ? "anonymous" : user) + " GET " + path + "?" + query + " " + headers + " -> "
                + response.statusCode() + " " + response.body().substring(0, Math.min(400, response.body().length()));
        assertThat(response.statusCode()).as(seen).isNotEqualTo(500).isLessThan(504);
        if (response.statusCode() >= 400 && response.statusCode() != 406) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(seen)
                    .startsWith("application/problem+json");
            String code = JSON.readTree(response.body()).path("code").asString();
            assertThat(code).as(seen).isNotBlank();
            if (response.statusCode() >= 500) {
                assertThat(NOT_READY).as(seen).contains(code);
            }
        }
    }

    /** The case the fuzzing found, kept whatever the generator draws: an Accept header that lists no media type. */
    @Example
    void anAcceptHeaderThatIsNoMediaTypeIsRefused400() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + apps.queryPort() + "/api/clusters")).header("Accept", "/;;").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo("ACCEPT_INVALID");
    }

    @Provide
    Arbitrary<String> reads() {
        return Arbitraries.of(READS);
    }

    @Provide
    Arbitrary<String> users() {
        return Arbitraries.of("", Http.AUDITOR, Http.VIEWER, Http.SECRETARIAT, Http.COUNCIL, "can-bo-bac-giang");
    }

    @Provide
    Arbitrary<Map<String, String>> parameters() {
        Arbitrary<String> names = Arbitraries.of("minPosition", "asOf", "asOfDate", "year", "type", "limit", "after",
                "treeSize", "eventId", "from", "to", "kind", "cluster", "unit", "x", "");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("-1", "0", "1", "2", "3", "99999999999999999999", "9223372036854775807", "abc", "",
                        " ", "NaN", "1e9", "2017-13-45", "2017-12-31", "2017-12-31T23:59:59Z", "2017-02-30T00:00:00Z",
                        "../../etc/passwd", "minutes", "certificate", "proposal", "cum-2", "cum-3", "btc-bac-giang",
                        "ClusterFormed", "%00", "'; drop table domain_event_entry; --"),
                Arbitraries.strings().withChars("ạảãđĐƯưƠơ \u0000\u202e\ud83d\ude00\"\\{}[]<>&=?#").ofMaxLength(300),
                Arbitraries.longs().map(n -> Long.toString(n)));
        return Arbitraries.maps(names, values).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> names = Arbitraries.of("Accept", "Accept-Language", "Last-Event-ID", "If-None-Match",
                "Sec-Fetch-Mode", "X-Forwarded-For");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("*/*", "application/json", "text/csv", "application/pdf", "image/png", "text/html",
                        "application/problem+json", "text/event-stream", "/;;", "en", "vi", "xx-ZZ", "*;q=abc",
                        "en;q=0.5, vi;q=2", "-1", "99999999999999999999", "cors", "navigate", "\"etag\"", "W/\"x\""),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(200));
        return Arbitraries.maps(names, values).ofMaxSize(3);
    }
}
