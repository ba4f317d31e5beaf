package vn.thidua.command.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import vn.thidua.ledger.KeyFiles;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.Sealer;
import vn.thidua.ledger.WitnessPolicy;
import vn.thidua.ledger.WitnessPublisher;

/**
 * Every replica of the command side runs a sealer and a witness publisher; the store's advisory lock lets one seal
 * at a time, and the publisher offers checkpoints only from the replica that seals. Both start once the application
 * is up (the schema migrated) and stop before the database goes. A halted sealer shows as
 * {@code thidua_ledger_halted 1} and the health component {@code ledger} DOWN.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "thidua.ledger.sealing", havingValue = "true", matchIfMissing = true)
public class LedgerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerConfiguration.class);

    @Bean
    public NoteKeys.Signer ledgerSigner(LedgerProperties properties) throws IOException {
        NoteKeys.Signer signer = readOrCreate(properties);
        if (!signer.name().equals(properties.origin())) {
            throw new IllegalStateException("The ledger's signing key is named " + signer.name() + " but the origin is "
                    + properties.origin() + ": a checkpoint's origin is its log key's name (THIDUA_LEDGER_ORIGIN)");
        }
        return signer;
    }

    private static NoteKeys.Signer readOrCreate(LedgerProperties properties) throws IOException {
        if (properties.signerKey() != null && !properties.signerKey().isBlank()) {
            return NoteKeys.signer(properties.signerKey());
        }
        Path file = properties.signerKeyFile();
        if (!properties.createMissingKey() && !Files.exists(file)) {
            throw new IllegalStateException("The ledger's signing key is missing: give THIDUA_LEDGER_SIGNER_KEY, or"
                    + " THIDUA_LEDGER_SIGNER_KEY_FILE naming an existing file (make one with the ledger tool's keygen;"
                    + " README, \"The ledger\"). Outside the embedded default no key is made up.");
        }
        KeyFiles.Loaded loaded = KeyFiles.readOrCreate(file, properties.origin(), NoteKeys.Type.NOTE);
        if (loaded.created()) {
            // The public half beside it: what the query side of the embedded default trusts (API.md, trust policy).
            Files.writeString(file.resolveSibling("verifier.key"), loaded.key().verifierKey() + "\n",
                    StandardCharsets.UTF_8);
            LOG.warn("Created a new ledger signing key in {}; its verifier key is {}. Keep the file secret and backed"
                    + " up: checkpoints signed by it can only be continued with it.", file, loaded.key().verifierKey());
        }
        return loaded.key();
    }

    @Bean
    public WitnessPolicy witnessPolicy(NoteKeys.Signer ledgerSigner, LedgerProperties properties) {
        return WitnessPolicy.configured(ledgerSigner.verifierKey(), properties.witnesses(),
                properties.witnessQuorum());
    }

    @Bean
    public Sealer sealer(DataSource dataSource, NoteKeys.Signer ledgerSigner, LedgerProperties properties) {
        return new Sealer(dataSource, ledgerSigner, new Sealer.Settings(properties.sealInterval(),
                properties.batchSize()));
    }

    @Bean
    public WitnessPublisher witnessPublisher(DataSource dataSource, Sealer sealer, WitnessPolicy witnessPolicy,
                                             LedgerProperties properties) {
        return new WitnessPublisher(dataSource, sealer, witnessPolicy, properties.witnessTimeout());
    }

    @Bean
    public SmartLifecycle sealing(Sealer sealer, WitnessPublisher witnessPublisher) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                witnessPublisher.start();
                sealer.start();
                running = true;
            }

            @Override
            public void stop() {
                sealer.close();
                witnessPublisher.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    @Bean
    public MeterBinder ledgerHalted(Sealer sealer) {
        return registry -> Gauge.builder("thidua.ledger.halted", () -> sealer.halted().isPresent() ? 1 : 0)
                .description("1 when the sealer found the ledger rewritten or forked and signs nothing more")
                .register(registry);
    }

    @Bean
    public HealthIndicator ledgerHealthIndicator(Sealer sealer) {
        return () -> sealer.halted().map(reason -> Health.down().withDetail("halted", reason).build())
                .orElseGet(() -> Health.up().build());
    }
}
