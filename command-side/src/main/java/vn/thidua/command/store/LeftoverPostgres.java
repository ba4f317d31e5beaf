package vn.thidua.command.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command side killed with SIGKILL leaves the embedded PostgreSQL it started running on its data folder. The next
 * start stops that server (a fast shutdown: open transactions roll back, committed ones are on disk) before starting
 * its own, rather than failing on the lock file or quietly using a server it did not start.
 */
final class LeftoverPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostgres.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private LeftoverPostgres() {
    }

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (postmaster.isEmpty() || !running(postmaster.get())
                || !postmaster.get().info().command().orElse("").contains("postgres")) {
            LOG.info("{} names no running PostgreSQL: a stale lock file, which PostgreSQL itself clears", pidFile);
            return;
        }
        ProcessHandle server = postmaster.get();
        LOG.warn("A PostgreSQL (pid {}) was left running on {} by a command side that stopped without shutting it"
                + " down; stopping it (fast shutdown) before starting the embedded store", server.pid(), dataDirectory);
        signal("-INT", server);
        Instant deadline = Instant.now().plus(PATIENCE);
        while (running(server) && Instant.now().isBefore(deadline)) {
            pause();
        }
        if (running(server)) {
            LOG.warn("PostgreSQL (pid {}) did not stop in {}; killing it (it recovers from its log on start)",
                    server.pid(), PATIENCE);
            server.destroyForcibly();
            while (running(server)) {
                pause();
            }
        }
        LOG.info("The PostgreSQL left running (pid {}) is stopped", server.pid());
    }

    /**
     * Whether the process still runs. A server that exited but whose parent (the killed command side's, now the
     * machine's init) has not reaped it yet is a zombie (state Z in /proc): stopped.
     */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static void signal(String signal, ProcessHandle process) throws IOException {
        try {
            new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
