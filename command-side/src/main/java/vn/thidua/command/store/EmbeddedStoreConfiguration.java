package vn.thidua.command.store;

import java.io.IOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts the embedded PostgreSQL for the default profile, with durability on (the library turns fsync and synchronous
 * commit off for tests; a record-keeping system must not lose an acknowledged command), after stopping one that a
 * killed command side left running on the same data: only once this process holds the data folder, so that a server
 * stopped is never a live command side's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "thidua.store.embedded.enabled", havingValue = "true")
public class EmbeddedStoreConfiguration {

    /**
     * This process's hold on the data folder, for as long as it runs: the operating system lets go of it when the
     * process ends, however it ends. Held by another live command side, the start is refused, never that one's store
     * stopped.
     */
    @Bean(destroyMethod = "close")
    public DataFolderLock dataFolderLock(EmbeddedStoreProperties properties) throws IOException {
        return DataFolderLock.take(properties.dataDir());
    }

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(EmbeddedStoreProperties properties, DataFolderLock owned)
            throws IOException {
        Path data = properties.dataDir().resolve("postgres");
        LeftoverPostgres.stopIfRunning(data);
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(properties.port())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    @Bean
    public DataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
    }
}
