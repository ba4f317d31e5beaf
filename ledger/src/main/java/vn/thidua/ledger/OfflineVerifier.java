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
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auditor's verifier: needs nothing of the server but files it served and the trust policy the council published.
 * <pre>
 *   java -jar ledger-verifier.jar receipt     POLICY receipt.json
 *   java -jar ledger-verifier.jar consistency POLICY old-checkpoint.txt new-checkpoint.txt proof.json
 *   java -jar ledger-verifier.jar ledger      POLICY export.json [--since kept-checkpoint.txt]
 * </pre>
 * POLICY is the log's verifier key (no witness required), or the JSON of {@code GET /api/ledger/policy} (inline or a
 * file): the log's key, the witnesses' keys and how many of them must have cosigned the checkpoint. Prints one line,
 * {@code OK ...} or {@code FAIL ...}, and exits 0 or 1 (2 for wrong arguments). The README's Python script does the
 * same with the standard library only.
 */
public final class OfflineVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    private static final String USAGE = "usage: receipt POLICY receipt.json | consistency POLICY old.txt new.txt"
            + " proof.json | ledger POLICY export.json [--since kept-checkpoint.txt]";

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs one check and prints its verdict; returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        if (args.length < 3) {
            out.println(USAGE);
            return 2;
        }
        try {
            WitnessPolicy policy = policy(args[1]);
            String verdict = switch (args[0]) {
                case "receipt" -> receipt(policy, read(args[2]));
                case "consistency" -> {
                    if (args.length != 5) {
                        throw new ProofException("consistency needs two checkpoints and a proof");
                    }
                    yield consistency(policy, text(args[2]), text(args[3]), read(args[4]));
                }
                case "ledger" -> {
                    if (args.length != 3 && !(args.length == 5 && args[3].equals("--since"))) {
                        throw new ProofException(USAGE);
                    }
                    yield ledger(policy, read(args[2]), args.length == 5 ? text(args[4]) : null);
                }
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

    /** A verifier key, or a policy's JSON given inline or as a file. */
    static WitnessPolicy policy(String argument) throws IOException {
        String text = argument.strip();
        if (!text.startsWith("{") && Files.isRegularFile(Path.of(text))) {
            text = Files.readString(Path.of(text), StandardCharsets.UTF_8).strip();
        }
        return text.startsWith("{") ? WitnessPolicy.fromJson(JSON.readTree(text))
                : new WitnessPolicy(NoteKeys.verifier(text), List.of(), 0);
    }

    /** A receipt: the event as stored, its inclusion proof and the cosigned checkpoint the proof leads to. */
    static String receipt(WitnessPolicy policy, JsonNode receipt) {
        WitnessPolicy.Witnessed witnessed = policy.check(receipt.path("checkpoint").asString());
        Checkpoint checkpoint = witnessed.checkpoint();
        long treeSize = receipt.path("treeSize").asLong();
        if (checkpoint.size() != treeSize) {
            throw new ProofException("the proof is for size " + treeSize + ", the checkpoint for "
                    + checkpoint.size());
        }
        long leafIndex = receipt.path("leafIndex").asLong();
        byte[] leafHash = leafHashOf(receipt.path("event"));
        Merkle.verifyInclusion(leafIndex, treeSize, leafHash, hashes(receipt.path("hashes")), checkpoint.rootHash());
        return "event " + receipt.path("event").path("eventId").asString() + " is leaf " + leafIndex
                + " of the tree of size " + treeSize + " signed by " + policy.origin() + cosigned(policy, witnessed);
    }

    /** Two checkpoints of the same log and the proof that the older tree is a prefix of the newer one. */
    static String consistency(WitnessPolicy policy, String olderNote, String newerNote, JsonNode proof) {
        Checkpoint older = policy.signedByLog(olderNote);
        Checkpoint newer = policy.check(newerNote).checkpoint();
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
     * leaf sealed then; the sealed leaves hashed up to the root of the cosigned checkpoint, of every checkpoint the
     * log kept, and of the one the auditor kept ({@code since}, may be null).
     */
    static String ledger(WitnessPolicy policy, JsonNode export, String since) {
        WitnessPolicy.Witnessed witnessed = policy.check(export.path("checkpoint").asString());
        Checkpoint checkpoint = witnessed.checkpoint();
        TreeMap<Long, Checkpoint> kept = new TreeMap<>();
        export.path("checkpoints").forEach(note -> {
            Checkpoint signed = policy.signedByLog(note.asString());
            if (signed.size() <= checkpoint.size()) {
                kept.put(signed.size(), signed);
            }
        });
        kept.put(checkpoint.size(), checkpoint);
        Checkpoint auditors = since == null ? null : policy.signedByLog(since);
        if (auditors != null && auditors.size() > checkpoint.size()) {
            throw new ProofException("the export's tree of size " + checkpoint.size()
                    + " is smaller than the checkpoint of size " + auditors.size() + " you kept: the log was cut back");
        }
        List<JsonNode> leaves = new ArrayList<>();
        export.path("leaves").forEach(leaves::add);
        if (leaves.size() < checkpoint.size()) {
            throw new ProofException("the export has " + leaves.size() + " leaves, the checkpoint "
                    + checkpoint.size());
        }
        Frontier sealed = new Frontier();
        requirePrefix(sealed, kept, auditors);
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
            requirePrefix(sealed, kept, auditors);
        }
        return checkpoint.size() + " leaves match the events; " + kept.size() + " checkpoints kept by the log"
                + (auditors == null ? "" : " and the one of size " + auditors.size() + " you kept")
                + " are prefixes of the tree signed by " + policy.origin() + cosigned(policy, witnessed);
    }

    /** At a kept checkpoint's size, the tree so far must have its root. */
    private static void requirePrefix(Frontier tree, Map<Long, Checkpoint> kept, Checkpoint auditors) {
        Checkpoint atThisSize = kept.get(tree.size());
        if (atThisSize != null && !Arrays.equals(tree.root(), atThisSize.rootHash())) {
            throw new ProofException("CHECKPOINT_INCONSISTENT: the checkpoint of size " + tree.size()
                    + " the log signed is not a prefix of the exported tree");
        }
        if (auditors != null && auditors.size() == tree.size() && !Arrays.equals(tree.root(), auditors.rootHash())) {
            throw new ProofException("CHECKPOINT_INCONSISTENT: the checkpoint of size " + tree.size()
                    + " you kept is not a prefix of the exported tree: history was rewritten");
        }
    }

    private static String cosigned(WitnessPolicy policy, WitnessPolicy.Witnessed witnessed) {
        return policy.witnesses().isEmpty() ? "" : ", cosigned by " + String.join(", ", witnessed.cosigners())
                + " (quorum " + policy.quorum() + " of " + policy.witnesses().size() + ")";
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
