package vn.thidua.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * C2SP signed-note: the text (ending in a newline), a blank line, and one line per signature,
 * {@code — <key name> <base64(4-byte key id || 64-byte Ed25519 signature)>}, the signature being over the text's
 * UTF-8 bytes. Go's {@code sumdb/note} and transparency witnesses read the same bytes.
 */
public final class SignedNote {

    private static final String SIGNATURE_PREFIX = "\u2014 ";

    private SignedNote() {
    }

    public static String sign(String text, NoteKeys.Signer signer) {
        if (!text.endsWith("\n") || text.contains("\n\n")) {
            throw new IllegalArgumentException("a note's text ends with a newline and has no blank line");
        }
        byte[] signature = signer.sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(signer.keyId()).put(signature).array();
        return text + "\n" + SIGNATURE_PREFIX + signer.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /** The note's text, once a signature by the verifier's key checks; other keys' signatures are passed over. */
    public static String open(String note, NoteKeys.Verifier verifier) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new ProofException("not a signed note: no blank line before the signatures");
        }
        String text = note.substring(0, split + 1);
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw new ProofException("not a signature line: " + line);
            }
            String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ");
            if (parts.length != 2) {
                throw new ProofException("a signature line is '— <name> <signature>'");
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new ProofException("a signature is not base64");
            }
            if (!parts[0].equals(verifier.name()) || blob.length < 4
                    || ByteBuffer.wrap(blob).getInt() != verifier.keyId()) {
                continue;
            }
            if (verifier.verify(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, blob.length))) {
                return text;
            }
            throw new ProofException("the signature by " + verifier.name() + " does not verify");
        }
        throw new ProofException("the note has no signature by " + verifier.verifierKey());
    }
}
