package vn.thidua.ledger;

/** A proof, a note or a checkpoint that does not verify, with the reason in words. */
public class ProofException extends RuntimeException {

    public ProofException(String message) {
        super(message);
    }
}
