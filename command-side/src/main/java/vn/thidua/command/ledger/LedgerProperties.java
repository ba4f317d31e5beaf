package vn.thidua.command.ledger;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sealer's and the witnesses' settings. The signer key is a secret: {@code signerKey} (THIDUA_LEDGER_SIGNER_KEY,
 * in Go's {@code PRIVATE+KEY+...} form) wins; otherwise the key is read from {@code signerKeyFile}, which is created
 * with a new key on first start when it does not exist and {@code createMissingKey} allows it (the embedded default's
 * way; under the {@code postgres} profile a missing key stops the start).
 * The key's name is the log's origin. {@code witnesses} (THIDUA_LEDGER_WITNESSES) lists
 * {@code <witness verifier key>@<URL prefix>}, comma-separated; {@code witnessQuorum} (THIDUA_LEDGER_WITNESS_QUORUM)
 * says how many must cosign a checkpoint, all of them when unset.
 */
@ConfigurationProperties("thidua.ledger")
public record LedgerProperties(boolean sealing, String origin, String signerKey, Path signerKeyFile,
                               boolean createMissingKey, Duration sealInterval, int batchSize, String witnesses,
                               Integer witnessQuorum, Duration witnessTimeout) {
}
