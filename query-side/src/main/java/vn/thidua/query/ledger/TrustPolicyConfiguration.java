package vn.thidua.query.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.thidua.ledger.WitnessPolicy;

/**
 * What the query side trusts, from its configuration only, never from the database the checkpoints describe: the
 * log's verifier key ({@code THIDUA_LEDGER_VERIFIER_KEY}), the witnesses ({@code THIDUA_LEDGER_WITNESSES}) and their
 * quorum ({@code THIDUA_LEDGER_WITNESS_QUORUM}), as the council publishes them. On the embedded default, where one
 * machine runs everything, the key may instead come from the file the command side wrote beside its signing key;
 * under the {@code postgres} profile no file is read and a missing key stops the start.
 */
@Configuration(proxyBeanMethods = false)
public class TrustPolicyConfiguration {

    @Bean
    public WitnessPolicy ledgerPolicy(@Value("${thidua.ledger.verifier-key:}") String verifierKey,
                                      @Value("${thidua.ledger.verifier-key-file:}") String verifierKeyFile,
                                      @Value("${thidua.ledger.witnesses:}") String witnesses,
                                      @Value("${thidua.ledger.witness-quorum:#{null}}") Integer quorum)
            throws IOException {
        String key = verifierKey;
        if (key.isBlank() && !verifierKeyFile.isBlank() && Files.exists(Path.of(verifierKeyFile))) {
            key = Files.readString(Path.of(verifierKeyFile), StandardCharsets.UTF_8).strip();
        }
        if (key.isBlank()) {
            throw new IllegalStateException("THIDUA_LEDGER_VERIFIER_KEY is required: the ledger's verifier key as the"
                    + " council published it (on the embedded default, start the command side first: it writes "
                    + (verifierKeyFile.isBlank() ? "its key's verifier.key" : verifierKeyFile) + ")");
        }
        return WitnessPolicy.configured(key, witnesses, quorum);
    }
}
