package vn.thidua.ledger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auditor's verifier: needs nothing of the server but files it served and the log's verifier key.
 * <pre>
 *   java -jar ledger-verifier.jar receipt     KEY receipt.json
 *   java -jar ledger-verifier.jar consistency KEY old-checkpoint.txt new-checkpoint.txt proof.json
 *   java -jar ledger-verifier.jar ledger      KEY export.json
 * </pre>
 * Prints one line, {@code OK ...} or {@code FAIL ...}, and exits 0 or 1 (2 for wrong arguments). The README's
 * Python script does the same with the standard library only.
 */
public final class OfflineVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs one check and prints its verdict; returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        if (args.length < 3) {
            out.println("usage: receipt KEY receipt.json | consistency KEY old.txt new.txt proof.json"
                    + " | ledger KEY export.json");
            return 2;
        }
        try {
            NoteKeys.Verifier key = NoteKeys.verifier(args[1]);
            String verdict = switch (args[0]) {
                case "receipt" -> receipt(key, read(args[2]));
                case "consistency" -> {
                    if (args.length != 5) {
                        throw new ProofException("consistency needs two checkpoints and a proof");
                    }
                    yield consistency(key, text(args[2]), text(args[3]), read(args[4]));
                }
                case "ledger" -> ledger(key, read(args[2]));
                default -> throw new ProofException("unknown check " + args[0]);
            };
            out.println("OK " + verdict);
            return 0;
        } catch (ProofException e) {
            out.println("FAIL " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("FAIL unreadable input: " + e.getMessage());
            return 1;
        }
    }

    /** A receipt: the event as stored, its inclusion proof and the signed checkpoint the proof leads to. */
    static String receipt(NoteKeys.Verifier key, JsonNode receipt) {
        Checkpoint checkpoint = Checkpoint.open(receipt.path("checkpoint").asString(), key);
        long treeSize = receipt.path("treeSize").asLong();
        if (checkpoint.size() != treeSize) {
            throw new ProofException("the proof is for size " + treeSize + ", the checkpoint for "
                    + checkpoint.size());
        }
        long leafIndex = receipt.path("leafIndex").asLong();
        byte[] leafHash = leafHashOf(receipt.path("event"));
        Merkle.verifyInclusion(leafIndex, treeSize, leafHash, hashes(receipt.path("hashes")), checkpoint.rootHash());
        return "event " + receipt.path("event").path("eventId").asString() + " is leaf " + leafIndex
                + " of the tree of size " + treeSize + " signed by " + key.name();
    }

    /** Two checkpoints of the same log and the proof that the older tree is a prefix of the newer one. */
    static String consistency(NoteKeys.Verifier key, String olderNote, String newerNote, JsonNode proof) {
        Checkpoint older = Checkpoint.open(olderNote, key);
        Checkpoint newer = Checkpoint.open(newerNote, key);
        if (!older.origin().equals(newer.origin())) {
            throw new ProofException("the checkpoints are of two logs: " + older.origin() + ", " + newer.origin());
        }
        if (proof.path("from").asLong() != older.size() || proof.path("to").asLong() != newer.size()) {
            throw new ProofException("the proof is from " + proof.path("from").asLong() + " to "
                    + proof.path("to").asLong() + ", the checkpoints are of sizes " + older.size() + " and "
                    + newer.size());
        }
        Merkle.verifyConsistency(older.size(), newer.size(), older.rootHash(), newer.rootHash(),
                hashes(proof.path("hashes")));
        return "the tree of size " + older.size() + " is a prefix of the tree of size " + newer.size();
    }

    /**
     * A whole exported ledger: every leaf recomputed from the event as the store holds it now, compared with the
     * leaf sealed then, and the sealed leaves hashed up to the signed checkpoint's root.
     */
    static String ledger(NoteKeys.Verifier key, JsonNode export) {
        Checkpoint checkpoint = Checkpoint.open(export.path("checkpoint").asString(), key);
        Frontier sealed = new Frontier();
        List<JsonNode> leaves = new ArrayList<>();
        export.path("leaves").forEach(leaves::add);
        if (leaves.size() < checkpoint.size()) {
            throw new ProofException("the export has " + leaves.size() + " leaves, the checkpoint "
                    + checkpoint.size());
        }
        for (int i = 0; i < checkpoint.size(); i++) {
            JsonNode leaf = leaves.get(i);
            if (leaf.path("leafIndex").asLong() != i) {
                throw new ProofException("leaf " + i + " is missing from the export");
            }
            byte[] sealedHash = HEX.parseHex(leaf.path("leafHash").asString());
            if (leaf.path("event").isNull() || leaf.path("event").isMissingNode()) {
                throw new ProofException("leaf " + i + ": its event is missing from the store");
            }
            if (!Arrays.equals(leafHashOf(leaf.path("event")), sealedHash)) {
                throw new ProofException("leaf " + i + ": its event was edited after it was sealed");
            }
            sealed.append(sealedHash);
        }
        if (!Arrays.equals(sealed.root(), checkpoint.rootHash())) {
            throw new ProofException("the sealed leaves do not hash to the signed root of size " + checkpoint.size());
        }
        return checkpoint.size() + " leaves match the events and the checkpoint signed by " + key.name();
    }

    static byte[] leafHashOf(JsonNode event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        event.properties().forEach(field -> fields.put(field.getKey(), field.getValue().isNull() ? null
                : field.getValue().isIntegralNumber() ? (Object) field.getValue().asLong()
                : field.getValue().asString()));
        return Merkle.leafHash(CanonicalJson.write(fields).getBytes(StandardCharsets.UTF_8));
    }

    private static List<byte[]> hashes(JsonNode hexes) {
        List<byte[]> hashes = new ArrayList<>();
        hexes.forEach(hex -> hashes.add(HEX.parseHex(hex.asString())));
        return hashes;
    }

    private static JsonNode read(String path) throws IOException {
        return JSON.readTree(Files.readString(Path.of(path), StandardCharsets.UTF_8));
    }

    private static String text(String path) throws IOException {
        return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    }
}
