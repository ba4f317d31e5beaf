package vn.thidua.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;

/**
 * The embedded default after a crash: a command side killed with SIGKILL leaves its PostgreSQL running; the next start
 * stops that server, says so in its log, starts its own on the same data and has lost nothing.
 */
class EmbeddedStoreRecoveryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path data;

    /** A second command side started on a live one's data folder is refused; the live one and its store run on. */
    @Test
    void aSecondCommandSideOnALiveOnesDataFolderIsRefusedAndStopsNothing() throws Exception {
        int port = AppProcesses.freePort();
        String databasePort = Integer.toString(AppProcesses.freePort());
        Process owner = AppProcesses.launch("command-side", "data-folder-owner", Map.of("THIDUA_DATA_DIR",
                data.toString(), "THIDUA_DB_PORT", databasePort, "THIDUA_COMMAND_PORT", Integer.toString(port),
                "THIDUA_AUTH_MODE", "basic"));
        Process intruder = null;
        try {
            AppProcesses.awaitReady(port, owner, PATIENCE);
            long store = AppProcesses.postmasterOf(data.resolve("postgres"));
            intruder = AppProcesses.launch("command-side", "data-folder-intruder", Map.of("THIDUA_DATA_DIR",
                    data.toString(), "THIDUA_DB_PORT", databasePort, "THIDUA_COMMAND_PORT",
                    Integer.toString(AppProcesses.freePort()), "THIDUA_AUTH_MODE", "basic"));
            assertThat(intruder.waitFor(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(intruder.exitValue()).isNotZero();
            assertThat(Files.readString(AppProcesses.LOGS.resolve("data-folder-intruder.log")))
                    .contains("belongs to another command side that is running (pid " + owner.pid() + ")");
            assertThat(AppProcesses.alive(store)).as("the live command side's store").isTrue();
            assertThat(AppProcesses.postmasterOf(data.resolve("postgres"))).isEqualTo(store);
            Http council = new Http("http://127.0.0.1:" + port).as(Http.COUNCIL);
            assertThat(council.post("/api/clusters", SeedRequests.formCluster()).status()).isEqualTo(201);
        } finally {
            AppProcesses.stop(intruder);
            AppProcesses.stop(owner);
        }
    }

    @Test
    void aCommandSideKilledWithItsStoreRunningStartsAgainOnItsOwnStoreWithEverythingKept() throws Exception {
        int port = AppProcesses.freePort();
        Map<String, String> settings = Map.of("THIDUA_DATA_DIR", data.toString(),
                "THIDUA_DB_PORT", Integer.toString(AppProcesses.freePort()), "THIDUA_COMMAND_PORT",
                Integer.toString(port), "THIDUA_AUTH_MODE", "basic");
        Process first = AppProcesses.launch("command-side", "embedded-first", settings);
        Process second = null;
        try {
            AppProcesses.awaitReady(port, first, PATIENCE);
            Http council = new Http("http://127.0.0.1:" + port).as(Http.COUNCIL);
            assertThat(council.post("/api/clusters", SeedRequests.formCluster()).status()).isEqualTo(201);
            long orphan = AppProcesses.postmasterOf(data.resolve("postgres"));

            first.destroyForcibly().waitFor();
            assertThat(AppProcesses.alive(orphan)).as("the killed command side's PostgreSQL runs on").isTrue();

            second = AppProcesses.launch("command-side", "embedded-second", settings);
            AppProcesses.awaitReady(port, second, PATIENCE);
            assertThat(AppProcesses.alive(orphan)).as("the leftover PostgreSQL was stopped").isFalse();
            long own = AppProcesses.postmasterOf(data.resolve("postgres"));
            assertThat(own).isNotEqualTo(orphan);
            assertThat(Files.readString(AppProcesses.LOGS.resolve("embedded-second.log")))
                    .contains("was left running on");
            assertThat(council.post("/api/clusters", SeedRequests.formCluster()).code())
                    .as("the cluster formed before the crash is still there").isEqualTo("CLUSTER_EXISTS");

            AppProcesses.stop(second);
            await().atMost(PATIENCE).until(() -> !AppProcesses.alive(own));
        } finally {
            AppProcesses.stop(first);
            AppProcesses.stop(second);
        }
    }
}
