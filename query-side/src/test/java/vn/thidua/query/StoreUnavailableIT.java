package vn.thidua.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.TestLedger;

/** A read while the database is down answers 503 with Retry-After, not a 500. */
class StoreUnavailableIT {

    @Test
    void aReadWithoutItsDatabaseIs503() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        // The command side owns the event table the query side reads.
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration")
                .table("flyway_command_history").load().migrate();
        try (ConfigurableApplicationContext querySide = QuerySideApplication.application().profiles("postgres")
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=", "--thidua.security.mode=basic", TestLedger.verifierKeyArgument(),
                        "--spring.datasource.hikari.connection-timeout=1000")) {
            Http http = new Http("http://127.0.0.1:"
                    + ((WebServerApplicationContext) querySide).getWebServer().getPort()).as(Http.VIEWER);
            assertThat(http.get("/api/clusters/cum-2/years/2017/scoreboard").code()).isEqualTo("YEAR_NOT_FOUND");

            postgres.close();
            Http.Response unavailable = http.get("/api/clusters/cum-2/years/2017/scoreboard");
            assertThat(unavailable.status()).as(unavailable.raw()).isEqualTo(503);
            assertThat(unavailable.code()).isEqualTo("STORE_UNAVAILABLE");
        }
    }
}
