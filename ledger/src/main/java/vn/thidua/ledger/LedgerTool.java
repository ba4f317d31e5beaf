package vn.thidua.ledger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The ledger's command-line tool: the offline verifier ({@link OfflineVerifier}: receipt, consistency, ledger) and the
 * keys a council hands out, made where they will be kept:
 * <pre>
 *   java -jar ledger-verifier.jar keygen note|cosignature NAME FILE   a new key in FILE (private); prints its verifier key
 *   java -jar ledger-verifier.jar vkey FILE                           the verifier key of the key in FILE
 * </pre>
 */
public final class LedgerTool {

    private LedgerTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length == 0 || !args[0].equals("keygen") && !args[0].equals("vkey")) {
            return OfflineVerifier.run(args, out);
        }
        try {
            if (args[0].equals("vkey") && args.length == 2) {
                out.println(NoteKeys.signer(Files.readString(Path.of(args[1]))).verifierKey());
                return 0;
            }
            if (args[0].equals("keygen") && args.length == 4) {
                NoteKeys.Type type = NoteKeys.Type.valueOf(args[1].toUpperCase(Locale.ROOT));
                KeyFiles.Loaded loaded = KeyFiles.readOrCreate(Path.of(args[3]), args[2], type);
                if (!loaded.key().name().equals(args[2])) {
                    out.println("FAIL " + args[3] + " holds the key of " + loaded.key().name());
                    return 1;
                }
                out.println(loaded.key().verifierKey());
                return 0;
            }
        } catch (IOException | RuntimeException e) {
            out.println("FAIL " + e.getMessage());
            return 1;
        }
        out.println("usage: keygen note|cosignature NAME FILE | vkey FILE  (" + String.join(" ", Arrays.asList(args))
                + ")");
        return 2;
    }
}
