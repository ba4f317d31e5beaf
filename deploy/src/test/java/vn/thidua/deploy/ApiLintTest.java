package vn.thidua.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redocly's recommended rules (an npm tool, pinned in {@code api/lint/package.json}) find nothing to report in either
 * OpenAPI document kept in {@code api/}: no error and no warning. Skipped where Node.js and npm are not installed.
 */
class ApiLintTest {

    private static final Path LINT = ApiContractIT.REPOSITORY.resolve("api/lint");

    @Test
    void redoclysRecommendedLintReportsNothing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/npm")), "npm is not installed");
        if (!Files.isDirectory(LINT.resolve("node_modules/@redocly/cli"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        for (String side : List.of("command-side", "query-side")) {
            String report = run(List.of(LINT.resolve("node_modules/.bin/redocly").toString(), "lint",
                    "--extends", "recommended", "--format", "json",
                    ApiContractIT.REPOSITORY.resolve("api/" + side + ".openapi.json").toString()), 120);
            JsonNode totals = JsonMapper.builder().build().readTree(report).path("totals");
            assertThat(totals.path("errors").asInt() + totals.path("warnings").asInt()).as(side + ": " + report)
                    .isZero();
        }
    }

    /** What the command printed on its standard output; it must end well. */
    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("redocly", ".log");
        Process process = new ProcessBuilder(command).directory(LINT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(output.toFile()).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + seconds + " s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(command + "\n" + text).isZero();
        return text;
    }
}
