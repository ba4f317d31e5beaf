package vn.thidua.command.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded default store: a PostgreSQL server run from a jar on loopback, its data kept in
 * {@code dataDir/postgres} between runs.
 */
@ConfigurationProperties("thidua.store.embedded")
public record EmbeddedStoreProperties(boolean enabled, Path dataDir, int port) {
}
