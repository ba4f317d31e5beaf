package vn.thidua.witness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;
import vn.thidua.ledger.KeyFiles;
import vn.thidua.ledger.NoteKeys;

/**
 * The witness as a process: {@code POST /add-checkpoint} (C2SP tlog-witness) and {@code GET /public-key}. Configured
 * from the environment:
 * <pre>
 *   THIDUA_WITNESS_PORT      port (8090)                     THIDUA_WITNESS_HOST  address to listen on (127.0.0.1)
 *   THIDUA_WITNESS_NAME      its key name (thidua.local/witness)
 *   THIDUA_WITNESS_KEY_FILE  its signer key, created private on first start ($DATA_DIR/witness.key)
 *   THIDUA_WITNESS_DATA_DIR  its state, durable before it answers (./witness-data)
 *   THIDUA_WITNESS_LOGS      comma-separated verifier keys of the logs it witnesses (required)
 * </pre>
 */
public final class WitnessServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WitnessServer.class.getName());

    static {
        // The JDK's server writes an answer's headers and body apart; with Nagle's algorithm on, a client that delays
        // its ACK makes every answer wait ~40 ms (measured: 48 ms a request). Read when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    /** A request is a size line, at most 63 hashes and a checkpoint with its signatures: a few KiB. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final Witness witness;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    public WitnessServer(Witness witness, InetSocketAddress address) throws IOException {
        this.witness = witness;
        this.server = HttpServer.create(address, 64);
        server.createContext("/add-checkpoint", this::addCheckpoint);
        server.createContext("/public-key", this::publicKey);
        server.setExecutor(threads);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        Path dataDir = Path.of(env.getOrDefault("THIDUA_WITNESS_DATA_DIR", "witness-data"));
        NoteKeys.Signer key = keyOf(Path.of(env.getOrDefault("THIDUA_WITNESS_KEY_FILE",
                dataDir.resolve("witness.key").toString())), env.getOrDefault("THIDUA_WITNESS_NAME",
                "thidua.local/witness"));
        String logList = env.getOrDefault("THIDUA_WITNESS_LOGS", "");
        if (logList.isBlank()) {
            System.err.println("THIDUA_WITNESS_LOGS names no log: give the verifier keys of the logs to witness");
            System.exit(2);
        }
        List<NoteKeys.Verifier> logs = Arrays.stream(logList.split(",")).map(NoteKeys::verifier).toList();
        Path evidence = Files.createDirectories(dataDir.resolve("evidence"));
        Witness witness = new Witness(key, logs, new WitnessState(dataDir.resolve("logs")), Clock.systemUTC(),
                note -> keepEvidence(evidence, note));
        WitnessServer server = new WitnessServer(witness, new InetSocketAddress(
                env.getOrDefault("THIDUA_WITNESS_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("THIDUA_WITNESS_PORT", "8090"))));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.start();
        LOG.info(() -> "Witness " + key.verifierKey() + " listening on " + server.server.getAddress()
                + " for " + logs);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void addCheckpoint(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, new Witness.Answer(405, Witness.TEXT, "add-checkpoint is a POST\n"));
                return;
            }
            byte[] body = read(exchange.getRequestBody());
            answer(exchange, body == null ? new Witness.Answer(413, Witness.TEXT, "the body is too large\n")
                    : witness.addCheckpoint(body));
        }
    }

    private void publicKey(HttpExchange exchange) throws IOException {
        try (exchange) {
            NoteKeys.Signer key = witness.key();
            answer(exchange, new Witness.Answer(200, "application/json", JsonMapper.builder().build()
                    .writeValueAsString(Map.of("keyName", key.name(),
                            "publicKey", Base64.getEncoder().encodeToString(key.publicKey()),
                            "verifierKey", key.verifierKey()))));
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void answer(HttpExchange exchange, Witness.Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The witness's key from its file, or a new one written to a file that is private from its creation. */
    static NoteKeys.Signer keyOf(Path file, String name) throws IOException {
        KeyFiles.Loaded loaded = KeyFiles.readOrCreate(file, name, NoteKeys.Type.COSIGNATURE);
        if (loaded.created()) {
            LOG.warning(() -> "Created a new witness key in " + file + "; its verifier key is "
                    + loaded.key().verifierKey() + ". Publish the verifier key; keep the file secret and backed up.");
        }
        return loaded.key();
    }

    private static void keepEvidence(Path folder, String note) {
        try {
            Path file = folder.resolve("refused-" + Instant.now().toEpochMilli() + "-" + System.nanoTime() + ".txt");
            Files.writeString(file, note, StandardCharsets.UTF_8);
            LOG.warning(() -> "A signed checkpoint that does not extend the one cosigned was refused; kept in " + file);
        } catch (IOException e) {
            LOG.warning(() -> "Could not keep the evidence of a refused checkpoint: " + e.getMessage());
        }
    }
}
