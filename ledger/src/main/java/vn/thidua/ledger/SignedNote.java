package vn.thidua.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * C2SP signed-note: the text (ending in a newline), a blank line, and one line per signature,
 * {@code — <key name> <base64(4-byte key id || signature)>}. A note signature ({@link NoteKeys.Type#NOTE}) is an
 * Ed25519 signature over the text's UTF-8 bytes; a witness's cosignature ({@link NoteKeys.Type#COSIGNATURE}) is
 * C2SP tlog-cosignature/v1: {@code u64 timestamp || Ed25519 signature} over {@code cosignature/v1\ntime <t>\n<text>}.
 * Go's {@code sumdb/note} and transparency witnesses read the same bytes.
 */
public final class SignedNote {

    private static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final String COSIGNATURE_HEADER = "cosignature/v1\n";

    /** One signature line: the key's name, the key id and what follows it. */
    public record Signature(String keyName, int keyId, byte[] signature) {

        /** The line as a note carries it, ending in a newline. */
        public String line() {
            byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
            return SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        }

        boolean by(NoteKeys.Verifier key) {
            return keyName.equals(key.name()) && keyId == key.keyId();
        }
    }

    /** A note taken apart: its text and its signature lines, none of them checked yet. */
    public record Parsed(String text, List<Signature> signatures) {
    }

    private SignedNote() {
    }

    public static String sign(String text, NoteKeys.Signer signer) {
        requireText(text);
        requireType(signer.type(), NoteKeys.Type.NOTE);
        return text + "\n" + new Signature(signer.name(), signer.keyId(),
                signer.sign(text.getBytes(StandardCharsets.UTF_8))).line();
    }

    /** A witness's cosignature line on a note's text, made at {@code timestamp} (POSIX seconds). */
    public static String cosign(String text, NoteKeys.Signer witness, long timestamp) {
        requireText(text);
        requireType(witness.type(), NoteKeys.Type.COSIGNATURE);
        byte[] signature = witness.sign(cosignedMessage(text, timestamp));
        return new Signature(witness.name(), witness.keyId(),
                ByteBuffer.allocate(8 + signature.length).putLong(timestamp).put(signature).array()).line();
    }

    public static Parsed parse(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new ProofException("not a signed note: no blank line before the signatures");
        }
        String text = note.substring(0, split + 1);
        List<Signature> signatures = new ArrayList<>();
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
            if (blob.length < 5) {
                throw new ProofException("a signature is a key id and a signature");
            }
            signatures.add(new Signature(parts[0], ByteBuffer.wrap(blob).getInt(),
                    Arrays.copyOfRange(blob, 4, blob.length)));
        }
        return new Parsed(text, List.copyOf(signatures));
    }

    /** The note's text, once a note signature by the verifier's key checks; other keys' signatures are passed over. */
    public static String open(String note, NoteKeys.Verifier verifier) {
        requireType(verifier.type(), NoteKeys.Type.NOTE);
        Parsed parsed = parse(note);
        for (Signature signature : parsed.signatures()) {
            if (signature.by(verifier)) {
                if (verifier.verify(parsed.text().getBytes(StandardCharsets.UTF_8), signature.signature())) {
                    return parsed.text();
                }
                throw new ProofException("the signature by " + verifier.name() + " does not verify");
            }
        }
        throw new ProofException("the note has no signature by " + verifier.verifierKey());
    }

    /** The time of the witness's valid cosignature on the note's text, if the note carries one. */
    public static Optional<Long> cosignedAt(Parsed note, NoteKeys.Verifier witness) {
        requireType(witness.type(), NoteKeys.Type.COSIGNATURE);
        for (Signature signature : note.signatures()) {
            byte[] blob = signature.signature();
            if (signature.by(witness) && blob.length == 8 + 64) {
                long timestamp = ByteBuffer.wrap(blob).getLong();
                if (timestamp >= 0 && witness.verify(cosignedMessage(note.text(), timestamp),
                        Arrays.copyOfRange(blob, 8, blob.length))) {
                    return Optional.of(timestamp);
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] cosignedMessage(String text, long timestamp) {
        return (COSIGNATURE_HEADER + "time " + timestamp + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    private static void requireText(String text) {
        if (!text.endsWith("\n") || text.contains("\n\n")) {
            throw new IllegalArgumentException("a note's text ends with a newline and has no blank line");
        }
    }

    private static void requireType(NoteKeys.Type actual, NoteKeys.Type expected) {
        if (actual != expected) {
            throw new ProofException("a " + actual + " key where a " + expected + " key is needed");
        }
    }
}
