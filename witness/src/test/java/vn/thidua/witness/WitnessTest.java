package vn.thidua.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.SignedNote;

/**
 * Every answer C2SP tlog-witness gives to {@code add-checkpoint}, the split view it exists to stop, and the race its
 * spec warns of: two requests checked against the same old size must never roll the witnessed tree back.
 */
class WitnessTest {

    private static final long NOW = 1_764_460_800L;

    @TempDir
    Path folder;

    private final WitnessLog log = WitnessLog.of(300);
    private final NoteKeys.Signer key = NoteKeys.generate("witness.test/so-noi-vu", NoteKeys.Type.COSIGNATURE);
    private final List<String> evidence = Collections.synchronizedList(new ArrayList<>());
    private Witness witness;

    @BeforeEach
    void start() throws Exception {
        witness = witnessOn(folder);
    }

    private Witness witnessOn(Path state) throws Exception {
        return new Witness(key, List.of(log.key.verifier()), new WitnessState(state),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), evidence::add);
    }

    @Test
    void aFirstCheckpointIsCosignedAndItsCosignatureVerifiesAsC2spSays() {
        Witness.Answer answer = witness.addCheckpoint(log.request(0, 10));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).startsWith("\u2014 witness.test/so-noi-vu ").endsWith("\n");
        SignedNote.Parsed cosigned = SignedNote.parse(log.checkpoint(10) + answer.body());
        assertThat(SignedNote.cosignedAt(cosigned, key.verifier())).contains(NOW);
        String[] vkey = key.verifierKey().split("\\+", 3);
        assertThat(vkey[0]).isEqualTo("witness.test/so-noi-vu");
        assertThat(java.util.Base64.getDecoder().decode(vkey[2])[0]).as("a vkey of signature type 0x04")
                .isEqualTo((byte) 0x04);
    }

    @Test
    void aLaterCheckpointNeedsTheConsistencyProofFromTheSizeCosignedLast() {
        assertThat(witness.addCheckpoint(log.request(0, 10)).status()).isEqualTo(200);
        assertThat(witness.addCheckpoint(log.request(10, 137)).status()).isEqualTo(200);
        assertThat(witness.addCheckpoint(log.request(137, 137)).status()).as("the same tree again").isEqualTo(200);

        Witness.Answer stale = witness.addCheckpoint(log.request(10, 200));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).isEqualTo("text/x.tlog.size");
        assertThat(stale.body()).isEqualTo("137\n");
        assertThat(witness.addCheckpoint(log.request(0, 200)).body()).isEqualTo("137\n");
    }

    @Test
    void whatIsNotAWellFormedRequestIs400() {
        String checkpoint = log.checkpoint(10);
        for (String malformed : List.of("", "old 0", "old 01\n\n" + checkpoint, "old -1\n\n" + checkpoint,
                "new 0\n\n" + checkpoint, "old 0\nnot base64!\n\n" + checkpoint, "old 0\n" + checkpoint,
                "old 0\n\nnot a checkpoint\n", "old 11\n\n" + checkpoint)) {
            assertThat(witness.addCheckpoint(malformed).status()).as(malformed).isEqualTo(400);
        }
        assertThat(witness.addCheckpoint("old 0\n" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n" + checkpoint)
                .status()).as("a proof from size 0").isEqualTo(400);
        assertThat(witness.addCheckpoint("old 0\n" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n".repeat(64)
                + "\n" + checkpoint).status()).as("more than 63 proof lines").isEqualTo(400);
        assertThat(witness.addCheckpoint(new byte[] {'o', 'l', 'd', ' ', '0', '\n', '\n', (byte) 0xC3}).status())
                .as("not UTF-8").isEqualTo(400);
    }

    @Test
    void anUnknownLogIs404AndACheckpointItsKeyDidNotSignIs403() {
        WitnessLog stranger = WitnessLog.of(5);
        NoteKeys.Signer other = NoteKeys.generate("another.example/log");
        String unknownOrigin = "old 0\n\n" + new vn.thidua.ledger.Checkpoint(other.name(), 5, stranger.tree.root(5))
                .sign(other);
        assertThat(witness.addCheckpoint(unknownOrigin).status()).isEqualTo(404);
        assertThat(witness.addCheckpoint(stranger.request(0, 5)).status())
                .as("the same origin signed by another key").isEqualTo(403);
        String edited = log.request(0, 10).replace("\n10\n", "\n11\n");
        assertThat(witness.addCheckpoint(edited).status()).as("a signature that does not verify").isEqualTo(403);
        assertThat(witness.addCheckpoint(log.request(0, 10)).status()).isEqualTo(200);
    }

    @Test
    void aSplitViewIsRefusedWhicheverWayItIsOffered() {
        WitnessLog fork = log.forkedAt(42);
        assertThat(witness.addCheckpoint(log.request(0, 100)).status()).isEqualTo(200);

        Witness.Answer sameSize = witness.addCheckpoint(fork.request(100, 100));
        assertThat(sameSize.status()).as("another tree of the size cosigned").isEqualTo(409);
        assertThat(sameSize.body()).isEqualTo("100\n");
        Witness.Answer extended = witness.addCheckpoint(fork.request(100, 150));
        assertThat(extended.status()).as("the forked tree grown, its proof from its own old root").isEqualTo(422);
        assertThat(evidence).hasSize(2);
        assertThat(witness.addCheckpoint(log.request(100, 150)).status()).as("the honest log goes on").isEqualTo(200);
    }

    @Test
    void whatWasCosignedIsKeptOnDiskForTheNextStart() throws Exception {
        assertThat(witness.addCheckpoint(log.request(0, 64)).status()).isEqualTo(200);
        Witness restarted = witnessOn(folder);
        assertThat(restarted.addCheckpoint(log.request(0, 70)).body()).isEqualTo("64\n");
        assertThat(restarted.addCheckpoint(log.forkedAt(3).request(64, 70)).status()).isEqualTo(422);
        try (var files = Files.list(folder)) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .as("no half-written file left").noneMatch(name -> name.endsWith(".new"));
        }
    }

    /** The race of the spec: requests learn the size, then race to extend it; none may move it back. */
    @Test
    void racingRequestsNeverRollTheWitnessedTreeBack() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Long>> largestCosigned = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            Random random = new Random(c);
            largestCosigned.add(clients.submit(() -> {
                long largest = 0;
                for (int i = 0; i < 150; i++) {
                    Witness.Answer probe = witness.addCheckpoint(log.request(0, 1));
                    long held = probe.status() == 200 ? 1 : Long.parseLong(probe.body().strip());
                    long target = held + 1 + random.nextInt((int) Math.max(1, Math.min(20, 300 - held - 1)));
                    if (target > 300) {
                        break;
                    }
                    Witness.Answer answer = witness.addCheckpoint(log.request(held, target));
                    assertThat(answer.status()).as(answer.body()).isIn(200, 409);
                    if (answer.status() == 200) {
                        largest = Math.max(largest, target);
                    }
                }
                return largest;
            }));
        }
        long largest = 0;
        for (Future<Long> client : largestCosigned) {
            largest = Math.max(largest, client.get(60, TimeUnit.SECONDS));
        }
        clients.shutdown();
        assertThat(largest).isGreaterThan(100);
        assertThat(witness.addCheckpoint(log.request(0, 300)).body())
                .as("the witness holds the largest tree it cosigned").isEqualTo(largest + "\n");
    }
}
