package vn.thidua.query.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;
import static vn.thidua.query.support.OfflineVerifiers.java;
import static vn.thidua.query.support.OfflineVerifiers.python;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import vn.thidua.command.SeedCluster;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.command.support.TestLedger;
import vn.thidua.ledger.Checkpoint;
import vn.thidua.ledger.Merkle;
import vn.thidua.ledger.MerkleTree;
import vn.thidua.ledger.StoredEvent;
import vn.thidua.ledger.WitnessPolicy;
import vn.thidua.query.support.BothApps;
import vn.thidua.query.support.InProcessWitness;

/**
 * The ledger that holds against its operator (API.md, "Witnesses, the trust policy and checkpoints that cannot be
 * forked"), with both apps and two witnesses, quorum 2, on a real PostgreSQL: checkpoints count once both cosigned,
 * receipts carry the cosignatures and pass both offline verifiers under the published policy, a witness that was
 * down catches up, an append held open for 90 seconds is sealed when it commits, and the insider who rewrites an
 * event with its leaf hash and restarts the command side gets no new checkpoint, a halted sealer, a verification
 * that says CHECKPOINT_INCONSISTENT and witnesses that refuse the forked tree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WitnessedLedgerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration HELD_OPEN = Duration.ofSeconds(90);

    @TempDir
    static Path folder;

    private final List<InProcessWitness> witnesses = new ArrayList<>();
    private BothApps apps;
    private Http commands;
    private Http auditor;
    private JdbcClient jdbc;
    private Path policy;

    @BeforeAll
    void start() throws Exception {
        witnesses.add(InProcessWitness.start("witness.test/ban-to-chuc-bac-giang", folder.resolve("witness-0")));
        witnesses.add(InProcessWitness.start("witness.test/ban-thi-dua-khen-thuong", folder.resolve("witness-1")));
        String[] trust = InProcessWitness.trust(witnesses, 2);
        apps = BothApps.start("witnessed_ledger", trust, trust);
        commands = apps.commands().as(Http.COUNCIL);
        auditor = apps.queries().as(Http.AUDITOR);
        jdbc = apps.jdbc();
        Map<String, Object> formed = new HashMap<>(SeedRequests.formCluster());
        formed.put("occurredOn", "2017-01-05");
        accepted(commands.post("/api/clusters", formed));
        accepted(commands.post("/api/clusters/" + CLUSTER_ID + "/years", SeedRequests.openYear(2018)));
        for (String unitId : SeedCluster.unitIds().subList(0, 3)) {
            accepted(apps.commands().asOfficerOf(unitId).post("/api/clusters/" + CLUSTER_ID
                    + "/years/2018/pledge/signatures", SeedRequests.signature(unitId)));
        }
    }

    @AfterAll
    void stop() {
        apps.close();
        witnesses.forEach(InProcessWitness::close);
    }

    private static JsonNode accepted(Http.Response response) {
        assertThat(response.status()).as(response.raw()).isBetween(200, 201);
        return response.body();
    }

    private long events() {
        return jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
    }

    private WitnessPolicy published() {
        return WitnessPolicy.fromJson(apps.queries().get("/api/ledger/policy").body());
    }

    @Test
    @Order(1)
    void theServedCheckpointCarriesBothCosignaturesAndReceiptsPassBothVerifiersUnderThePolicy() throws Exception {
        JsonNode policyJson = apps.queries().get("/api/ledger/policy").body();
        assertThat(policyJson.at("/log/verifierKey").asString()).isEqualTo(TestLedger.KEY.verifierKey());
        assertThat(policyJson.path("quorum").asInt()).isEqualTo(2);
        assertThat(policyJson.path("witnesses").findValuesAsString("name"))
                .containsExactly("witness.test/ban-to-chuc-bac-giang", "witness.test/ban-thi-dua-khen-thuong");
        policy = Files.writeString(folder.resolve("policy.json"), policyJson.toString());

        long stored = events();
        await().atMost(PATIENCE).ignoreExceptions().until(() ->
                published().check(apps.queries().get("/api/ledger/checkpoint").raw()).checkpoint().size() == stored);
        WitnessPolicy.Witnessed witnessed = published().check(apps.queries().get("/api/ledger/checkpoint").raw());
        assertThat(witnessed.cosigners()).hasSize(2);

        String eventId = jdbc.sql("select event_identifier from domain_event_entry order by global_index desc"
                + " limit 1").query(String.class).single();
        Path receipt = Files.writeString(folder.resolve("receipt.json"),
                auditor.get("/api/ledger/receipts/" + eventId).raw());
        assertThat(java("receipt", policy.toString(), receipt.toString())).startsWith("OK").contains("cosigned by");
        assertThat(python("receipt", policy.toString(), receipt.toString())).startsWith("OK").contains("cosigned by");
        Path export = Files.writeString(folder.resolve("export.json"), auditor.get("/api/ledger/export").raw());
        assertThat(java("ledger", policy.toString(), export.toString())).startsWith("OK");
        assertThat(python("ledger", policy.toString(), export.toString())).startsWith("OK");
        assertThat(auditor.get("/api/ledger/verification").body().path("valid").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void aWitnessThatWasDownCatchesUpAndUntilThenNewerCheckpointsDoNotCount() throws Exception {
        long before = Checkpoint.parse(published().check(apps.queries().get("/api/ledger/checkpoint").raw())
                .checkpoint().body()).size();
        witnesses.get(1).close();
        accepted(apps.commands().asOfficerOf("btc-quang-ninh").post("/api/clusters/" + CLUSTER_ID
                + "/years/2018/pledge/signatures", SeedRequests.signature("btc-quang-ninh")));
        long stored = events();
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from ledger_cosignature where tree_size = ?")
                .param(stored).query(Long.class).single() == 1);
        assertThat(published().check(apps.queries().get("/api/ledger/checkpoint").raw()).checkpoint().size())
                .as("one witness of two is short of the quorum").isEqualTo(before);

        witnesses.get(1).restart();
        await().atMost(PATIENCE).ignoreExceptions().until(() ->
                published().check(apps.queries().get("/api/ledger/checkpoint").raw()).checkpoint().size() == stored);
    }

    /**
     * An append held open for longer than the old gap timeout, while commands flow: sealed when it commits, never
     * called inserted, and the decision log's read of it does not stall.
     */
    @Test
    @Order(3)
    void anAppendHeldOpenNinetySecondsIsSealedWhenItCommitsAndReadsDoNotStall() throws Exception {
        Map<String, Object> formation = jdbc.sql("select * from domain_event_entry where payload_type like"
                + " '%ClusterFormed' order by global_index limit 1").query().singleRow();
        long position;
        long held;
        try (Connection connection = apps.querySideBean(DataSource.class).getConnection()) {
            connection.setAutoCommit(false);
            held = insertFormationOf(connection, "cum-giu-mo", formation);
            Instant until = Instant.now().plus(HELD_OPEN);
            int formed = 0;
            long last = 0;
            while (Instant.now().isBefore(until)) {
                Map<String, Object> cluster = new HashMap<>(SeedRequests.formCluster());
                cluster.put("clusterId", "cum-dong-" + formed++);
                last = accepted(commands.post("/api/clusters", cluster)).path("position").asLong();
                Thread.sleep(3000);
            }
            long sealedLast = last;
            await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from ledger_leaf where global_index = ?")
                    .param(sealedLast).query(Long.class).single() == 1);
            assertThat(jdbc.sql("select count(*) from ledger_leaf where global_index = ?").param(held)
                    .query(Long.class).single()).as("not sealed while it runs").isZero();
            assertThat(jdbc.sql("select sealed_through from ledger_state").query(Long.class).single())
                    .as("the watermark waits below it").isEqualTo(held - 1);
            position = Math.max(held, last);
            connection.commit();
        }
        long committed = System.nanoTime();
        Http.Response decisions = auditor.get("/api/clusters/cum-giu-mo/decisions?minPosition=" + position);
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - committed);
        assertThat(decisions.status()).as(decisions.raw()).isEqualTo(200);
        assertThat(decisions.body().findValuesAsString("type")).contains("ClusterFormed");
        assertThat(answeredIn).as("the read waits for the commit, not for a timeout").isLessThan(Duration.ofSeconds(1));
        JsonNode verification = auditor.get("/api/ledger/verification").body();
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    /** The held append: the cluster's formation as stored, for another cluster and decision, in the open transaction. */
    private static long insertFormationOf(Connection connection, String clusterId, Map<String, Object> formation)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("insert into domain_event_entry"
                + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                + " payload_revision, payload, meta_data) values (?, ?, 0, ?, ?, ?, ?, ?, ?) returning global_index")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, clusterId);
            insert.setObject(3, formation.get("type"));
            insert.setString(4, Instant.now().toString());
            insert.setObject(5, formation.get("payload_type"));
            insert.setObject(6, formation.get("payload_revision"));
            insert.setString(7, formation.get("payload").toString()
                    .replace("\"" + CLUSTER_ID + "\"", "\"" + clusterId + "\"")
                    .replaceAll("\"decisionId\":\"[^\"]*\"", "\"decisionId\":\"" + UUID.randomUUID() + "\""));
            insert.setObject(8, formation.get("meta_data"));
            try (ResultSet index = insert.executeQuery()) {
                index.next();
                return index.getLong(1);
            }
        }
    }

    /**
     * The insider: as the schema's owner, an event and its sealed leaf hash rewritten so that every leaf matches its
     * event, the command side restarted, a command sent.
     */
    @Test
    @Order(4)
    void theInsiderWhoRewritesAnEventWithItsLeafHashGetsNoCheckpointAndIsSeenEverywhere() throws Exception {
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from ledger_cosignature where tree_size ="
                + " (select max(tree_size) from ledger_checkpoint)").query(Long.class).single() == 2);
        long checkpoints = jdbc.sql("select count(*) from ledger_checkpoint").query(Long.class).single();
        long latestSize = jdbc.sql("select max(tree_size) from ledger_checkpoint").query(Long.class).single();
        String signature = jdbc.sql("select event_identifier from domain_event_entry where payload_type like"
                + " '%PledgeSigned' order by global_index limit 1").query(String.class).single();
        jdbc.sql("update domain_event_entry set payload = regexp_replace(payload, '\"name\":\"[^\"]*\"',"
                + " '\"name\":\"Người khác\"') where event_identifier = ?").param(signature).update();
        String edited = jdbc.sql("select " + StoredEvent.COLUMNS + " from domain_event_entry"
                        + " where event_identifier = ?").param(signature)
                .query((row, i) -> StoredEvent.read(row)).single().canonicalJson();
        byte[] forgedLeaf = Merkle.leafHash(edited.getBytes(StandardCharsets.UTF_8));
        jdbc.sql("update ledger_leaf set leaf_hash = ? where event_id = ?").params(forgedLeaf, signature).update();

        apps.restartCommandSide();
        commands = apps.commands().as(Http.COUNCIL);
        Map<String, Object> cluster = new HashMap<>(SeedRequests.formCluster());
        cluster.put("clusterId", "cum-sau-sua");
        accepted(commands.post("/api/clusters", cluster));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(commands.get("/actuator/prometheus").raw().lines()
                .filter(line -> line.startsWith("thidua_ledger_halted{"))).singleElement().asString().endsWith(" 1.0"));
        assertThat(apps.commands().get("/actuator/health").body().at("/components/ledger/status").asString())
                .isEqualTo("DOWN");
        assertThat(jdbc.sql("select count(*) from ledger_checkpoint").query(Long.class).single())
                .as("no checkpoint signed over the rewritten tree").isEqualTo(checkpoints);

        JsonNode verification = auditor.get("/api/ledger/verification").body();
        assertThat(verification.path("valid").asBoolean()).isFalse();
        assertThat(verification.path("reason").asString()).isEqualTo("CHECKPOINT_INCONSISTENT");
        assertThat(verification.path("firstBrokenCheckpoint").asLong()).isPositive();
        assertThat(verification.path("checkpointsChecked").asLong()).isPositive();

        // What the operator could sign with the log's key over the rewritten tree: each witness refuses it.
        MerkleTree rewritten = new MerkleTree();
        jdbc.sql("select leaf_hash from ledger_leaf order by leaf_index")
                .query(row -> { rewritten.append(row.getBytes(1)); });
        String forkedSameSize = "old " + latestSize + "\n\n" + new Checkpoint(TestLedger.KEY.name(), latestSize,
                rewritten.root(latestSize)).sign(TestLedger.KEY);
        rewritten.append(Merkle.leafHash("one more".getBytes(StandardCharsets.UTF_8)));
        String forkedLonger = "old " + latestSize + "\n" + rewritten.consistencyProof(latestSize, rewritten.size())
                .stream().map(hash -> Base64.getEncoder().encodeToString(hash) + "\n").collect(Collectors.joining())
                + "\n" + new Checkpoint(TestLedger.KEY.name(), rewritten.size(), rewritten.root(rewritten.size()))
                .sign(TestLedger.KEY);
        HttpClient http = HttpClient.newHttpClient();
        for (InProcessWitness witness : witnesses) {
            assertThat(offer(http, witness.port(), forkedSameSize).statusCode()).isEqualTo(409);
            assertThat(offer(http, witness.port(), forkedLonger).statusCode()).isEqualTo(422);
        }
    }

    private static HttpResponse<String> offer(HttpClient http, int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
