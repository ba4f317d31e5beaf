package vn.thidua.benchmarks;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import vn.thidua.ledger.Checkpoint;
import vn.thidua.ledger.Merkle;
import vn.thidua.ledger.MerkleTree;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.witness.Witness;
import vn.thidua.witness.WitnessServer;
import vn.thidua.witness.WitnessState;

/**
 * One witness's {@code add-checkpoint} over HTTP on loopback: requests per second and latency with 1 client (one
 * log, each request one leaf further) and with 8 clients (8 logs at once), against two limits measured in the same
 * run: its durability alone (the state written, flushed, renamed, the folder flushed, in a loop) and the whole check
 * in process without HTTP (parse, the log's signature, the consistency proof, the durable state, the cosignature).
 */
final class WitnessBenchmark {

    private static final int LOGS = 8;

    private WitnessBenchmark() {
    }

    /** A log for the benchmark: its key and a tree large enough for every request of the run. */
    private record Log(NoteKeys.Signer key, MerkleTree tree) {

        String request(long old, long size) {
            StringBuilder body = new StringBuilder("old ").append(old).append('\n');
            if (old > 0) {
                tree.consistencyProof(old, size).forEach(hash ->
                        body.append(Base64.getEncoder().encodeToString(hash)).append('\n'));
            }
            return body.append('\n').append(new Checkpoint(key.name(), size, tree.root(size)).sign(key)).toString();
        }
    }

    static void main(String[] args) throws Exception {
        Duration warmUp = Duration.ofSeconds(Long.getLong("warmup", 2));
        Duration measured = Duration.ofSeconds(Long.getLong("seconds", 10));
        int leaves = Integer.getInteger("leaves", 400_000);
        List<Log> logs = new ArrayList<>();
        for (int l = 0; l < LOGS; l++) {
            MerkleTree tree = new MerkleTree();
            for (int i = 0; i < leaves; i++) {
                tree.append(Merkle.leafHash(("log " + l + " event " + i).getBytes(StandardCharsets.UTF_8)));
            }
            logs.add(new Log(NoteKeys.generate("bench.local/log-" + l), tree));
        }
        Path folder = Files.createTempDirectory("witness-benchmark");
        WitnessState limit = new WitnessState(folder.resolve("limit"));
        Measurement.Result durable = Measurement.run(1, warmUp, measured, (thread, i) ->
                limit.record(new Checkpoint("bench.local/limit", i + 1, logs.get(0).tree().root(i + 1))));

        NoteKeys.Signer key = NoteKeys.generate("bench.local/witness", NoteKeys.Type.COSIGNATURE);
        Witness inProcess = new Witness(key, List.of(logs.get(0).key().verifier()),
                new WitnessState(folder.resolve("in-process")), Clock.systemUTC(), note -> { });
        Measurement.Result checked = Measurement.run(1, warmUp, measured, (thread, i) -> {
            if (inProcess.addCheckpoint(logs.get(0).request(i, i + 1)).status() != 200) {
                throw new IllegalStateException("the witness refused an honest checkpoint");
            }
        });
        Witness witness = new Witness(key, logs.stream().map(log -> log.key().verifier()).toList(),
                new WitnessState(folder.resolve("witness")), Clock.systemUTC(), note -> { });
        List<String> rows = new ArrayList<>();
        try (WitnessServer server = new WitnessServer(witness, new InetSocketAddress("127.0.0.1", 0))) {
            server.start();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI addCheckpoint = URI.create("http://127.0.0.1:" + server.port() + "/add-checkpoint");
            long[] sizes = new long[LOGS];
            for (int clients : new int[] {1, LOGS}) {
                Measurement.Result result = Measurement.run(clients, warmUp, measured, (thread, i) -> {
                    long next = sizes[thread] + 1;
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(addCheckpoint)
                            .POST(HttpRequest.BodyPublishers.ofString(logs.get(thread).request(sizes[thread], next)))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("the witness answered " + answer.statusCode() + ": "
                                + answer.body());
                    }
                    sizes[thread] = next;
                });
                rows.add(String.format(Locale.ROOT, "| %d client%s, %d log%s | %.0f requests/s | %.0f%% | %.0f%% |"
                                + " p50 %.2f ms, p99 %.2f ms |", clients, clients == 1 ? "" : "s", clients,
                        clients == 1 ? "" : "s", result.perSecond(), 100 * result.perSecond() / durable.perSecond(),
                        100 * result.perSecond() / checked.perSecond(), result.percentileMillis(50),
                        result.percentileMillis(99)));
            }
        }
        System.out.println();
        System.out.println("Witness add-checkpoint, " + measured.toSeconds() + " s per figure, " + Instant.now());
        System.out.printf(Locale.ROOT, "Limit: the witness's state made durable in a loop (write, fsync, rename, fsync"
                + " the folder), 1 thread: %.0f/s, p50 %.2f ms, p99 %.2f ms%n", durable.perSecond(),
                durable.percentileMillis(50), durable.percentileMillis(99));
        System.out.printf(Locale.ROOT, "Limit: add-checkpoint in process, no HTTP (the client's signing included),"
                + " 1 thread: %.0f/s, p50 %.2f ms, p99 %.2f ms%n", checked.perSecond(), checked.percentileMillis(50),
                checked.percentileMillis(99));
        System.out.println("| load | cosigned over HTTP | of the durability limit | of the in-process limit | latency |");
        System.out.println("| --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }
}
