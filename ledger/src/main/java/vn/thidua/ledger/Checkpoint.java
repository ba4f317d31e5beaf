package vn.thidua.ledger;

import java.util.Base64;

/**
 * A C2SP tlog-checkpoint body: {@code <origin>\n<tree size>\n<base64 root hash>\n}. Signed, it is the log's
 * statement that the tree of that size has that root.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    public String sign(NoteKeys.Signer signer) {
        return SignedNote.sign(body(), signer);
    }

    /** The checkpoint a signed note states, once the verifier's signature on it checks. */
    public static Checkpoint open(String signedNote, NoteKeys.Verifier verifier) {
        return parse(SignedNote.open(signedNote, verifier));
    }

    public static Checkpoint parse(String body) {
        String[] lines = body.split("\n", -1);
        if (lines.length < 4 || !lines[lines.length - 1].isEmpty() || lines[0].isEmpty()) {
            throw new ProofException("a checkpoint is origin, size and root hash, one per line");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new ProofException("a checkpoint's size is a decimal number: " + lines[1]);
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new ProofException("a checkpoint's root hash is base64");
        }
        if (root.length != Merkle.HASH_SIZE) {
            throw new ProofException("a checkpoint's root hash has 32 bytes");
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    }
}
