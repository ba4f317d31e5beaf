package vn.thidua.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.SignedNote;

/**
 * The witness jar as its operator runs it, configured by the environment (API.md, "Witnesses"): its key created
 * private on first start, its public key served, and its promise under SIGKILL: whatever moment it dies, a
 * checkpoint it answered for is still what it holds when it comes back.
 */
class WitnessProcessIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    private final WitnessLog log = WitnessLog.of(2000);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process witness;
    private int port;

    @AfterEach
    void stop() {
        if (witness != null) {
            witness.destroyForcibly();
        }
    }

    private void launch() throws IOException {
        if (port == 0) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx128m", "-jar", System.getProperty("thidua.witnessJar"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("witness.log").toFile()));
        builder.environment().putAll(Map.of("THIDUA_WITNESS_PORT", Integer.toString(port),
                "THIDUA_WITNESS_NAME", "witness.test/ban-to-chuc-hung-yen",
                "THIDUA_WITNESS_KEY_FILE", folder.resolve("keys/witness.key").toString(),
                "THIDUA_WITNESS_DATA_DIR", folder.resolve("state").toString(),
                "THIDUA_WITNESS_LOGS", log.key.verifierKey()));
        witness = builder.start();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> get("/public-key").statusCode() == 200);
    }

    @Test
    void itServesItsKeyCreatedPrivateAndCosignsOverHttp() throws Exception {
        launch();
        JsonNode key = JsonMapper.builder().build().readTree(get("/public-key").body());
        assertThat(key.path("keyName").asString()).isEqualTo("witness.test/ban-to-chuc-hung-yen");
        NoteKeys.Verifier verifier = NoteKeys.verifier(key.path("verifierKey").asString());
        assertThat(verifier.type()).isEqualTo(NoteKeys.Type.COSIGNATURE);
        assertThat(Files.getPosixFilePermissions(folder.resolve("keys/witness.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(folder.resolve("keys/witness.key"))).startsWith("PRIVATE+KEY+witness.test/");

        HttpResponse<String> answer = add(log.request(0, 5));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(SignedNote.cosignedAt(SignedNote.parse(log.checkpoint(5) + answer.body()), verifier)).isPresent();
        HttpResponse<String> conflict = add(log.request(0, 6));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).contains("text/x.tlog.size");
        assertThat(conflict.body()).isEqualTo("5\n");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/add-checkpoint"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);

        witness.destroyForcibly().waitFor();
        launch();
        assertThat(get("/public-key").body()).as("the same key after a restart").contains(verifier.verifierKey());
    }

    /** Killed at random instants while a log keeps adding checkpoints: nothing it answered for is ever lost. */
    @Test
    void aKillAtAnyInstantLosesNoCheckpointItAnsweredFor() throws Exception {
        launch();
        Random random = new Random(2017);
        assertThat(add(log.request(0, 1)).statusCode()).isEqualTo(200);
        long held = 1;
        for (int round = 0; round < 6; round++) {
            AtomicLong acknowledged = new AtomicLong(held);
            AtomicLong attempted = new AtomicLong(held);
            long from = held;
            CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
                long old = from;
                while (old < 1990) {
                    long next = old + 1 + random.nextInt(3);
                    attempted.set(next);
                    try {
                        if (add(log.request(old, next)).statusCode() != 200) {
                            return;
                        }
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                    acknowledged.set(next);
                    old = next;
                }
            });
            Thread.sleep(50 + random.nextInt(250));
            witness.destroyForcibly().waitFor();
            client.join();
            launch();
            HttpResponse<String> probe = add(log.request(0, 1999));
            held = Long.parseLong(probe.body().strip());
            assertThat(probe.statusCode()).isEqualTo(409);
            assertThat(held).as("round " + round + ": the size held after the kill")
                    .isGreaterThanOrEqualTo(acknowledged.get()).isLessThanOrEqualTo(attempted.get());
        }
        assertThat(held).as("the log got somewhere between kills").isGreaterThan(30);
    }

    private HttpResponse<String> add(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/add-checkpoint"))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
