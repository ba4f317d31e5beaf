package vn.thidua.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * C2SP signed notes against the example of Go's {@code sumdb/note} (the reference implementation): its signer key
 * gives its verifier key, and signing its text gives its note byte for byte (Ed25519 is deterministic).
 */
class SignedNoteTest {

    private static final String GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void theGoExampleKeyAndNoteAreReproducedByteForByte() {
        NoteKeys.Signer signer = NoteKeys.signer(GO_SIGNER);
        assertThat(signer.verifierKey()).isEqualTo(GO_VERIFIER);
        assertThat(signer.encoded()).isEqualTo(GO_SIGNER);
        assertThat(SignedNote.sign(GO_TEXT, signer)).isEqualTo(GO_NOTE);
        assertThat(SignedNote.open(GO_NOTE, NoteKeys.verifier(GO_VERIFIER))).isEqualTo(GO_TEXT);
    }

    @Test
    void anEditedNoteOrAnotherKeyDoesNotVerify() {
        NoteKeys.Verifier verifier = NoteKeys.verifier(GO_VERIFIER);
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE.replace("cryptography", "cryptographY"), verifier))
                .isInstanceOf(ProofException.class);
        NoteKeys.Signer impostor = NoteKeys.generate("PeterNeumann");
        assertThatThrownBy(() -> SignedNote.open(SignedNote.sign(GO_TEXT, impostor), verifier))
                .isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> NoteKeys.verifier(GO_VERIFIER.replace("c74f20a3", "c74f20a4")))
                .isInstanceOf(ProofException.class);
    }

    @Test
    void aCheckpointIsSignedAndOpenedAndItsKeyRoundTrips() {
        NoteKeys.Signer signer = NoteKeys.generate("thidua.example/ledger");
        Checkpoint checkpoint = new Checkpoint("thidua.example/ledger", 8, MerkleTest.vectorTree().root(8));
        String note = checkpoint.sign(signer);
        assertThat(note).startsWith("thidua.example/ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n\u2014 ");
        Checkpoint opened = Checkpoint.open(note, NoteKeys.verifier(signer.verifierKey()));
        assertThat(opened.size()).isEqualTo(8);
        assertThat(opened.rootHash()).isEqualTo(checkpoint.rootHash());
        assertThat(NoteKeys.signer(signer.encoded()).verifierKey()).isEqualTo(signer.verifierKey());
        NoteKeys.Verifier other = NoteKeys.verifier(NoteKeys.generate("thidua.example/ledger").verifierKey());
        assertThatThrownBy(() -> Checkpoint.open(note, other)).isInstanceOf(ProofException.class);
    }
}
