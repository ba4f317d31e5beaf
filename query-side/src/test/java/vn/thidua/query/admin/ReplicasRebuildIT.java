package vn.thidua.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.thidua.command.SeedCluster.CLUSTER_ID;

import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import vn.thidua.command.SeedCluster;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.query.support.BothApps;

/**
 * Two query-side replicas on one store, the second not running the scoreboard: it reads the scoreboard the first
 * writes, with {@code minPosition} too; a rebuild asked of either replica, of a model both run (the timeline, the
 * decision log) or of one only the other runs (the scoreboard), is carried out once. Each is rebuilt beside the live
 * one: every read on either replica answers 200 all along (never a 503, never a half-built model), the pledges signed
 * while each is rebuilt are in the rebuilt models, and the decision log's chain comes back the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicasRebuildIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String YEARS = "/api/clusters/" + CLUSTER_ID + "/years";
    private static final String SCOREBOARD = YEARS + "/2017/scoreboard";
    private static final String TIMELINE = YEARS + "/2017/timeline";
    private static final String DECISIONS = "/api/clusters/" + CLUSTER_ID + "/decisions";
    private static final int FIRST_SIGNED = 5;

    private BothApps apps;
    private ConfigurableApplicationContext second;
    private Http first;
    private Http other;
    private long last;
    /** How many units have signed the pledge so far: five before the rebuilds, two more during each. */
    private int signed = FIRST_SIGNED;

    @BeforeAll
    void twoQueryReplicas() {
        apps = BothApps.start("replicas_rebuild_it");
        second = apps.anotherQuerySide("--thidua.read-models.scoreboard.enabled=false");
        first = apps.queries().as(Http.AUDITOR);
        other = BothApps.http(second).as(Http.AUDITOR);
        Http council = apps.commands().as(Http.COUNCIL);
        assertThat(council.post("/api/clusters", SeedRequests.formCluster()).status()).isEqualTo(201);
        assertThat(council.post(YEARS, SeedRequests.openYear(2017)).status()).isEqualTo(201);
        for (String unitId : SeedCluster.unitIds().subList(0, FIRST_SIGNED)) {
            Http.Response signed = apps.commands().asOfficerOf(unitId).post(YEARS + "/2017/pledge/signatures",
                    SeedRequests.signature(unitId));
            assertThat(signed.status()).isEqualTo(201);
            last = signed.body().path("position").asLong();
        }
    }

    @AfterAll
    void stop() {
        second.close();
        apps.close();
    }

    @Test
    void aReplicaReadsAModelItDoesNotRunAndARebuildAskedOfEitherIsDoneOnceWithoutA500() throws Exception {
        Http.Response read = other.get(SCOREBOARD + "?minPosition=" + last);
        assertThat(read.status()).as("a model this replica does not run: " + read.raw()).isEqualTo(200);
        JsonNode scoreboard = read.body();
        JsonNode timeline = awaitOk(first, TIMELINE + "?minPosition=" + last);
        JsonNode decisions = awaitOk(first, DECISIONS + "?minPosition=" + last);
        assertThat(first.get(SCOREBOARD).body().path("rows")).isEqualTo(scoreboard.path("rows"));
        assertThat(other.get("/api/admin/projections").body().findValuesAsString("status")).contains("ELSEWHERE");

        for (String model : List.of("timeline", "scoreboard", "decision-log")) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            AtomicBoolean rebuilding = new AtomicBoolean(true);
            Thread readers = new Thread(() -> {
                while (rebuilding.get()) {
                    for (Http replica : List.of(first, other)) {
                        for (String path : List.of(SCOREBOARD, TIMELINE, DECISIONS)) {
                            Http.Response answer = replica.get(path);
                            seen.add(answer.status() + " " + (answer.status() == 200 ? "" : answer.code()));
                        }
                    }
                }
            });
            readers.start();
            Connection holder = holdingTheRebuild(model);
            try {
                Http.Response asked = other.as(Http.COUNCIL).post("/api/admin/projections/" + model + "/replay",
                        Map.of());
                assertThat(asked.status()).as(asked.raw()).isEqualTo(202);
                assertThat(asked.body().path("replaying").asBoolean()).isTrue();
                Http.Response again = first.as(Http.COUNCIL).post("/api/admin/projections/" + model + "/replay",
                        Map.of());
                assertThat(again.status()).as("a second rebuild while one is under way").isEqualTo(409);
                assertThat(again.code()).isEqualTo("REPLAY_REFUSED");
                List<String> signedDuring = SeedCluster.unitIds().subList(signed, signed + 2);
                for (String unitId : signedDuring) {
                    Http.Response pledge = apps.commands().asOfficerOf(unitId)
                            .post(YEARS + "/2017/pledge/signatures", SeedRequests.signature(unitId));
                    assertThat(pledge.status()).isEqualTo(201);
                    last = pledge.body().path("position").asLong();
                }
                signed += signedDuring.size();
            } finally {
                holder.rollback();
                holder.close();
            }
            await().atMost(PATIENCE).until(() -> apps.jdbc().sql("select (select count(*) from read_model_rebuild)"
                    + " + (select count(*) from ledger_follower where name <> 'decision-log')").query(Long.class)
                    .single() == 0);
            rebuilding.set(false);
            readers.join();
            assertThat(seen).as(model + ", rebuilt beside the live one").containsOnly("200 ");
            List<String> allSigned = SeedCluster.unitIds().subList(0, signed);
            for (Http replica : List.of(first, other)) {
                JsonNode rows = awaitOk(replica, SCOREBOARD + "?minPosition=" + last).path("rows");
                assertThat(rows.size()).isEqualTo(scoreboard.path("rows").size());
                rows.forEach(row -> assertThat(row.path("pledgeSigned").asBoolean()).as(row.toString())
                        .isEqualTo(allSigned.contains(row.path("unitId").asString())));
                JsonNode lines = awaitOk(replica, TIMELINE + "?minPosition=" + last);
                assertThat(lines.size()).as(model + ": every act, those during the rebuild too")
                        .isEqualTo(timeline.size() + signed - FIRST_SIGNED);
                assertThat(lines.toString()).contains(timeline.get(0).path("text").path("vi").asString());
                assertThat(awaitOk(replica, DECISIONS + "?minPosition=" + last)).as(model + ": the same chain")
                        .isEqualTo(decisions);
            }
        }
        assertThat(apps.jdbc().sql("select count(*) from read_model_rebuild").query(Long.class).single()).isZero();
    }

    /**
     * Holds the model's rebuild under way until the returned transaction ends, so that a second request finds it so
     * however fast it would be: a folded model's build waits to clear what an earlier build left beside (a row this
     * transaction holds), the decision log's switch waits for its live follower's row.
     */
    private Connection holdingTheRebuild(String model) throws SQLException {
        if (!model.equals("decision-log")) {
            apps.jdbc().sql("insert into read_document (model, doc_key, versions, body) values (?, 'held', '{}', '{}')")
                    .param(model + "-beside").update();
        }
        Connection holder = apps.querySideBean(DataSource.class).getConnection();
        holder.setAutoCommit(false);
        try (PreparedStatement hold = holder.prepareStatement(model.equals("decision-log")
                ? "select 1 from ledger_follower where name = ? for update"
                : "select 1 from read_document where model = ? || '-beside' for update")) {
            hold.setString(1, model);
            hold.executeQuery().close();
        }
        return holder;
    }

    private static JsonNode awaitOk(Http replica, String path) {
        await().atMost(PATIENCE).until(() -> replica.get(path).status() == 200);
        return replica.get(path).body();
    }
}
