package vn.thidua.query.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.thidua.command.SeedCluster.BAC_GIANG;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;
import static vn.thidua.query.support.OfflineVerifiers.java;
import static vn.thidua.query.support.OfflineVerifiers.python;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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
import vn.thidua.command.support.Http.Response;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.ledger.Checkpoint;
import vn.thidua.ledger.Merkle;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.SignedNote;
import vn.thidua.query.support.BothApps;

/**
 * The ledger's HTTP contract (API.md, "Ledger") with both apps on a real PostgreSQL: checkpoints and the key for
 * anyone, proofs that an independent verifier accepts, receipts per role, and an auditor's attempts to rewrite
 * history with SQL (edit, delete, insert, swap), each named by the verification, hidden by no replay, and caught by
 * the offline verifiers too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerIT {

    private static final String YEARS = "/api/clusters/" + CLUSTER_ID + "/years";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path folder;

    private BothApps apps;
    private Http anonymous;
    private Http auditor;
    private JdbcClient jdbc;
    private String verifierKey;
    private String electionEventId;
    private long lastPosition;
    /** A checkpoint an auditor saved early on, to hold the log to later. */
    private String savedCheckpoint;

    @BeforeAll
    void recordTheSeedStory() {
        apps = BothApps.start("ledger_it");
        anonymous = apps.queries();
        auditor = anonymous.as(Http.AUDITOR);
        jdbc = apps.jdbc();
        Http commands = apps.commands();
        Map<String, Object> formedIn2017 = new HashMap<>(SeedRequests.formCluster());
        formedIn2017.put("occurredOn", "2017-01-05");
        accepted(commands.as(Http.COUNCIL).post("/api/clusters", formedIn2017));
        await().atMost(PATIENCE).ignoreExceptions().until(() -> checkpoint().size() >= 1);
        savedCheckpoint = anonymous.get("/api/ledger/checkpoint").raw();
        accepted(commands.as(Http.COUNCIL).post(YEARS, SeedRequests.openYear(2018)));
        for (String unitId : SeedCluster.unitIds().subList(0, 4)) {
            accepted(commands.asOfficerOf(unitId).post(YEARS + "/2018/pledge/signatures",
                    SeedRequests.signature(unitId)));
        }
        // The election is entered long after the conference that held it: its receipt says so.
        Map<String, Object> heldAtTheConference = new HashMap<>(SeedRequests.election(2018, "HEAD", BAC_GIANG, 14,
                12));
        heldAtTheConference.put("occurredOn", "2017-12-28");
        JsonNode election = accepted(commands.as(Http.SECRETARIAT).post("/api/clusters/" + CLUSTER_ID + "/elections",
                heldAtTheConference));
        lastPosition = election.path("position").asLong();
        electionEventId = jdbc.sql("select event_identifier from domain_event_entry where global_index = ?")
                .param(lastPosition).query(String.class).single();
        long events = jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> checkpoint().size() >= events);
    }

    @AfterAll
    void stop() {
        apps.close();
    }

    private static JsonNode accepted(Response response) {
        assertThat(response.status()).as(response.raw()).isBetween(200, 201);
        return response.body();
    }

    private Checkpoint checkpoint() {
        Response response = anonymous.get("/api/ledger/checkpoint");
        assertThat(response.contentType()).startsWith("text/plain");
        return Checkpoint.open(response.raw(), NoteKeys.verifier(verifierKey()));
    }

    private String verifierKey() {
        if (verifierKey == null) {
            Response key = anonymous.get("/api/ledger/public-key");
            assertThat(key.status()).as(key.raw()).isEqualTo(200);
            verifierKey = key.body().path("verifierKey").asString();
        }
        return verifierKey;
    }

    @Test
    @Order(1)
    void theCheckpointAndThePublicKeyArePublicAndAgree() {
        JsonNode key = anonymous.get("/api/ledger/public-key").body();
        assertThat(key.path("algorithm").asString()).isEqualTo("Ed25519");
        byte[] publicKey = Base64.getDecoder().decode(key.path("publicKey").asString());
        assertThat(publicKey).hasSize(32);
        NoteKeys.Verifier verifier = NoteKeys.verifier(key.path("verifierKey").asString());
        assertThat(verifier.publicKey()).isEqualTo(publicKey);
        assertThat(verifier.name()).isEqualTo(key.path("keyName").asString());
        String note = anonymous.get("/api/ledger/checkpoint").raw();
        assertThat(note).startsWith(verifier.name() + "\n").contains("\n\n\u2014 " + verifier.name() + " ");
        assertThat(checkpoint().size()).isEqualTo(jdbc.sql("select count(*) from domain_event_entry")
                .query(Long.class).single());
    }

    @Test
    @Order(2)
    void aLeafItsInclusionProofAndAConsistencyProofVerifyAgainstSignedCheckpoints() {
        JsonNode leaf = auditor.get("/api/ledger/leaves/" + electionEventId).body();
        long leafIndex = leaf.path("leafIndex").asLong();
        Checkpoint latest = checkpoint();
        JsonNode inclusion = auditor.get("/api/ledger/proof/inclusion?eventId=" + electionEventId).body();
        assertThat(inclusion.path("treeSize").asLong()).isEqualTo(latest.size());
        assertThat(inclusion.path("leafHash").asString()).isEqualTo(leaf.path("leafHash").asString());
        Merkle.verifyInclusion(leafIndex, latest.size(), HEX.parseHex(leaf.path("leafHash").asString()),
                hashes(inclusion.path("hashes")), latest.rootHash());

        Checkpoint early = Checkpoint.open(savedCheckpoint, NoteKeys.verifier(verifierKey()));
        long older = early.size();
        assertThat(auditor.get("/api/ledger/checkpoints/" + older).raw()).isEqualTo(savedCheckpoint);
        assertThat(anonymous.get("/api/ledger/checkpoints/" + older).raw()).as("checkpoints are public")
                .isEqualTo(savedCheckpoint);
        JsonNode consistency = auditor.get("/api/ledger/proof/consistency?from=" + older + "&to=" + latest.size())
                .body();
        Merkle.verifyConsistency(early.size(), latest.size(), early.rootHash(), latest.rootHash(),
                hashes(consistency.path("hashes")));

        assertThat(auditor.get("/api/ledger/proof/consistency?from=0&to=2").code()).isEqualTo("TREE_SIZE_INVALID");
        assertThat(auditor.get("/api/ledger/proof/inclusion?eventId=" + electionEventId + "&treeSize=999999").code())
                .isEqualTo("TREE_SIZE_INVALID");
        assertThat(auditor.get("/api/ledger/leaves/khong-co").code()).isEqualTo("EVENT_NOT_SEALED");
        assertThat(auditor.get("/api/clusters/" + CLUSTER_ID + "/decisions?minPosition=" + lastPosition).body()
                .findValues("leafIndex").stream().map(JsonNode::asLong).toList()).contains(leafIndex);
    }

    @Test
    @Order(3)
    void aReceiptIsVerifiedOfflineByTheJavaToolAndThePythonScriptAndOfficersGetTheirOwnOnly() throws Exception {
        Http.Response electionReceipt = auditor.get("/api/ledger/receipts/" + electionEventId);
        assertThat(electionReceipt.body().path("occurredOn").asString()).isEqualTo("2017-12-28");
        assertThat(electionReceipt.body().path("backdated").asBoolean()).isTrue();
        assertThat(electionReceipt.body().at("/event/metaData").asString()).contains("\"occurredOn\":\"2017-12-28\"");
        Path receipt = Files.writeString(folder.resolve("receipt.json"), electionReceipt.raw());
        assertThat(java("receipt", verifierKey(), receipt.toString())).startsWith("OK");
        assertThat(python("receipt", verifierKey(), receipt.toString())).startsWith("OK");

        String bacGiangSignature = signatureEventOf(BAC_GIANG);
        Http officer = anonymous.asOfficerOf(BAC_GIANG);
        Http.Response signatureReceipt = officer.get("/api/ledger/receipts/" + bacGiangSignature);
        assertThat(signatureReceipt.status()).isEqualTo(200);
        assertThat(signatureReceipt.body().path("backdated").asBoolean()).as("signed the day it was entered").isFalse();
        assertThat(officer.get("/api/ledger/receipts/" + signatureEventOf("btc-hung-yen")).code())
                .isEqualTo("NOT_YOUR_UNIT");
        assertThat(officer.get("/api/ledger/verification").status()).isEqualTo(403);
        assertThat(anonymous.as(Http.VIEWER).get("/api/ledger/proof/inclusion?eventId=" + electionEventId)
                .status()).isEqualTo(403);
        assertThat(anonymous.get("/api/ledger/receipts/" + bacGiangSignature).status()).isEqualTo(401);
        assertThat(auditor.get("/api/ledger/verification").body().path("valid").asBoolean()).isTrue();
    }

    private String signatureEventOf(String unitId) {
        return jdbc.sql("select event_identifier from domain_event_entry where payload_type like '%PledgeSigned'"
                + " and payload like ?").param("%\"unitId\":\"" + unitId + "\"%").query(String.class).single();
    }

    /**
     * The auditor's test: edit a head's election (votes for 12 -> 13) in the event table, replay the decision log:
     * both verifications answer valid:false naming the edited leaf, and the offline verifiers fail on the export.
     */
    @Test
    @Order(4)
    void anElectionEditedWithSqlAndReplayedIsCaughtAtItsLeafEverywhere() throws Exception {
        long leaf = auditor.get("/api/ledger/leaves/" + electionEventId).body().path("leafIndex").asLong();
        assertThat(jdbc.sql("update domain_event_entry set payload = replace(payload, '\"votesFor\":12',"
                + " '\"votesFor\":13') where event_identifier = ?").param(electionEventId).update()).isEqualTo(1);
        for (String model : List.of("decision-log", "scoreboard", "leadership", "timeline", "unit-record",
                "clusters")) {
            assertThat(auditor.as(Http.COUNCIL).post("/api/admin/projections/" + model + "/replay", Map.of())
                    .status()).isEqualTo(202);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            Response decisions = auditor.get("/api/clusters/" + CLUSTER_ID + "/decisions/verification");
            assertThat(decisions.status()).as(decisions.raw()).isEqualTo(200);
            assertThat(decisions.body().path("valid").asBoolean()).isFalse();
            assertThat(decisions.body().path("firstBrokenLeaf").asLong()).isEqualTo(leaf);
        });
        JsonNode ledger = auditor.get("/api/ledger/verification").body();
        assertThat(ledger.path("valid").asBoolean()).isFalse();
        assertThat(ledger.path("firstBrokenLeaf").asLong()).isEqualTo(leaf);
        assertThat(ledger.path("reason").asString()).startsWith("edited");

        Path export = Files.writeString(folder.resolve("export.json"), auditor.get("/api/ledger/export").raw());
        assertThat(java("ledger", verifierKey(), export.toString())).startsWith("FAIL").contains("leaf " + leaf);
        assertThat(python("ledger", verifierKey(), export.toString())).startsWith("FAIL").contains("leaf " + leaf);

        jdbc.sql("update domain_event_entry set payload = replace(payload, '\"votesFor\":13', '\"votesFor\":12')"
                + " where event_identifier = ?").param(electionEventId).update();
        assertThat(auditor.get("/api/ledger/verification").body().path("valid").asBoolean()).isTrue();
        Path restored = Files.writeString(folder.resolve("restored.json"), auditor.get("/api/ledger/export").raw());
        assertThat(python("ledger", verifierKey(), restored.toString())).startsWith("OK");
    }

    @Test
    @Order(5)
    void aDeletedASwappedAndAnInsertedEventAreEachNamed() {
        long sealedThrough = jdbc.sql("select sealed_through from ledger_state").query(Long.class).single();
        String signature = signatureEventOf("btc-hai-duong");
        long leaf = auditor.get("/api/ledger/leaves/" + signature).body().path("leafIndex").asLong();
        Map<String, Object> row = jdbc.sql("select * from domain_event_entry where event_identifier = ?")
                .param(signature).query().singleRow();

        jdbc.sql("delete from domain_event_entry where event_identifier = ?").param(signature).update();
        assertBrokenAt(leaf, "missing");
        jdbc.sql("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                        + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " values (:global_index, :event_identifier, :aggregate_identifier, :sequence_number, :type,"
                        + " :time_stamp, :payload_type, :payload_revision, :payload, :meta_data)")
                .params(row).update();
        assertThat(auditor.get("/api/ledger/verification").body().path("valid").asBoolean()).isTrue();

        long first = jdbc.sql("select global_index from ledger_leaf where leaf_index = 1").query(Long.class).single();
        long second = jdbc.sql("select global_index from ledger_leaf where leaf_index = 2").query(Long.class).single();
        swap(first, second);
        assertBrokenAt(1, "reordered");
        swap(first, second);
        assertThat(auditor.get("/api/ledger/verification").body().path("valid").asBoolean()).isTrue();

        assertThat(sealedThrough).isPositive();
        jdbc.sql("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                + " sequence_number, time_stamp, payload_type, payload) values (0, 'forged', 'cum-2:2018', 99,"
                + " '2018-01-01T00:00:00.000Z', 'vn.thidua.events.year.PledgeSigned', '{}')").update();
        assertBrokenAt(0, "inserted");
        jdbc.sql("delete from domain_event_entry where event_identifier = 'forged'").update();
        assertThat(auditor.get("/api/ledger/verification").body().path("valid").asBoolean()).isTrue();
    }

    /** A kept checkpoint replaced in its table, after a verification already checked it: named all the same. */
    @Test
    @Order(6)
    void aKeptCheckpointReplacedAfterItWasCheckedIsNamed() {
        assertThat(auditor.get("/api/ledger/verification").body().path("valid").asBoolean()).isTrue();
        long size = jdbc.sql("select min(tree_size) from ledger_checkpoint where tree_size > 0").query(Long.class)
                .single();
        String original = jdbc.sql("select note from ledger_checkpoint where tree_size = ?").param(size)
                .query(String.class).single();
        Checkpoint signed = Checkpoint.parse(SignedNote.parse(original).text());
        String forged = signed.sign(NoteKeys.generate(signed.origin()));
        jdbc.sql("update ledger_checkpoint set note = ? where tree_size = ?").params(forged, size).update();
        JsonNode verification = auditor.get("/api/ledger/verification").body();
        assertThat(verification.path("valid").asBoolean()).isFalse();
        assertThat(verification.path("reason").asString()).isEqualTo("CHECKPOINT_INCONSISTENT");
        assertThat(verification.path("firstBrokenCheckpoint").asLong()).isEqualTo(size);
        jdbc.sql("update ledger_checkpoint set note = ? where tree_size = ?").params(original, size).update();
        assertThat(auditor.get("/api/ledger/verification").body().path("valid").asBoolean()).isTrue();
    }

    /**
     * A verification goes on from the last one that held: only the leaves sealed since are recomputed, until a row
     * under it is written, when it starts over from the first leaf and names the edit.
     */
    @Test
    @Order(7)
    void aVerificationRecomputesOnlyWhatIsNewUntilSomethingUnderItIsWritten() {
        JsonNode whole = auditor.get("/api/ledger/verification").body();
        assertThat(whole.path("valid").asBoolean()).as(whole.toString()).isTrue();
        JsonNode again = auditor.get("/api/ledger/verification").body();
        assertThat(again.path("valid").asBoolean()).isTrue();
        assertThat(again.path("leavesRecomputed").asLong()).as(again.toString()).isZero();

        accepted(apps.commands().as(Http.COUNCIL).post("/api/clusters", Map.of("clusterId", "cum-9",
                "name", "Cụm thi đua số 9", "sector", "Ngành Tổ chức xây dựng Đảng", "members", List.of(Map.of(
                        "unitId", "btc-hue", "name", "Ban Tổ chức Thành ủy Huế", "province", "Huế")))));
        long grown = whole.path("treeSize").asLong() + 1;
        await().atMost(PATIENCE).until(() -> checkpoint().size() >= grown);
        JsonNode next = auditor.get("/api/ledger/verification").body();
        assertThat(next.path("valid").asBoolean()).isTrue();
        assertThat(next.path("treeSize").asLong()).isGreaterThanOrEqualTo(grown);
        assertThat(next.path("leavesRecomputed").asLong()).as(next.toString())
                .isBetween(1L, next.path("treeSize").asLong() - whole.path("treeSize").asLong());

        long leaf = auditor.get("/api/ledger/leaves/" + electionEventId).body().path("leafIndex").asLong();
        jdbc.sql("update domain_event_entry set meta_data = meta_data where event_identifier = ?")
                .param(electionEventId).update();
        JsonNode rewritten = auditor.get("/api/ledger/verification").body();
        assertThat(rewritten.path("valid").asBoolean()).as("the same bytes written again").isTrue();
        assertThat(rewritten.path("leavesRecomputed").asLong()).isEqualTo(rewritten.path("treeSize").asLong());
        jdbc.sql("update domain_event_entry set payload = replace(payload, '\"votesFor\":12', '\"votesFor\":11')"
                + " where event_identifier = ?").param(electionEventId).update();
        assertBrokenAt(leaf, "edited");
        jdbc.sql("update domain_event_entry set payload = replace(payload, '\"votesFor\":11', '\"votesFor\":12')"
                + " where event_identifier = ?").param(electionEventId).update();
        assertThat(auditor.get("/api/ledger/verification").body().path("valid").asBoolean()).isTrue();
    }

    /** The export in pages: the same leaves as the whole, each page linking to the next of the same tree. */
    @Test
    @Order(8)
    void theExportComesInPagesOfOneTree() {
        JsonNode whole = auditor.get("/api/ledger/export").body();
        List<JsonNode> paged = new ArrayList<>();
        String next = "/api/ledger/export?limit=7";
        int pages = 0;
        while (next != null) {
            Response page = auditor.get(next);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            assertThat(page.body().path("checkpoint").asString()).isEqualTo(whole.path("checkpoint").asString());
            page.body().path("leaves").forEach(paged::add);
            assertThat(page.body().path("checkpoints").size()).isEqualTo(pages == 0
                    ? whole.path("checkpoints").size() : 0);
            next = page.headers().firstValue("Link").map(link -> link.substring(link.indexOf("/api/"),
                    link.indexOf('>'))).orElse(null);
            pages++;
        }
        assertThat(paged).hasSize(whole.path("leaves").size());
        assertThat(paged.get(paged.size() - 1)).isEqualTo(whole.path("leaves").get(paged.size() - 1));
        assertThat(pages).isEqualTo((paged.size() + 6) / 7);
        assertThat(auditor.get("/api/ledger/export?limit=0").status()).isEqualTo(400);
        assertThat(auditor.get("/api/ledger/export?treeSize=999999").status()).isEqualTo(400);
    }

    private void swap(long first, long second) {
        jdbc.sql("update domain_event_entry set global_index = -1 where global_index = ?").param(first).update();
        jdbc.sql("update domain_event_entry set global_index = ? where global_index = ?").params(first, second)
                .update();
        jdbc.sql("update domain_event_entry set global_index = ? where global_index = -1").param(second).update();
    }

    private void assertBrokenAt(long leaf, String reason) {
        JsonNode verification = auditor.get("/api/ledger/verification").body();
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isFalse();
        assertThat(verification.path("firstBrokenLeaf").asLong()).as(verification.toString()).isEqualTo(leaf);
        assertThat(verification.path("reason").asString()).startsWith(reason);
    }

    private static List<byte[]> hashes(JsonNode hexes) {
        List<byte[]> hashes = new ArrayList<>();
        hexes.forEach(hex -> hashes.add(HEX.parseHex(hex.asString())));
        return hashes;
    }
}
