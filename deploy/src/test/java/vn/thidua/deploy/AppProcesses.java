package vn.thidua.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import vn.thidua.command.support.Http;

/** Both apps and the witnesses as separate JVM processes from the jars the reactor built, as operators run them. */
final class AppProcesses {

    static final Path REPOSITORY = Path.of(System.getProperty("thidua.repository", "..")).toAbsolutePath();
    static final Path LOGS = REPOSITORY.resolve("deploy/target/e2e-logs");

    private AppProcesses() {
    }

    /** Starts an executable jar (command-side, query-side or witness) with these settings, appending to its log. */
    static Process launch(String app, String logName, Map<String, String> settings) throws IOException {
        return launch(app, logName, settings, "512m");
    }

    /** The same with a heap of {@code maxHeap} at most ({@code -Xmx}). */
    static Process launch(String app, String logName, Map<String, String> settings, String maxHeap)
            throws IOException {
        String jar = System.getProperty("thidua." + switch (app) {
            case "command-side" -> "commandSideJar";
            case "query-side" -> "querySideJar";
            default -> "witnessJar";
        });
        assertThat(Path.of(jar)).as("built by the reactor before this module").exists();
        Files.createDirectories(LOGS);
        ProcessBuilder builder = new ProcessBuilder("java", "-Daxoniq.update-checker.disabled=true",
                "-Dfile.encoding=UTF-8", "-Xmx" + maxHeap, "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOGS.resolve(logName + ".log").toFile()));
        builder.environment().putAll(settings);
        return builder.start();
    }

    static void awaitReady(int port, Process process, Duration patience) {
        awaitAnswer(port, "/actuator/health/readiness", process, patience);
    }

    /** Waits until the process answers 200 at the path; fails at once if the process ends first. */
    static void awaitAnswer(int port, String path, Process process, Duration patience) {
        Http http = new Http("http://127.0.0.1:" + port);
        await().atMost(patience).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new ProcessEnded(process.exitValue());
            }
            try {
                return http.get(path).status() == 200;
            } catch (RuntimeException notYetListening) {
                return false;
            }
        });
    }

    /** The process ended before it was ready, with this exit code. */
    static final class ProcessEnded extends RuntimeException {
        ProcessEnded(int exitCode) {
            super("the process ended before it was ready (exit code " + exitCode + ")");
        }
    }

    /** A graceful stop (SIGTERM), forced after a minute. */
    static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The postmaster's pid from its data folder's lock file, or -1. */
    static long postmasterOf(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        return Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : -1;
    }

    /** Whether the process runs; one that exited but was not reaped yet (a zombie, state Z) does not. */
    static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
