package vn.thidua.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What can be checked of the deploy files without Docker or a cluster: they parse, the manifests run more than one
 * replica with probes on the actuator's health groups, and every setting they pass is one the apps read.
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("").toAbsolutePath().resolve(
            Files.exists(Path.of("k8s")) ? "" : "deploy");
    private static final Path REPOSITORY = DEPLOY.getParent();
    private static final Map<String, Integer> APP_PORTS = Map.of("command-side", 8080, "query-side", 8081);

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml(new LoaderOptions()).loadAll(Files.readString(file))
                .forEach(document -> documents.add((Map<String, Object>) document));
        return documents;
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.toString().contains("/target/")).sorted().toList();
        }
    }

    @Test
    void everyYamlFileParses() throws IOException {
        assertThat(yamlFiles()).hasSizeGreaterThanOrEqualTo(9);
        for (Path file : yamlFiles()) {
            assertThat(documents(file)).as(file.toString()).isNotEmpty().doesNotContainNull();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothAppsRunReplicatedWithProbesOnTheirPorts() throws IOException {
        for (Map.Entry<String, Integer> app : APP_PORTS.entrySet()) {
            List<Map<String, Object>> manifests = documents(DEPLOY.resolve("k8s/" + app.getKey() + ".yaml"));
            Map<String, Object> deployment = manifests.stream().filter(m -> "Deployment".equals(m.get("kind")))
                    .findFirst().orElseThrow();
            Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
            assertThat((Integer) spec.get("replicas")).as(app.getKey() + " replicas").isGreaterThan(1);
            Map<String, Object> container = ((List<Map<String, Object>>) ((Map<String, Object>)
                    ((Map<String, Object>) spec.get("template")).get("spec")).get("containers")).get(0);
            assertThat(((List<Map<String, Object>>) container.get("ports")).get(0).get("containerPort"))
                    .isEqualTo(app.getValue());
            assertThat(((Map<String, Object>) ((Map<String, Object>) container.get("readinessProbe")).get("httpGet"))
                    .get("path")).isEqualTo("/actuator/health/readiness");
            assertThat(((Map<String, Object>) ((Map<String, Object>) container.get("livenessProbe")).get("httpGet"))
                    .get("path")).isEqualTo("/actuator/health/liveness");
            assertThat(manifests).anyMatch(m -> "Service".equals(m.get("kind")));
        }
    }

    @Test
    void everyKustomizedResourceExists() throws IOException {
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) documents(DEPLOY.resolve("k8s/kustomization.yaml")).get(0)
                .get("resources");
        resources.forEach(resource -> assertThat(DEPLOY.resolve("k8s").resolve(resource)).exists());
    }

    /** A variable the deploy files set but no app (or witness) reads would be a silent misconfiguration. */
    @Test
    void everyThiduaVariableTheyPassIsReadByTheApps() throws IOException {
        String appConfig = Files.readString(REPOSITORY.resolve("command-side/src/main/resources/application.yml"))
                + Files.readString(REPOSITORY.resolve("query-side/src/main/resources/query-side.yml"))
                + Files.readString(REPOSITORY.resolve("witness/src/main/java/vn/thidua/witness/WitnessServer.java"))
                .replaceAll("\"(THIDUA_WITNESS_[A-Z_]+)\"", "\\${$1");
        Pattern variable = Pattern.compile("\\b((?:THIDUA|AXON_SERVER)_[A-Z_]+)\\b");
        for (Path file : yamlFiles()) {
            Matcher matcher = variable.matcher(Files.readString(file));
            while (matcher.find()) {
                assertThat(appConfig).as(matcher.group(1) + " in " + file.getFileName())
                        .contains("${" + matcher.group(1));
            }
        }
    }

    /** The Grafana dashboard parses and charts only meters the apps publish (their ITs read them back). */
    @Test
    void theGrafanaDashboardChartsTheMetersTheAppsPublish() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DEPLOY.resolve(
                "grafana/thidua.json")));
        List<String> expressions = dashboard.path("panels").findValuesAsString("expr");
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(dashboard.path("panels").size());
        String sources = Files.readString(REPOSITORY.resolve(
                "command-side/src/main/java/vn/thidua/command/web/ProblemResponses.java"))
                + Files.readString(REPOSITORY.resolve(
                "query-side/src/main/java/vn/thidua/query/admin/ReadModelMetrics.java"));
        Map<String, String> published = Map.of("thidua_commands_refused_total", "thidua.commands.refused",
                "thidua_read_model_lag", "thidua.read_model.lag", "thidua_ledger_unsealed", "thidua.ledger.unsealed");
        Matcher meter = Pattern.compile("\\b(thidua_[a-z_]+|http_server_requests_seconds_[a-z]+)\\b")
                .matcher(String.join("\n", expressions));
        while (meter.find()) {
            if (meter.group(1).startsWith("thidua_")) {
                assertThat(published).as(meter.group(1)).containsKey(meter.group(1));
                assertThat(sources).contains("\"" + published.get(meter.group(1)) + "\"");
            }
        }
    }

    @Test
    void theImageBuildsTheExecutableJarsThatMavenProduces() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("docker/Dockerfile"));
        assertThat(dockerfile).contains("./mvnw", "${APP}/target/${APP}-*-exec.jar", "ENTRYPOINT");
        for (String app : APP_PORTS.keySet()) {
            assertThat(Files.readString(REPOSITORY.resolve(app + "/pom.xml"))).contains("<classifier>exec</classifier>");
        }
    }
}
