package vn.thidua.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.thidua.command.SeedCluster.BAC_GIANG;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import vn.thidua.command.CommandSideApplication;
import vn.thidua.command.SeedCluster;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.command.support.TestDatabase;
import vn.thidua.command.support.TestLedger;

/**
 * Two command-side replicas on one PostgreSQL, as in production: parallel commands on one aggregate end with exactly
 * the events the rules allow; an Idempotency-Key holds across a restart and across replicas; and a replica that
 * signs in with JWTs accepts the identity provider's tokens and nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final String C = "/api/clusters/cum-2";

    @TempDir
    Path keys;

    private String databaseUrl;
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;
    private JdbcClient jdbc;

    /** A replica on the shared database; {@code settings} override the defaults by name. */
    private static final String AUDIENCE = "thidua";

    private ConfigurableApplicationContext replica(String... settings) {
        Map<String, String> arguments = new LinkedHashMap<>(Map.of("server.port", "0",
                "spring.datasource.url", databaseUrl, "spring.datasource.username", "postgres",
                "spring.datasource.password", "", "thidua.security.mode", "basic",
                "thidua.ledger.signer-key", TestLedger.KEY.encoded()));
        for (String setting : settings) {
            arguments.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        return new SpringApplicationBuilder(CommandSideApplication.class).profiles("postgres")
                .run(arguments.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    private static Http http(ConfigurableApplicationContext replica) {
        return new Http("http://127.0.0.1:" + ((WebServerApplicationContext) replica).getWebServer().getPort());
    }

    private long events(String payloadType) {
        return jdbc.sql("select count(*) from domain_event_entry where payload_type like ?")
                .param("%." + payloadType).query(Long.class).single();
    }

    @BeforeAll
    void startTwoReplicas() {
        databaseUrl = TestDatabase.freshDatabase("replicas_it");
        first = replica();
        second = replica();
        jdbc = second.getBean(JdbcClient.class);
        assertThat(http(first).as(Http.COUNCIL).post("/api/clusters", SeedRequests.formCluster()).status())
                .isEqualTo(201);
        assertThat(http(second).as(Http.COUNCIL).post(C + "/years", SeedRequests.openYear(2017)).status())
                .isEqualTo(201);
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
    }

    private static <T> List<T> inParallel(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    @Order(1)
    void twentyParallelSignaturesOnTwoReplicasRecordEachUnitOnce() throws Exception {
        List<String> units = SeedCluster.unitIds();
        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String unitId = units.get(i % units.size());
            Http replica = http(i % 2 == 0 ? first : second);
            calls.add(() -> replica.asOfficerOf(unitId).post(C + "/years/2017/pledge/signatures",
                    SeedRequests.signature(unitId)));
        }
        List<Http.Response> responses = inParallel(calls);
        long accepted = responses.stream().filter(r -> r.status() == 201).count();
        responses.forEach(r -> assertThat(r.status()).as(r.raw()).isIn(201, 409));
        responses.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertThat(r.code()).isIn("ALREADY_SIGNED", "CONCURRENT_CHANGE"));
        assertThat(events("PledgeSigned")).as("every accepted signature and no other").isEqualTo(accepted);

        for (String unitId : units) {
            Http.Response again = http(first).asOfficerOf(unitId).post(C + "/years/2017/pledge/signatures",
                    SeedRequests.signature(unitId));
            assertThat(again.status()).isIn(201, 409);
        }
        assertThat(events("PledgeSigned")).isEqualTo(14);
        assertThat(jdbc.sql("select count(distinct payload::jsonb ->> 'unitId') from domain_event_entry"
                + " where payload_type like '%.PledgeSigned'").query(Long.class).single()).isEqualTo(14);
    }

    @Test
    @Order(2)
    void parallelElectionsForOneOfficeElectExactlyOneHead() throws Exception {
        List<Callable<Http.Response>> calls = new ArrayList<>();
        List<String> candidates = SeedCluster.unitIds().subList(0, 6);
        for (int i = 0; i < candidates.size(); i++) {
            String candidate = candidates.get(i);
            Http replica = http(i % 2 == 0 ? first : second).as(Http.SECRETARIAT);
            calls.add(() -> replica.post(C + "/elections", SeedRequests.election(2018, "HEAD", candidate, 14, 14)));
        }
        List<Http.Response> responses = inParallel(calls);
        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        responses.stream().filter(r -> r.status() != 201).forEach(r -> {
            assertThat(r.status()).as(r.raw()).isEqualTo(409);
            assertThat(r.code()).isIn("OFFICE_ALREADY_FILLED", "CONCURRENT_CHANGE");
        });
        assertThat(events("ClusterHeadElected")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void anIdempotencyKeyHoldsAcrossARestartAndAcrossReplicas() {
        Map<String, Object> report = SeedRequests.report(BAC_GIANG, 50, 30);
        Http.Response answer = http(first).asOfficerOf(BAC_GIANG).with("Idempotency-Key", "bao-cao-2017-bg")
                .post(C + "/years/2017/reports", report);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);

        first.close();
        first = replica();
        for (ConfigurableApplicationContext replica : List.of(first, second)) {
            Http.Response repeat = http(replica).asOfficerOf(BAC_GIANG).with("Idempotency-Key", "bao-cao-2017-bg")
                    .post(C + "/years/2017/reports", report);
            assertThat(repeat.status()).isEqualTo(201);
            assertThat(repeat.body()).isEqualTo(answer.body());
        }
        assertThat(events("AnnualReportFiled")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aReplicaSigningInWithJwtsAcceptsTheIdentityProvidersTokensOnly() throws Exception {
        KeyPair provider = rsa();
        Path publicKey = keys.resolve("provider.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(provider.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> replica("thidua.security.mode=jwt",
                "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey))
                .as("jwt mode without an audience").hasStackTraceContaining("THIDUA_JWT_AUDIENCE");
        try (ConfigurableApplicationContext jwtReplica = replica("thidua.security.mode=jwt",
                "thidua.security.jwt-audience=" + AUDIENCE,
                "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey)) {
            Http http = http(jwtReplica);
            Map<String, Object> cluster = Map.of("clusterId", "cum-jwt", "name", "Cụm thi đua số 9",
                    "sector", "Ngành Tổ chức xây dựng Đảng", "members", List.of(Map.of("unitId", "btc-hue",
                            "name", "Ban Tổ chức Thành ủy Huế", "province", "Huế")));

            Http.Response council = http.with("Authorization", "Bearer " + token(provider, "nguyen.van.a", "COUNCIL"))
                    .post("/api/clusters", cluster);
            assertThat(council.status()).as(council.raw()).isEqualTo(201);
            assertThat(jdbc.sql("select meta_data::jsonb ->> 'actor' from domain_event_entry"
                    + " where aggregate_identifier = 'cum-jwt'").query(String.class).single())
                    .isEqualTo("nguyen.van.a");

            assertThat(http.with("Authorization", "Bearer " + token(provider, "tran.thi.b", "VIEWER"))
                    .post("/api/clusters", cluster).status()).isEqualTo(403);
            Http.Response unknownRole = http.with("Authorization", "Bearer " + token(provider, "le.van.c",
                    "SUPER_ADMIN")).post("/api/clusters", cluster);
            assertThat(unknownRole.status()).as("a role the system does not know grants nothing").isEqualTo(403);
            assertThat(unknownRole.code()).isEqualTo("FORBIDDEN");
            assertThat(http.with("Authorization", "Bearer " + token(rsa(), "ke.mao.danh", "COUNCIL"))
                    .post("/api/clusters", cluster).status()).isEqualTo(401);
            assertThat(http.with("Authorization", "Bearer " + token(provider, "nguyen.van.a", "COUNCIL",
                    "hop-thu-cong-vu")).post("/api/clusters", cluster).status())
                    .as("the provider's token for another service").isEqualTo(401);
            assertThat(http.as(Http.COUNCIL).post("/api/clusters", cluster).status())
                    .as("no Basic sign-in in jwt mode").isEqualTo(401);
        }
    }

    /**
     * The cluster's decisions see what another replica decided just before: a unit admitted on one replica takes
     * part in a year opened on the other; rules amended on one apply to a year opened on the other.
     */
    @Test
    @Order(5)
    void aYearOpenedOnOneReplicaHasTheMembersAndRulesDecidedOnTheOther() {
        Http.Response admitted = http(first).as(Http.COUNCIL).post(C + "/members", Map.of("unitId", "btc-moi",
                "name", "Ban Tổ chức Tỉnh ủy Mới", "province", "Hà Nội", "reason", "Kết nạp"));
        assertThat(admitted.status()).as(admitted.raw()).isEqualTo(200);
        Http.Response opened = http(second).as(Http.COUNCIL).post(C + "/years", SeedRequests.openYear(2019));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        assertThat(yearOpened("cum-2", 2019)).contains("\"unitId\":\"btc-moi\"");

        Http.Response amended = http(first).as(Http.COUNCIL).post(C + "/rules/amendments", Map.of(
                "effectiveFromYear", 2020, "rules", ONE_FLAG, "minutesRef", "BB-03/HĐ", "reason", "Quy chế mới"));
        assertThat(amended.status()).as(amended.raw()).isEqualTo(200);
        assertThat(http(second).as(Http.COUNCIL).post(C + "/years", SeedRequests.openYear(2020)).status())
                .isEqualTo(201);
        assertThat(yearOpened("cum-2", 2020)).contains("\"flagCap\":{\"count\":1}");
    }

    /**
     * A transfer out of a cluster on one replica and the opening of that cluster's year on the other, sent while
     * the cluster is busy so that both wait: they are decided one after the other, in the order they came, each on
     * the state the other left. Transfer first: the year opens without the unit. Opening first: the unit leaves the
     * year just opened. Never the unit both transferred and a participant.
     */
    @Test
    @Order(6)
    void aTransferAndAnOpeningOnTwoReplicasAreDecidedOneAfterTheOther() throws Exception {
        Http council = http(first).as(Http.COUNCIL);
        for (String cluster : List.of("cum-x", "cum-y", "cum-z")) {
            assertThat(council.post("/api/clusters", Map.of("clusterId", cluster, "name", "Cụm " + cluster,
                    "sector", "Ngành Tổ chức", "members", List.of(unit("btc-a-" + cluster), unit("btc-b-" + cluster))))
                    .status()).isEqualTo(201);
        }
        List<Http.Response> transferFirst = whileBusy("cum-x",
                () -> http(first).as(Http.COUNCIL).post("/api/clusters/cum-x/transfers", Map.of(
                        "unitId", "btc-a-cum-x", "toClusterId", "cum-y", "reason", "Sắp xếp lại")),
                () -> http(second).as(Http.COUNCIL).post("/api/clusters/cum-x/years", SeedRequests.openYear(2025)));
        assertThat(transferFirst).extracting(Http.Response::status).containsExactly(200, 201);
        assertThat(yearOpened("cum-x", 2025)).doesNotContain("btc-a-cum-x").contains("btc-b-cum-x");

        List<Http.Response> openingFirst = whileBusy("cum-z",
                () -> http(second).as(Http.COUNCIL).post("/api/clusters/cum-z/years", SeedRequests.openYear(2025)),
                () -> http(first).as(Http.COUNCIL).post("/api/clusters/cum-z/transfers", Map.of(
                        "unitId", "btc-a-cum-z", "toClusterId", "cum-y", "reason", "Sắp xếp lại")));
        assertThat(openingFirst).extracting(Http.Response::status).containsExactly(201, 200);
        assertThat(yearOpened("cum-z", 2025)).contains("btc-a-cum-z");
        assertThat(jdbc.sql("select payload::text from domain_event_entry where aggregate_identifier = 'cum-z:2025'"
                + " and payload_type like '%ParticipationEnded'").query(String.class).single())
                .contains("\"unitId\":\"btc-a-cum-z\"", "\"cause\":\"TRANSFERRED\"");
    }

    private static final Map<String, Object> ONE_FLAG = Map.of("quorumNumerator", 2, "quorumDenominator", 3,
            "majorityNumerator", 1, "majorityDenominator", 2, "headRotation", true, "flagQuotaPercent", 20,
            "flagCap", Map.of("count", 1));

    private static Map<String, Object> unit(String unitId) {
        return Map.of("unitId", unitId, "name", "Ban Tổ chức " + unitId, "province", "Hà Nội");
    }

    private String yearOpened(String cluster, int year) {
        return jdbc.sql("select payload::text from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%EmulationYearOpened'").param(cluster + ":" + year).query(String.class)
                .single();
    }

    /**
     * Holds the cluster's decision lock in a transaction of the test's own, sends the two requests one after the
     * other (each once it waits on the lock, so that they queue in that order), lets go, and returns their answers.
     */
    private List<Http.Response> whileBusy(String cluster, Callable<Http.Response> earlier,
                                          Callable<Http.Response> later) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try (Connection busy = DriverManager.getConnection(databaseUrl, "postgres", "")) {
            busy.setAutoCommit(false);
            busy.createStatement().execute("select pg_advisory_xact_lock(hashtextextended('thidua cluster "
                    + cluster + "', 0))");
            Future<Http.Response> first = senders.submit(earlier);
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnLocks() == 1);
            Future<Http.Response> second = senders.submit(later);
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnLocks() == 2);
            busy.commit();
            return List.of(first.get(), second.get());
        } finally {
            senders.shutdown();
        }
    }

    private long waitingOnLocks() {
        return jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted")
                .query(Long.class).single();
    }

    /** Basic sign-in outside the embedded default is a choice made explicitly, and the log says what it costs. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void basicSignInOutsideTheEmbeddedDefaultIsWarnedOf(CapturedOutput output) {
        try (ConfigurableApplicationContext basic = replica()) {
            assertThat(output.getOut()).contains("Signing in with HTTP Basic", "outside the embedded default");
        }
    }

    /** Outside the embedded default a replica signs with the key it is given, and does not start without one. */
    @Test
    void aReplicaWithoutItsSigningKeyDoesNotStart() {
        assertThatThrownBy(() -> replica("thidua.ledger.signer-key=",
                "thidua.ledger.signer-key-file=" + Path.of("target", "no-such-folder", "signer.key").toAbsolutePath()))
                .hasStackTraceContaining("The ledger's signing key is missing");
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String token(KeyPair signer, String name, String role) throws Exception {
        return token(signer, name, role, AUDIENCE);
    }

    private static String token(KeyPair signer, String name, String role, String audience) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(name)
                .audience(audience)
                .claim("preferred_username", name)
                .claim("thidua_role", role)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
        return jwt.serialize();
    }
}
