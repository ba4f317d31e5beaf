package vn.thidua.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import vn.thidua.command.support.SeedRequests;
import vn.thidua.command.support.Http;

/**
 * Clients that do not play by the rules, against the command side as a process with a small heap: what they send is
 * refused with its code, and the app stays up for everyone else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final long TWO_HUNDRED_MEGABYTES = 200L * 1024 * 1024;

    @TempDir
    static Path data;

    private Process commandSide;
    private int port;

    @BeforeAll
    void start() throws IOException {
        port = AppProcesses.freePort();
        commandSide = AppProcesses.launch("command-side", "hostile-clients", Map.of("THIDUA_DATA_DIR",
                data.toString(), "THIDUA_DB_PORT", Integer.toString(AppProcesses.freePort()),
                "THIDUA_COMMAND_PORT", Integer.toString(port), "THIDUA_AUTH_MODE", "basic"), "256m");
        AppProcesses.awaitReady(port, commandSide, PATIENCE);
    }

    @AfterAll
    void stop() throws InterruptedException {
        AppProcesses.stop(commandSide);
    }

    /**
     * 200 MB sent chunked (no length announced) to a command side whose heap is 256 MB: counted as it arrives,
     * answered 413 once past the limit, and the next client's command is accepted.
     */
    @Test
    void aTwoHundredMegabyteChunkedBodyIs413AndTheAppStaysUp() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/clusters HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Basic " + Base64.getEncoder().encodeToString((Http.COUNCIL + ":"
                    + Http.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> sendChunks(out));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
            long bytes = sent.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(bytes).as("the answer came before the whole body was sent").isLessThan(TWO_HUNDRED_MEGABYTES);
        }
        assertThat(commandSide.isAlive()).isTrue();
        Http council = new Http("http://127.0.0.1:" + port).as(Http.COUNCIL);
        Http.Response formed = council.post("/api/clusters", SeedRequests.formCluster());
        assertThat(formed.status()).as(formed.raw()).isEqualTo(201);
    }

    /** Writes chunks of a JSON string until 200 MB are sent or the server stops reading; returns the bytes sent. */
    private static long sendChunks(OutputStream out) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        byte[] header = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] trailer = "\r\n".getBytes(StandardCharsets.US_ASCII);
        long sent = 0;
        try {
            byte[] opening = "{\"name\":\"".getBytes(StandardCharsets.US_ASCII);
            out.write((Integer.toHexString(opening.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(opening);
            out.write(trailer);
            while (sent < TWO_HUNDRED_MEGABYTES) {
                out.write(header);
                out.write(chunk);
                out.write(trailer);
                sent += chunk.length;
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException closedByTheServer) {
            // the server answered and stopped reading: what was sent is the figure
        }
        return sent;
    }
}
