package vn.thidua.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.command.CommandSideApplication;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.command.support.TestDatabase;
import vn.thidua.command.support.TestLedger;

/**
 * Bad input, generated: every command endpoint, signed in as the role it is for, gets generated bodies (wrong types,
 * missing and extra fields, huge and negative numbers, long and odd Unicode strings, deep nesting, no JSON at all)
 * under generated content types. Every answer is below 500; every refusal is RFC 7807 and appends nothing.
 */
class BadInputProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final String C = "/api/clusters/cum-2";
    private static final String Y = C + "/years/2017";

    /** method, path, the user it is for, and the fields its body has. */
    private record Endpoint(String method, String path, String user, List<String> fields) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/clusters", Http.COUNCIL, List.of("clusterId", "name", "sector", "members",
                    "rules")),
            new Endpoint("POST", C + "/members", Http.COUNCIL, List.of("unitId", "name", "province", "reason")),
            new Endpoint("POST", C + "/members/btc-ha-nam/withdrawal", Http.COUNCIL, List.of("reason")),
            new Endpoint("POST", C + "/mergers", Http.COUNCIL, List.of("mergedUnitIds", "successor", "effectiveDate",
                    "reason")),
            new Endpoint("POST", C + "/transfers", Http.COUNCIL, List.of("unitId", "toClusterId", "reason")),
            new Endpoint("POST", C + "/dissolution", Http.COUNCIL, List.of("successorClusterId", "reason")),
            new Endpoint("POST", C + "/roster", Http.COUNCIL, List.of("unitIds", "reason")),
            new Endpoint("POST", C + "/rules/amendments", Http.COUNCIL, List.of("effectiveFromYear", "rules",
                    "minutesRef", "reason")),
            new Endpoint("POST", C + "/years", Http.COUNCIL, List.of("year", "scoringTable", "pledge",
                    "pledgeDeadline", "reportDeadline")),
            new Endpoint("POST", Y + "/pledge/signatures", "can-bo-bac-giang", List.of("unitId", "signatory")),
            new Endpoint("POST", Y + "/reports", "can-bo-bac-giang", List.of("unitId", "summary", "selfScores",
                    "bonusPoints", "penaltyPoints", "evidence")),
            new Endpoint("PUT", Y + "/reports/btc-bac-giang", "can-bo-bac-giang", List.of("unitId", "summary",
                    "selfScores", "bonusPoints", "penaltyPoints", "evidence", "reason")),
            new Endpoint("POST", Y + "/reports/btc-bac-giang/assessment", Http.SECRETARIAT, List.of("scores",
                    "bonusPoints", "penaltyPoints", "note")),
            new Endpoint("POST", C + "/elections", Http.SECRETARIAT, List.of("termYear", "office", "unitId", "ballot",
                    "minutesRef")),
            new Endpoint("POST", Y + "/ranking", Http.SECRETARIAT, List.of("note")),
            new Endpoint("POST", Y + "/commendations", Http.SECRETARIAT, List.of("unitId", "award", "ballot",
                    "minutesRef")),
            new Endpoint("POST", C + "/decisions/khong-co/rescission", Http.COUNCIL, List.of("reason")),
            new Endpoint("POST", Y + "/closure", Http.SECRETARIAT, List.of("note")));

    private static ConfigurableApplicationContext app;
    private static JdbcClient jdbc;
    private static String base;

    @BeforeContainer
    static void startTheCommandSide() {
        app = new SpringApplicationBuilder(CommandSideApplication.class).profiles("postgres").run("--server.port=0",
                "--spring.datasource.url=" + TestDatabase.freshDatabase("bad_input"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--thidua.security.mode=basic", "--logging.level.root=WARN", TestLedger.signerKeyArgument());
        jdbc = app.getBean(JdbcClient.class);
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        Http council = new Http(base).as(Http.COUNCIL);
        assertThat(council.post("/api/clusters", SeedRequests.formCluster()).status()).isEqualTo(201);
        assertThat(council.post(C + "/years", SeedRequests.openYear(2017)).status()).isEqualTo(201);
    }

    @AfterContainer
    static void stop() {
        System.out.println("Bad input: " + TRIED.get() + " generated requests, none answered 5xx");
        app.close();
    }

    @Property(tries = 600)
    void everyAnswerIsBelow500AndEveryRefusalIsAProblemThatAppendsNothing(
            @ForAll("endpoints") Endpoint endpoint, @ForAll("bodies") Object body,
            @ForAll("contentTypes") String contentType, @ForAll boolean raw) throws Exception {
        TRIED.incrementAndGet();
        String text = raw && body instanceof String string ? string : JSON.writeValueAsString(shaped(endpoint, body));
        long before = events();
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + endpoint.path()))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (endpoint.user() + ":" + Http.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.ofString());
        String seen = endpoint.method() + " " + endpoint.path() + " " + contentType + " " + text.substring(0,
                Math.min(300, text.length())) + " -> " + response.statusCode() + " " + response.body();
        assertThat(response.statusCode()).as(seen).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(seen)
                    .startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("code").asString()).as(seen).isNotBlank();
            assertThat(events()).as(seen).isEqualTo(before);
        }
    }

    /** Half the time the generated value goes into the endpoint's own fields, the rest of the time as it is. */
    private static Object shaped(Endpoint endpoint, Object body) {
        if (!(body instanceof Map<?, ?>) && java.util.Objects.hashCode(body) % 2 == 0) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (String field : endpoint.fields()) {
                fields.put(field, body);
            }
            return fields;
        }
        return body;
    }

    private static long events() {
        return jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
    }

    @Provide
    Arbitrary<Endpoint> endpoints() {
        return Arbitraries.of(ENDPOINTS);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=UTF-8", "text/plain", "application/xml",
                "application/x-www-form-urlencoded", "application/json; charset=ISO-8859-1");
    }

    @Provide
    Arbitrary<Object> bodies() {
        return value(4);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60).map(s -> (Object) s),
                Arbitraries.strings().withChars("ạảãàáâậầấẩẫăắằặẳẵđĐƯưƠơ \u0000\u202e\ud83d\ude00\"\\{}[]")
                        .ofMinLength(0).ofMaxLength(20000).map(s -> (Object) s),
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.bigDecimals().ofScale(3).map(n -> (Object) n),
                Arbitraries.of((Object) "99999999999999999999999999999999", "-1", "NaN", "2017-13-45", "", " ",
                        "cum-2", "btc-bac-giang", true, false, 1e308, -1e308, Long.MIN_VALUE),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(values -> (Object) new ArrayList<>(values));
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.of("unitId", "year", "ballot", "scores", "members",
                        "successor", "signatory", "criteria", "x", "", "ǆ"), value(depth - 1)).ofMaxSize(5)
                .map(values -> (Object) new LinkedHashMap<>(values));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(2, list),
                net.jqwik.api.Tuple.of(3, map));
    }
}
