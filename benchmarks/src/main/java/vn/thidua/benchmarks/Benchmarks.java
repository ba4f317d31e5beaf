package vn.thidua.benchmarks;

import java.io.IOException;
import java.util.Arrays;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Entry point: {@code java -jar benchmarks/target/benchmarks-*-exec.jar append|replay|queries|http|seal}. Every benchmark measures its
 * baseline (the physical limit of the same machine and database) in the same run and reports the ratio.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    /**
     * The embedded PostgreSQL every benchmark measures on, with durability on: zonky turns fsync and synchronous
     * commit off by default, which would flatter every write.
     */
    static EmbeddedPostgres durablePostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "append" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (which) {
            case "append" -> AppendBenchmark.main(rest);
            case "replay" -> ReplayBenchmark.main(rest);
            case "queries" -> QueryBenchmark.main(rest);
            case "http" -> HttpBenchmark.main(rest);
            case "seal" -> SealBenchmark.main(rest);
            default -> {
                System.err.println("usage: benchmarks append|replay|queries|http|seal");
                System.exit(2);
            }
        }
        // Framework threads (Axon's event store readers among them) outlive the closed contexts.
        System.exit(0);
    }
}
