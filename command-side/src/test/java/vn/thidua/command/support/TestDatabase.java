package vn.thidua.command.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server for the test JVM (started from a jar, no Docker), and a fresh database for each test
 * class that asks, so that cached Spring contexts never share event streams.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** Points a Spring test context at a fresh database, signing in with the demo users over HTTP Basic. */
    public static void register(DynamicPropertyRegistry registry, String purpose) {
        String url = freshDatabase(purpose);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("thidua.security.mode", () -> "basic");
        registry.add("thidua.ledger.signer-key", TestLedger.KEY::encoded);
    }

    /** Creates an empty database and returns its JDBC URL; user {@code postgres}, no password. */
    public static String freshDatabase(String purpose) {
        String name = purpose.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_" + COUNTER.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name + " encoding 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }
}
