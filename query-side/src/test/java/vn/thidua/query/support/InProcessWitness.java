package vn.thidua.query.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import vn.thidua.command.support.TestLedger;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.witness.Witness;
import vn.thidua.witness.WitnessServer;
import vn.thidua.witness.WitnessState;

/** A witness of the test run's ledger in the tests' JVM, on loopback, its state in a folder of the test's. */
public final class InProcessWitness implements AutoCloseable {

    private final NoteKeys.Signer key;
    private final Path state;
    private WitnessServer server;
    private int port;

    private InProcessWitness(String name, Path state) {
        this.key = NoteKeys.generate(name, NoteKeys.Type.COSIGNATURE);
        this.state = state;
    }

    public static InProcessWitness start(String name, Path state) throws IOException {
        InProcessWitness witness = new InProcessWitness(name, state);
        witness.restart();
        return witness;
    }

    /** Starts it (again, on the same port and state, after {@link #close()}). */
    public void restart() throws IOException {
        server = new WitnessServer(new Witness(key, List.of(TestLedger.KEY.verifier()), new WitnessState(state),
                Clock.systemUTC(), note -> { }), new InetSocketAddress("127.0.0.1", port));
        server.start();
        port = server.port();
    }

    public String name() {
        return key.name();
    }

    public int port() {
        return port;
    }

    /** The apps' trust policy with these witnesses and quorum: arguments for both sides. */
    public static String[] trust(List<InProcessWitness> witnesses, int quorum) {
        return new String[] {"--thidua.ledger.witnesses=" + witnesses.stream()
                .map(witness -> witness.key.verifierKey() + "@http://127.0.0.1:" + witness.port)
                .collect(Collectors.joining(",")), "--thidua.ledger.witness-quorum=" + quorum};
    }

    @Override
    public void close() {
        server.close();
    }
}
