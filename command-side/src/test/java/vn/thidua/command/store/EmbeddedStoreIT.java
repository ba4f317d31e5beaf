package vn.thidua.command.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.thidua.command.CommandSideApplication;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;

/**
 * The default profile as a newcomer runs it: no server to install, the store under a data folder, durable, and still
 * there after a restart.
 */
class EmbeddedStoreIT {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(int databasePort) {
        return new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--thidua.store.embedded.data-dir=" + dataDir,
                "--thidua.store.embedded.port=" + databasePort,
                "--spring.datasource.hikari.connection-timeout=1000");
    }

    private static Http http(ConfigurableApplicationContext app) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return new Http("http://127.0.0.1:" + port).as(Http.COUNCIL);
    }

    @Test
    void keepsTheRecordDurablyAcrossARestart() throws IOException {
        int databasePort = freePort();
        try (ConfigurableApplicationContext first = start(databasePort)) {
            assertThat(http(first).post("/api/clusters", SeedRequests.formCluster()).status()).isEqualTo(201);
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();

        try (ConfigurableApplicationContext second = start(databasePort)) {
            Http.Response again = http(second).post("/api/clusters", SeedRequests.formCluster());
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.code()).isEqualTo("CLUSTER_EXISTS");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anUnreachableStoreIs503AndTheCommandIsNotTakenAsAccepted() throws IOException {
        try (ConfigurableApplicationContext app = start(freePort())) {
            Http http = http(app);
            assertThat(http.post("/api/clusters", SeedRequests.formCluster()).status()).isEqualTo(201);
            app.getBean(EmbeddedPostgres.class).close();

            Http.Response unavailable = http.post("/api/clusters/cum-2/years", SeedRequests.openYear(2017));
            assertThat(unavailable.status()).as(unavailable.raw()).isEqualTo(503);
            assertThat(unavailable.code()).isEqualTo("STORE_UNAVAILABLE");
        }
    }
}
