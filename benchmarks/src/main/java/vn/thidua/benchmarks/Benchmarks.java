package vn.thidua.benchmarks;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.thidua.command.CommandSideApplication;
import vn.thidua.ledger.NoteKeys;

/**
 * Entry point: {@code java -jar benchmarks/target/benchmarks-*-exec.jar append|replay|queries|http|seal|witness}. Every benchmark measures its
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

    /** The ledger key of a benchmark run: its secret for the command side, its verifier key for the query side. */
    static final NoteKeys.Signer LEDGER_KEY = NoteKeys.generate("thidua.local/ledger");
    static final String SIGNER_KEY = "--thidua.ledger.signer-key=" + LEDGER_KEY.encoded();
    static final String VERIFIER_KEY = "--thidua.ledger.verifier-key=" + LEDGER_KEY.verifierKey();

    /** The command side without its web server on that database, pool of 16, with any further settings. */
    static ConfigurableApplicationContext commandSide(EmbeddedPostgres postgres, String... settings) {
        String[] database = {"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--thidua.security.mode=basic", "--spring.datasource.hikari.maximum-pool-size=16",
                "--logging.level.root=WARN", SIGNER_KEY};
        return new SpringApplicationBuilder(CommandSideApplication.class).profiles("postgres")
                .web(WebApplicationType.NONE).run(Stream.concat(Stream.of(database), Stream.of(settings))
                        .toArray(String[]::new));
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "append" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        // Framework threads (Axon's event store readers among them) outlive the closed contexts, also on a failure.
        try {
            switch (which) {
                case "append" -> AppendBenchmark.main(rest);
                case "replay" -> ReplayBenchmark.main(rest);
                case "queries" -> QueryBenchmark.main(rest);
                case "http" -> HttpBenchmark.main(rest);
                case "seal" -> SealBenchmark.main(rest);
                case "witness" -> WitnessBenchmark.main(rest);
                default -> {
                    System.err.println("usage: benchmarks append|replay|queries|http|seal|witness");
                    System.exit(2);
                }
            }
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
