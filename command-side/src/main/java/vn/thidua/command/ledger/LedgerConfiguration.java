package vn.thidua.command.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.Sealer;

/**
 * Every replica of the command side runs a sealer; the store's advisory lock lets one seal at a time. It starts once
 * the application is up (the schema migrated) and stops before the database goes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "thidua.ledger.sealing", havingValue = "true", matchIfMissing = true)
public class LedgerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerConfiguration.class);

    @Bean
    public NoteKeys.Signer ledgerSigner(LedgerProperties properties) throws IOException {
        if (properties.signerKey() != null && !properties.signerKey().isBlank()) {
            return NoteKeys.signer(properties.signerKey());
        }
        Path file = properties.signerKeyFile();
        if (Files.exists(file)) {
            return NoteKeys.signer(Files.readString(file, StandardCharsets.UTF_8));
        }
        NoteKeys.Signer created = NoteKeys.generate(properties.origin());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, created.encoded() + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.debug("No POSIX permissions on {}", file);
        }
        LOG.warn("Created a new ledger signing key in {}; its verifier key is {}. Keep the file secret and backed up:"
                + " checkpoints signed by it can only be continued with it.", file, created.verifierKey());
        return created;
    }

    @Bean
    public Sealer sealer(DataSource dataSource, NoteKeys.Signer ledgerSigner, LedgerProperties properties) {
        return new Sealer(dataSource, ledgerSigner, new Sealer.Settings(properties.origin(), properties.gapTimeout(),
                properties.sealInterval(), properties.batchSize()));
    }

    @Bean
    public SmartLifecycle sealing(Sealer sealer) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                sealer.start();
                running = true;
            }

            @Override
            public void stop() {
                sealer.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
