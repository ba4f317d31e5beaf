package vn.thidua.command.support;

import vn.thidua.ledger.NoteKeys;

/**
 * The ledger key of a test run, as a council would hand it out: the secret to the command side, the verifier key to
 * whoever reads (the query side trusts only what it is configured with).
 */
public final class TestLedger {

    public static final NoteKeys.Signer KEY = NoteKeys.generate("thidua.local/ledger");

    private TestLedger() {
    }

    public static String signerKeyArgument() {
        return "--thidua.ledger.signer-key=" + KEY.encoded();
    }

    public static String verifierKeyArgument() {
        return "--thidua.ledger.verifier-key=" + KEY.verifierKey();
    }
}
