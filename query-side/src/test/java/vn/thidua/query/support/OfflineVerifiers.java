package vn.thidua.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import vn.thidua.ledger.OfflineVerifier;

/** The auditor's two offline verifiers, run on files the query side served: the Java tool and the Python script. */
public final class OfflineVerifiers {

    private OfflineVerifiers() {
    }

    /** The Java tool's one line. */
    public static String java(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OfflineVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    /** The Python script's one line (the standard library only, its own Ed25519). */
    public static String python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", Path.of("../ledger/verify-ledger.py").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
