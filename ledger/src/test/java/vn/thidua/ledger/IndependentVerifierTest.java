package vn.thidua.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/**
 * The proofs, receipts and exports this module produces, checked by the README's Python script (an implementation
 * that shares no code with ours, down to its own Ed25519) and by the Java tool: both must say OK to what is true and
 * FAIL to what was tampered with, for trees larger than the published vectors. Event texts hold Vietnamese,
 * quotes, backslashes and control characters, so the two canonical JSON writers are compared too. Both enforce a
 * witness policy (k of n cosignatures, C2SP tlog-cosignature), every checkpoint the log kept and the one an auditor
 * kept ({@code --since}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndependentVerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    private static final int SIZE = 1000;
    private static final int OLDER_SIZE = 377;

    @TempDir
    Path folder;

    private final List<StoredEvent> events = new ArrayList<>();
    private final MerkleTree tree = new MerkleTree();
    private final NoteKeys.Signer signer = NoteKeys.generate("thidua.example/ledger");
    private final List<NoteKeys.Signer> witnesses = List.of(
            NoteKeys.generate("witness.example/ban-to-chuc-bac-giang", NoteKeys.Type.COSIGNATURE),
            NoteKeys.generate("witness.example/hoi-dong-thi-dua", NoteKeys.Type.COSIGNATURE),
            NoteKeys.generate("witness.example/thanh-tra", NoteKeys.Type.COSIGNATURE));
    private String key;

    @BeforeAll
    void buildALog() {
        for (int i = 0; i < SIZE; i++) {
            StoredEvent event = new StoredEvent(i + 1, "cum-2:2017", "e-" + i,
                    i % 7 == 0 ? null : "{\"actor\":\"thu-ky-cum-2\",\"role\":\"SECRETARIAT\"}",
                    "{\"unitName\":\"Ban Tổ chức Tỉnh ủy Bắc Giang\",\"note\":\"\\\"đạt\\\" \\\\ \\n\\t\\u0001 ✓ 𝄞\","
                            + "\"score\":" + i + "}",
                    i % 3 == 0 ? null : "1", "vn.thidua.events.year.AnnualReportFiled", i, "2018-01-1" + (i % 10)
                    + "T08:00:00.000Z");
            events.add(event);
            tree.append(event.leafHash());
        }
        key = signer.verifierKey();
    }

    /** The policy file: the log's key, the three witnesses, two of them needed. */
    private String policy() throws IOException {
        return write("policy.json", new WitnessPolicy(signer.verifier(), witnesses.stream()
                .map(w -> new WitnessPolicy.Witness(w.verifier(), "http://127.0.0.1:1")).toList(), 2).toJson())
                .toString();
    }

    private String checkpoint(long size) {
        return new Checkpoint("thidua.example/ledger", size, tree.root(size)).sign(signer);
    }

    /** The checkpoint with the cosignatures of the first {@code count} witnesses. */
    private String cosigned(long size, int count) {
        String note = checkpoint(size);
        String text = SignedNote.parse(note).text();
        StringBuilder cosignedNote = new StringBuilder(note);
        witnesses.subList(0, count).forEach(w -> cosignedNote.append(SignedNote.cosign(text, w, 1_700_000_000L)));
        return cosignedNote.toString();
    }

    private Map<String, Object> receipt(int leaf) {
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("event", events.get(leaf).leafInput());
        receipt.put("leafIndex", leaf);
        receipt.put("treeSize", SIZE);
        receipt.put("hashes", tree.inclusionProof(leaf, SIZE).stream().map(HEX::formatHex).toList());
        receipt.put("checkpoint", checkpoint(SIZE));
        return receipt;
    }

    @Test
    void receiptsAreAcceptedByBothVerifiersAndAnEditedEventByNeither() throws Exception {
        for (int leaf : new int[] {0, 1, 376, 511, 512, 999}) {
            Path file = write("receipt-" + leaf + ".json", receipt(leaf));
            assertThat(bothSay("receipt", key, file.toString())).as("leaf " + leaf).isEqualTo("OK");
        }
        Map<String, Object> edited = receipt(512);
        @SuppressWarnings("unchecked")
        Map<String, Object> event = new LinkedHashMap<>((Map<String, Object>) edited.get("event"));
        event.put("payload", event.get("payload").toString().replace("\"score\":512", "\"score\":513"));
        edited.put("event", event);
        assertThat(bothSay("receipt", key, write("edited.json", edited).toString())).isEqualTo("FAIL");
        String impostor = NoteKeys.generate("thidua.example/ledger").verifierKey();
        assertThat(bothSay("receipt", impostor, write("r.json", receipt(3)).toString())).isEqualTo("FAIL");
    }

    @Test
    void aReceiptCountsUnderAPolicyOnlyWithAQuorumOfValidCosignatures() throws Exception {
        Map<String, Object> witnessed = receipt(511);
        witnessed.put("checkpoint", cosigned(SIZE, 2));
        assertThat(bothSay("receipt", policy(), write("witnessed.json", witnessed).toString())).isEqualTo("OK");
        assertThat(python("receipt", policy(), write("w.json", witnessed).toString()))
                .contains("witness.example/ban-to-chuc-bac-giang, witness.example/hoi-dong-thi-dua");

        Map<String, Object> oneWitness = receipt(511);
        oneWitness.put("checkpoint", cosigned(SIZE, 1));
        Path short1 = write("one-witness.json", oneWitness);
        assertThat(bothSay("receipt", policy(), short1.toString())).isEqualTo("FAIL");
        assertThat(java("receipt", policy(), short1.toString())).contains("the quorum is 2");

        // A cosignature over another tree of the same size does not count, nor one by a key the policy lacks.
        String forgedRoot = new Checkpoint("thidua.example/ledger", SIZE, tree.root(SIZE - 1)).sign(signer);
        String stolen = cosigned(SIZE, 2).substring(checkpoint(SIZE).length());
        Map<String, Object> replayed = receipt(511);
        replayed.put("checkpoint", checkpoint(SIZE) + SignedNote.cosign(SignedNote.parse(forgedRoot).text(),
                witnesses.get(0), 1_700_000_000L) + stolen.substring(stolen.indexOf('\n') + 1));
        assertThat(bothSay("receipt", policy(), write("replayed.json", replayed).toString())).isEqualTo("FAIL");
        NoteKeys.Signer stranger = NoteKeys.generate("witness.example/hoi-dong-thi-dua", NoteKeys.Type.COSIGNATURE);
        Map<String, Object> strangers = receipt(511);
        String text = SignedNote.parse(checkpoint(SIZE)).text();
        strangers.put("checkpoint", cosigned(SIZE, 1) + SignedNote.cosign(text, stranger, 1_700_000_000L));
        assertThat(bothSay("receipt", policy(), write("stranger.json", strangers).toString())).isEqualTo("FAIL");
        // Inline JSON works as a policy too.
        assertThat(bothSay("receipt", Files.readString(Path.of(policy())), write("inline.json", witnessed).toString()))
                .isEqualTo("OK");
    }

    @Test
    void aConsistencyProofBetweenTwoCheckpointsIsAcceptedAndAForgedTreeIsNot() throws Exception {
        Path older = text("older.txt", checkpoint(OLDER_SIZE));
        Path newer = text("newer.txt", checkpoint(SIZE));
        Path proof = write("proof.json", Map.of("from", OLDER_SIZE, "to", SIZE, "hashes",
                tree.consistencyProof(OLDER_SIZE, SIZE).stream().map(HEX::formatHex).toList()));
        assertThat(bothSay("consistency", key, older.toString(), newer.toString(), proof.toString()))
                .isEqualTo("OK");

        MerkleTree forged = new MerkleTree();
        for (int i = 0; i < SIZE; i++) {
            forged.append(i == 100 ? Merkle.leafHash("rewritten".getBytes(StandardCharsets.UTF_8)) : tree.leaf(i));
        }
        Path forgedNewer = text("forged.txt",
                new Checkpoint("thidua.example/ledger", SIZE, forged.root(SIZE)).sign(signer));
        Path forgedProof = write("forged-proof.json", Map.of("from", OLDER_SIZE, "to", SIZE, "hashes",
                forged.consistencyProof(OLDER_SIZE, SIZE).stream().map(HEX::formatHex).toList()));
        assertThat(bothSay("consistency", key, older.toString(), forgedNewer.toString(), forgedProof.toString()))
                .isEqualTo("FAIL");
    }

    @Test
    void aWholeLedgerVerifiesUntilOneEventIsEdited() throws Exception {
        List<Map<String, Object>> leaves = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            Map<String, Object> leaf = new LinkedHashMap<>();
            leaf.put("leafIndex", i);
            leaf.put("leafHash", HEX.formatHex(tree.leaf(i)));
            leaf.put("event", events.get(i).leafInput());
            leaves.add(leaf);
        }
        Map<String, Object> export = new LinkedHashMap<>(Map.of("checkpoint", cosigned(SIZE, 3), "leaves", leaves,
                "checkpoints", List.of(checkpoint(1), checkpoint(OLDER_SIZE), checkpoint(512), cosigned(SIZE, 3))));
        assertThat(bothSay("ledger", key, write("export.json", export).toString())).isEqualTo("OK");
        assertThat(bothSay("ledger", policy(), write("export.json", export).toString())).isEqualTo("OK");
        Path kept = text("kept.txt", checkpoint(OLDER_SIZE));
        assertThat(bothSay("ledger", policy(), folder.resolve("export.json").toString(), "--since", kept.toString()))
                .isEqualTo("OK");

        Map<String, Object> edited = new LinkedHashMap<>(events.get(640).leafInput());
        edited.put("timestamp", "2018-01-01T08:00:00.001Z");
        leaves.get(640).put("event", edited);
        Path tampered = write("tampered.json", export);
        assertThat(bothSay("ledger", key, tampered.toString())).isEqualTo("FAIL");
        assertThat(java("ledger", key, tampered.toString())).contains("leaf 640");
        assertThat(python("ledger", key, tampered.toString())).contains("leaf 640");
    }

    /**
     * The insider: an event rewritten together with its sealed leaf hash, and a new checkpoint signed over the
     * rewritten tree. Every leaf matches its event, but the checkpoints the log kept before, and the one an auditor
     * kept, are not prefixes of the new tree; and no witness would cosign it, so the quorum fails too.
     */
    @Test
    void aTreeRewrittenWithItsLeafHashesBreaksTheCheckpointsKeptBefore() throws Exception {
        MerkleTree rewritten = new MerkleTree();
        List<Map<String, Object>> leaves = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            Map<String, Object> event = new LinkedHashMap<>(events.get(i).leafInput());
            if (i == 200) {
                event.put("payload", event.get("payload").toString().replace("\"score\":200", "\"score\":999"));
            }
            byte[] leafHash = Merkle.leafHash(CanonicalJson.write(event).getBytes(StandardCharsets.UTF_8));
            rewritten.append(leafHash);
            leaves.add(new LinkedHashMap<>(Map.of("leafIndex", i, "leafHash", HEX.formatHex(leafHash),
                    "event", event)));
        }
        String resigned = new Checkpoint("thidua.example/ledger", SIZE, rewritten.root(SIZE)).sign(signer);
        Map<String, Object> alone = Map.of("checkpoint", resigned, "leaves", leaves);
        assertThat(bothSay("ledger", key, write("alone.json", alone).toString()))
                .as("without anything kept, a rewrite signed by the log's own key looks whole").isEqualTo("OK");
        assertThat(bothSay("ledger", policy(), write("alone.json", alone).toString()))
                .as("no witness cosigned it").isEqualTo("FAIL");

        Path withKept = write("with-kept.json", Map.of("checkpoint", resigned, "leaves", leaves,
                "checkpoints", List.of(checkpoint(OLDER_SIZE), resigned)));
        assertThat(bothSay("ledger", key, withKept.toString())).isEqualTo("FAIL");
        assertThat(java("ledger", key, withKept.toString())).contains("CHECKPOINT_INCONSISTENT")
                .contains("size " + OLDER_SIZE);
        assertThat(python("ledger", key, withKept.toString())).contains("CHECKPOINT_INCONSISTENT");
        Path auditors = text("auditors.txt", checkpoint(512));
        assertThat(bothSay("ledger", key, folder.resolve("alone.json").toString(), "--since", auditors.toString()))
                .isEqualTo("FAIL");
        assertThat(python("ledger", key, folder.resolve("alone.json").toString(), "--since", auditors.toString()))
                .contains("you kept");
    }

    /** Runs both verifiers and returns their common first word; fails when they disagree. */
    private String bothSay(String... args) throws Exception {
        String java = java(args);
        String python = python(args);
        assertThat(python.split(" ")[0]).as("Java said: " + java + "; Python said: " + python)
                .isEqualTo(java.split(" ")[0]);
        return java.split(" ")[0];
    }

    private static String java(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OfflineVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private static String python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", Path.of("verify-ledger.py").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private Path write(String name, Object json) throws IOException {
        return Files.writeString(folder.resolve(name), JSON.writeValueAsString(json), StandardCharsets.UTF_8);
    }

    private Path text(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }
}
