package vn.thidua.command.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.thidua.command.support.TestDatabase;
import vn.thidua.ledger.Checkpoint;
import vn.thidua.ledger.Merkle;
import vn.thidua.ledger.MerkleTree;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.Sealer;
import vn.thidua.ledger.StoredEvent;
import vn.thidua.ledger.WitnessPolicy;
import vn.thidua.ledger.WitnessPublisher;
import vn.thidua.witness.Witness;
import vn.thidua.witness.WitnessServer;
import vn.thidua.witness.WitnessState;

/**
 * The sealer on a real PostgreSQL with the command side's schema: appends that commit out of global-index order,
 * appends rolled back or held open, two sealers racing for one store. Every event ends up sealed exactly once, in
 * one tree whose signed checkpoints all agree with each other; a store rewritten by its owner halts the sealer.
 */
class SealerIT {

    private static final Sealer.Settings SETTINGS =
            new Sealer.Settings(Duration.ofMillis(10), 100);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private PGSimpleDataSource dataSource;
    private JdbcClient jdbc;
    private final NoteKeys.Signer signer = NoteKeys.generate("test.local/ledger");
    private final List<Sealer> sealers = new ArrayList<>();

    @BeforeEach
    void freshStore() {
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(TestDatabase.freshDatabase("sealer"));
        dataSource.setUser("postgres");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterEach
    void stopSealers() {
        sealers.forEach(Sealer::close);
    }

    private Sealer sealer(NoteKeys.Signer key) {
        Sealer sealer = new Sealer(dataSource, key, SETTINGS);
        sealers.add(sealer);
        return sealer;
    }

    @Test
    void twoSealersRacingSealEveryEventExactlyOnceInOneTreeWhateverOrderCommitsComeIn() throws Exception {
        sealer(signer).start();
        sealer(signer).start();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> writing = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writing.add(writers.submit(() -> {
                Random random = new Random(writer);
                for (int i = 0; i < 150; i++) {
                    append("cum-" + writer, i, random.nextInt(15), random.nextInt(10) == 0);
                }
                return null;
            }));
        }
        for (Future<?> done : writing) {
            done.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        writers.shutdown();
        long events = jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
        assertThat(events).isGreaterThan(400);
        await().atMost(PATIENCE).until(() -> count("ledger_leaf") == events);
        await().atMost(PATIENCE).until(() -> jdbc.sql("select sealed_through from ledger_state").query(Long.class)
                .single().equals(jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class)
                        .single()));

        assertThat(jdbc.sql("select count(distinct global_index) from ledger_leaf").query(Long.class).single())
                .isEqualTo(events);
        assertThat(jdbc.sql("select max(leaf_index) from ledger_leaf").query(Long.class).single())
                .isEqualTo(events - 1);
        assertThat(sealers.stream().filter(Sealer::isSealing).count()).isEqualTo(1);
        assertOneConsistentTree();
    }

    @Test
    void anAppendThatCommitsLateIsSealedAfterTheLeavesAlreadySealedAndNothingIsSkipped() throws Exception {
        Sealer sealer = sealer(signer);
        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            long lateIndex = insert(late, "cum-2", 0);
            append("cum-3", 0, 0, false);
            assertThat(sealer.sealRound()).isEqualTo(1);
            assertThat(jdbc.sql("select sealed_through from ledger_state").query(Long.class).single())
                    .as("the watermark waits below the open append").isEqualTo(lateIndex - 1);
            late.commit();
            assertThat(sealer.sealRound()).isEqualTo(1);
            assertThat(jdbc.sql("select global_index from ledger_leaf order by leaf_index").query(Long.class).list())
                    .containsExactly(lateIndex + 1, lateIndex);
            assertThat(jdbc.sql("select sealed_through from ledger_state").query(Long.class).single())
                    .isEqualTo(lateIndex + 1);
        }
        assertOneConsistentTree();
    }

    @Test
    void aRolledBackAppendIsKnownAtTheNextRoundFromPostgresqlsSnapshotWithNoTimeout() throws Exception {
        Sealer sealer = sealer(signer);
        append("cum-2", 0, 0, true);
        append("cum-2", 0, 0, false);
        long gap = jdbc.sql("select min(global_index) from domain_event_entry").query(Long.class).single() - 1;
        assertThat(sealer.sealRound()).isEqualTo(1);
        assertThat(jdbc.sql("select sealed_through from ledger_state").query(Long.class).single())
                .as("no transaction could still fill the rolled-back index").isEqualTo(gap + 1);

        jdbc.sql("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                        + " sequence_number, time_stamp, payload_type, payload) values (?, ?, 'cum-9', 0,"
                        + " '2017-01-01T00:00:00.000Z', 'Forged', '{}')")
                .params(gap, UUID.randomUUID().toString()).update();
        sealer.sealRound();
        assertThat(count("ledger_leaf")).as("an event below the watermark is not sealed: it was inserted")
                .isEqualTo(1);
    }

    /** The gap timeout of old dropped an honest commit slower than a minute; nothing but its end decides now. */
    @Test
    void anAppendHeldOpenKeepsItsGapThroughEveryRoundAndIsSealedWhenItCommits() throws Exception {
        Sealer sealer = sealer(signer);
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            long heldIndex = insert(held, "cum-2", 0);
            for (int round = 0; round < 20; round++) {
                append("cum-3", round, 0, round % 3 == 0);
                sealer.sealRound();
            }
            assertThat(jdbc.sql("select sealed_through from ledger_state").query(Long.class).single())
                    .as("the watermark waits below the open append").isEqualTo(heldIndex - 1);
            assertThat(count("ledger_leaf")).isEqualTo(13);
            held.commit();
            assertThat(sealer.sealRound()).isEqualTo(1);
            assertThat(jdbc.sql("select global_index from ledger_leaf order by leaf_index desc limit 1")
                    .query(Long.class).single()).isEqualTo(heldIndex);
            assertThat(jdbc.sql("select sealed_through from ledger_state").query(Long.class).single())
                    .isEqualTo(jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class)
                            .single());
        }
        assertOneConsistentTree();
    }

    /**
     * The race the fault campaign met: an append takes its transaction id after another transaction's, then its
     * index before that one's, and that one commits first. PostgreSQL's snapshot does not list a transaction above its
     * xmax: the sealer must still wait for it.
     */
    @Test
    void anAppendWhoseTransactionIdIsAboveTheSnapshotsXmaxIsWaitedFor() throws Exception {
        Sealer sealer = sealer(signer);
        sealer.sealRound();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try (var id = first.createStatement().executeQuery("select pg_current_xact_id()")) {
                id.next();
            }
            long held = insert(second, "cum-2", 0);
            insert(first, "cum-3", 0);
            first.commit();
            for (int round = 0; round < 3; round++) {
                sealer.sealRound();
            }
            assertThat(jdbc.sql("select sealed_through from ledger_state").query(Long.class).single())
                    .as("the gap waits for the transaction above the snapshot's xmax").isEqualTo(held - 1);
            second.commit();
        }
        assertThat(sealer.sealRound()).isEqualTo(1);
        assertThat(count("ledger_leaf")).isEqualTo(2);
        assertOneConsistentTree();
    }

    @Test
    void aSealerWithAnotherKeyDoesNotSealTheStore() throws Exception {
        append("cum-2", 0, 0, false);
        assertThat(sealer(signer).sealRound()).isEqualTo(1);
        sealers.get(0).close();
        append("cum-2", 1, 0, false);
        Sealer impostor = sealer(NoteKeys.generate("test.local/ledger"));
        assertThat(impostor.sealRound()).isZero();
        assertThat(impostor.isSealing()).isFalse();
        assertThat(impostor.halted()).hasValueSatisfying(reason -> assertThat(reason).contains("not signed by"));
        assertThat(count("ledger_leaf")).isEqualTo(1);
        assertThat(sealer(signer).sealRound()).isEqualTo(1);
    }

    /**
     * The insider of issue 1: the schema's owner rewrites an event and its sealed leaf hash so that every leaf matches
     * its event, and restarts the sealer. It recomputes the tree, finds the root at its last checkpoint changed, and
     * signs nothing, however many commands follow.
     */
    @Test
    void anEventRewrittenWithItsLeafHashHaltsTheRestartedSealerWhichSignsNothing() throws Exception {
        Sealer first = sealer(signer);
        for (int i = 0; i < 5; i++) {
            append("cum-2", i, 0, false);
        }
        assertThat(first.sealRound()).isEqualTo(5);
        first.close();
        long checkpoints = count("ledger_checkpoint");

        rewriteSecondEventWithItsLeafHash();
        Sealer restarted = sealer(signer);
        append("cum-2", 5, 0, false);
        assertThat(restarted.sealRound()).isZero();
        assertThat(restarted.halted()).hasValueSatisfying(reason ->
                assertThat(reason).contains("does not have the root this log signed"));
        append("cum-2", 6, 0, false);
        assertThat(restarted.sealRound()).isZero();
        assertThat(count("ledger_checkpoint")).as("no checkpoint over the rewritten tree").isEqualTo(checkpoints);
        assertThat(count("ledger_leaf")).isEqualTo(5);
    }

    @Test
    void checkpointsDeletedUnderARunningSealerHaltItBeforeItSignsAgain() throws Exception {
        Sealer sealer = sealer(signer);
        append("cum-2", 0, 0, false);
        append("cum-2", 1, 0, false);
        assertThat(sealer.sealRound()).isEqualTo(2);
        jdbc.sql("delete from ledger_checkpoint where tree_size > 0").update();
        append("cum-2", 2, 0, false);
        assertThat(sealer.sealRound()).isZero();
        assertThat(sealer.halted()).hasValueSatisfying(reason -> assertThat(reason).contains("rewritten"));
        assertThat(count("ledger_checkpoint")).isEqualTo(1);
    }

    /**
     * A split view shown to a witness: before the log's own checkpoint reaches it, the key holder had it cosign
     * another tree of the same size. The publisher finds the witness holding that tree and halts the sealer.
     */
    @Test
    void aWitnessHoldingAnotherTreeOfTheLogsSizeHaltsTheSealer() throws Exception {
        NoteKeys.Signer witnessKey = NoteKeys.generate("test.local/witness", NoteKeys.Type.COSIGNATURE);
        Witness witness = new Witness(witnessKey, List.of(signer.verifier()),
                new WitnessState(Files.createTempDirectory("sealer-witness")), Clock.systemUTC(), note -> { });
        try (WitnessServer server = new WitnessServer(witness, new InetSocketAddress("127.0.0.1", 0))) {
            server.start();
            Sealer sealer = sealer(signer);
            WitnessPolicy policy = WitnessPolicy.configured(signer.verifierKey(),
                    witnessKey.verifierKey() + "@http://127.0.0.1:" + server.port(), 1);
            WitnessPublisher publisher = new WitnessPublisher(dataSource, sealer, policy, Duration.ofSeconds(5));
            for (int i = 0; i < 3; i++) {
                append("cum-2", i, 0, false);
            }
            assertThat(sealer.sealRound()).isEqualTo(3);
            publisher.publishLatest();
            assertThat(count("ledger_cosignature")).as("the log's own tree is cosigned").isEqualTo(1);

            MerkleTree other = new MerkleTree();
            jdbc.sql("select leaf_hash from ledger_leaf order by leaf_index").query(row -> {
                other.append(row.getBytes(1));
            });
            other.append(Merkle.leafHash("shown to the witness only".getBytes(StandardCharsets.UTF_8)));
            other.append(Merkle.leafHash("and this too".getBytes(StandardCharsets.UTF_8)));
            StringBuilder fork = new StringBuilder("old 3\n");
            other.consistencyProof(3, 5).forEach(hash -> fork.append(Base64.getEncoder().encodeToString(hash))
                    .append('\n'));
            fork.append('\n').append(new Checkpoint(signer.name(), 5, other.root(5)).sign(signer));
            assertThat(witness.addCheckpoint(fork.toString()).status()).isEqualTo(200);

            for (int i = 3; i < 5; i++) {
                append("cum-2", i, 0, false);
            }
            assertThat(sealer.sealRound()).isEqualTo(2);
            publisher.publishLatest();
            assertThat(sealer.halted()).hasValueSatisfying(reason -> assertThat(reason).contains("forked"));
            append("cum-2", 5, 0, false);
            assertThat(sealer.sealRound()).isZero();
        }
    }

    /** Edits the second event's payload as the schema owner and writes the leaf hash the edited event makes. */
    private void rewriteSecondEventWithItsLeafHash() {
        long index = jdbc.sql("select global_index from ledger_leaf where leaf_index = 1").query(Long.class).single();
        jdbc.sql("update domain_event_entry set payload = replace(payload, 'btc-bắc-giang', 'btc-hưng-yên')"
                + " where global_index = ?").param(index).update();
        StoredEvent edited = jdbc.sql("select " + StoredEvent.COLUMNS + " from domain_event_entry where global_index = ?")
                .param(index).query((row, i) -> StoredEvent.read(row)).single();
        jdbc.sql("update ledger_leaf set leaf_hash = ? where leaf_index = 1").param(edited.leafHash()).update();
    }

    /** The apps' role appends events and seals them, and may not rewrite either. */
    @Test
    void theAppendOnlyRoleAppendsAndSealsButCannotUpdateOrDeleteEvents() throws Exception {
        jdbc.sql("create role thidua_app login password 'app' in role thidua_appender").update();
        PGSimpleDataSource app = new PGSimpleDataSource();
        app.setURL(dataSource.getURL());
        app.setUser("thidua_app");
        app.setPassword("app");
        try (Connection connection = app.getConnection()) {
            connection.setAutoCommit(false);
            insert(connection, "cum-2", 0);
            connection.commit();
        }
        Sealer sealer = new Sealer(app, signer, SETTINGS);
        sealers.add(sealer);
        assertThat(sealer.sealRound()).isEqualTo(1);
        JdbcClient asApp = JdbcClient.create(app);
        for (String rewrite : List.of("update domain_event_entry set payload = '{}'", "delete from domain_event_entry",
                "update ledger_leaf set leaf_hash = '\\x00'", "delete from ledger_checkpoint")) {
            assertThatThrownBy(() -> asApp.sql(rewrite).update()).as(rewrite)
                    .hasRootCauseInstanceOf(org.postgresql.util.PSQLException.class)
                    .rootCause().hasMessageContaining("permission denied");
        }
    }

    /** Leaves recomputed from the events, every checkpoint signed over the root of its prefix of the one tree. */
    private void assertOneConsistentTree() {
        MerkleTree tree = new MerkleTree();
        jdbc.sql("select l.leaf_hash, e.* from ledger_leaf l join domain_event_entry e"
                        + " on e.event_identifier = l.event_id order by l.leaf_index")
                .query(rows -> {
                    byte[] sealed = rows.getBytes("leaf_hash");
                    assertThat(StoredEvent.read(rows).leafHash()).isEqualTo(sealed);
                    tree.append(sealed);
                });
        NoteKeys.Verifier verifier = NoteKeys.verifier(signer.verifierKey());
        List<Checkpoint> checkpoints = jdbc.sql("select note from ledger_checkpoint order by tree_size")
                .query((row, i) -> Checkpoint.open(row.getString(1), verifier)).list();
        assertThat(checkpoints).isNotEmpty();
        Checkpoint previous = null;
        for (Checkpoint checkpoint : checkpoints) {
            assertThat(checkpoint.rootHash()).isEqualTo(tree.root(checkpoint.size()));
            if (previous != null && previous.size() > 0) {
                Merkle.verifyConsistency(previous.size(), checkpoint.size(), previous.rootHash(),
                        checkpoint.rootHash(), tree.consistencyProof(previous.size(), checkpoint.size()));
            }
            previous = checkpoint;
        }
        assertThat(previous.size()).isEqualTo(tree.size());
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** One append in its own transaction, held open a while (so commits overtake each other), or rolled back. */
    private void append(String aggregate, int sequence, int holdMillis, boolean rollBack) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            insert(connection, aggregate + (rollBack ? "-rolled-back" : ""), sequence);
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (rollBack) {
                connection.rollback();
            } else {
                connection.commit();
            }
        }
    }

    private static long insert(Connection connection, String aggregate, int sequence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into domain_event_entry"
                + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                + " payload_revision, payload, meta_data) values (?, ?, ?, 'EmulationYear', ?, ?, null, ?, ?)"
                + " returning global_index")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregate + ":" + UUID.randomUUID());
            insert.setLong(3, sequence);
            insert.setString(4, "2018-01-15T08:00:00.000Z");
            insert.setString(5, "vn.thidua.events.year.PledgeSigned");
            insert.setString(6, "{\"clusterId\":\"cum-2\",\"year\":2018,\"unitId\":\"btc-bắc-giang\"}");
            insert.setString(7, "{\"actor\":\"cán-bộ\"}");
            try (var result = insert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
