package vn.thidua.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.client.ApiClient;
import vn.thidua.client.ApiException;
import vn.thidua.client.api.ClustersApi;
import vn.thidua.client.api.ElectionsApi;
import vn.thidua.client.api.EmulationYearApi;
import vn.thidua.client.model.Accepted;
import vn.thidua.client.model.ElectionRequest;
import vn.thidua.client.model.FormClusterRequest;
import vn.thidua.client.model.OpenYearRequest;
import vn.thidua.client.model.ReportRequest;
import vn.thidua.client.model.SignatureRequest;
import vn.thidua.command.SeedCluster;
import vn.thidua.command.support.Http;
import vn.thidua.command.support.SeedRequests;
import vn.thidua.query.support.BothApps;

/**
 * The API documents against the contract clients code against ({@code ../shared/API.md}): every path of its tables is
 * an operation of the right side with the right method, and every field it names is in the request or answer schema.
 * The documents are also kept in {@code api/} (the typed client is generated from there in the build): a change of
 * the API changes those files, or this test fails; {@code -Dthidua.openapi.write=true} writes them anew.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractIT {

    static final Path REPOSITORY = Path.of(System.getProperty("thidua.repository", "..")).toAbsolutePath().normalize();
    private static final Path CONTRACT = REPOSITORY.resolveSibling("shared").resolve("API.md");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(GET|POST|PUT)\\s+(\\S+)\\s*\\|\\s*(.*?)\\s*\\|(.*)$");
    /** A field: a name alone or optional ("rules?"), or a name followed by its nested shape ("rows[{...}] ..."). */
    private static final Pattern FIELD = Pattern.compile("([a-zA-Z]+)(\\?|[\\[{].*)?");

    private BothApps apps;
    private JsonNode commandSide;
    private JsonNode querySide;

    @BeforeAll
    void readTheDocuments() {
        apps = BothApps.start("api_contract");
        commandSide = JSON.readTree(apps.commands().get("/v3/api-docs").raw());
        querySide = JSON.readTree(apps.queries().get("/v3/api-docs").raw());
    }

    @AfterAll
    void stop() {
        apps.close();
    }

    @Test
    void theDocumentsKeptInTheRepositoryAreTheAppsOwn() throws IOException {
        for (var side : List.of(new Object[] {"command-side", commandSide}, new Object[] {"query-side", querySide})) {
            Path kept = REPOSITORY.resolve("api/" + side[0] + ".openapi.json");
            String live = JSON.writeValueAsString(side[1]) + "\n";
            if (Boolean.getBoolean("thidua.openapi.write")) {
                Files.writeString(kept, live, StandardCharsets.UTF_8);
            }
            assertThat(Files.readString(kept, StandardCharsets.UTF_8))
                    .as(kept + " (run with -Dthidua.openapi.write=true after an intended API change)").isEqualTo(live);
        }
    }

    @Test
    void everyOperationAndFieldOfTheContractIsDocumented() throws IOException {
        assumeTrue(Files.exists(CONTRACT), "the contract " + CONTRACT + " is beside the repository in CI");
        List<String> missing = new ArrayList<>();
        int operations = 0;
        int fieldsChecked = 0;
        boolean commands = false;
        for (String line : Files.readAllLines(CONTRACT, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                commands = line.startsWith("## Command side");
            }
            Matcher row = ROW.matcher(line.replace("\\|", "¦"));
            if (!row.find()) {
                continue;
            }
            operations++;
            JsonNode document = commands ? commandSide : querySide;
            String method = row.group(1).toLowerCase(Locale.ROOT);
            JsonNode operation = operation(document, row.group(2), method);
            if (operation == null) {
                missing.add(row.group(1) + " " + row.group(2));
                continue;
            }
            JsonNode schema = commands ? requestSchema(document, operation) : answerSchema(document, operation);
            if (schema == null) {
                continue;
            }
            Set<String> properties = properties(document, schema);
            for (String field : fields(row.group(3))) {
                fieldsChecked++;
                if (!properties.contains(field)) {
                    missing.add(row.group(1) + " " + row.group(2) + ": " + field);
                }
            }
        }
        assertThat(missing).as("in API.md but not in the documents").isEmpty();
        assertThat(operations).as("operations read from API.md").isGreaterThan(35);
        assertThat(fieldsChecked).as("fields read from API.md").isGreaterThan(80);
        Set<String> accepted = properties(commandSide, commandSide.at("/components/schemas/Accepted"));
        assertThat(accepted).contains("version", "position");
    }

    /**
     * The typed client, generated from the document kept in api/, records part of the seed story; each refusal it
     * meets on the way is listed, with its status, on the operation that gave it.
     */
    @Test
    void theGeneratedClientRecordsTheStoryAndEveryRefusalItMeetsIsDocumentedOnItsOperation() throws Exception {
        ApiClient council = client(Http.COUNCIL);
        ClustersApi clusters = new ClustersApi(council);
        EmulationYearApi councilYears = new EmulationYearApi(council);
        Accepted formed = clusters.form(council.getObjectMapper().convertValue(SeedRequests.formCluster(),
                FormClusterRequest.class));
        assertThat(formed.getClusterId()).isEqualTo(SeedCluster.CLUSTER_ID);
        assertThat(formed.getPosition()).isPositive();
        councilYears.open(SeedCluster.CLUSTER_ID, council.getObjectMapper().convertValue(SeedRequests.openYear(2018),
                OpenYearRequest.class));
        ApiClient officer = client("can-bo-bac-giang");
        EmulationYearApi years = new EmulationYearApi(officer);
        SignatureRequest signature = officer.getObjectMapper().convertValue(
                SeedRequests.signature(SeedCluster.BAC_GIANG), SignatureRequest.class);
        years.sign(SeedCluster.CLUSTER_ID, 2018, signature);

        String clusterPath = "/api/clusters";
        String year = "/api/clusters/{clusterId}/years/{year}";
        assertDocumented(() -> clusters.form(council.getObjectMapper().convertValue(SeedRequests.formCluster(),
                FormClusterRequest.class)), clusterPath, "post", "CLUSTER_EXISTS");
        assertDocumented(() -> councilYears.open("cum-khong-co", council.getObjectMapper().convertValue(
                SeedRequests.openYear(2019), OpenYearRequest.class)), "/api/clusters/{clusterId}/years", "post",
                "CLUSTER_NOT_FOUND");
        assertDocumented(() -> years.sign(SeedCluster.CLUSTER_ID, 2018, signature), year + "/pledge/signatures",
                "post", "ALREADY_SIGNED");
        assertDocumented(() -> years.callFile(SeedCluster.CLUSTER_ID, 2018, officer.getObjectMapper().convertValue(
                SeedRequests.report(SeedCluster.BAC_GIANG, 99, 30), ReportRequest.class)), year + "/reports", "post",
                "SCORE_OUT_OF_RANGE");
        ElectionsApi elections = new ElectionsApi(client(Http.SECRETARIAT));
        assertDocumented(() -> elections.elect(SeedCluster.CLUSTER_ID, council.getObjectMapper().convertValue(
                SeedRequests.election(2018, "HEAD", SeedCluster.BAC_GIANG, 5, 5), ElectionRequest.class)),
                "/api/clusters/{clusterId}/elections", "post", "QUORUM_NOT_MET");
        assertDocumented(() -> years.sign(SeedCluster.CLUSTER_ID, 2018, officer.getObjectMapper().convertValue(
                SeedRequests.signature("btc-hung-yen"), SignatureRequest.class)), year + "/pledge/signatures", "post",
                "NOT_YOUR_UNIT");
    }

    private interface Call {
        void run() throws ApiException;
    }

    private void assertDocumented(Call call, String path, String method, String code) {
        try {
            call.run();
            throw new AssertionError(method + " " + path + " was accepted; expected " + code);
        } catch (ApiException refused) {
            JsonNode problem = JSON.readTree(refused.getResponseBody());
            assertThat(problem.path("code").asString()).isEqualTo(code);
            JsonNode answer = commandSide.path("paths").path(path).path(method).path("responses")
                    .path(Integer.toString(refused.getCode()));
            assertThat(answer.findValues("enum").toString()).as(code + " on " + method + " " + path)
                    .contains("\"" + code + "\"");
        }
    }

    private ApiClient client(String user) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + apps.commandPort());
        String credentials = Base64.getEncoder().encodeToString((user + ":" + Http.DEMO_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + credentials));
        return client;
    }

    private static final List<String> EVERY_ROLE = List.of(Http.COUNCIL, Http.SECRETARIAT, "can-bo-bac-giang",
            Http.AUDITOR, Http.VIEWER);
    private static final List<String> RECORD_KEEPERS = List.of(Http.COUNCIL, Http.SECRETARIAT, Http.AUDITOR);
    private static final List<String> AUDITORS = List.of(Http.COUNCIL, Http.AUDITOR);

    /**
     * Who may call each operation of both documents (README, "Who may do what"), the demo users standing for the roles;
     * an empty list: anyone, signed in or not. An operation of either document without a line here fails the build.
     */
    private static final Map<String, List<String>> WHO = Map.ofEntries(
            Map.entry("POST /api/clusters", List.of(Http.COUNCIL)),
            Map.entry("POST /api/clusters/{}/years", List.of(Http.COUNCIL)),
            Map.entry("POST /api/clusters/{}/transfers", List.of(Http.COUNCIL)),
            Map.entry("POST /api/clusters/{}/rules/amendments", List.of(Http.COUNCIL)),
            Map.entry("POST /api/clusters/{}/roster", List.of(Http.COUNCIL)),
            Map.entry("POST /api/clusters/{}/mergers", List.of(Http.COUNCIL)),
            Map.entry("POST /api/clusters/{}/members", List.of(Http.COUNCIL)),
            Map.entry("POST /api/clusters/{}/members/{}/withdrawal", List.of(Http.COUNCIL)),
            Map.entry("POST /api/clusters/{}/dissolution", List.of(Http.COUNCIL)),
            Map.entry("POST /api/clusters/{}/decisions/{}/rescission", List.of(Http.COUNCIL)),
            Map.entry("POST /api/clusters/{}/elections", List.of(Http.SECRETARIAT)),
            Map.entry("POST /api/clusters/{}/years/{}/reports/{}/assessment", List.of(Http.SECRETARIAT)),
            Map.entry("POST /api/clusters/{}/years/{}/ranking", List.of(Http.SECRETARIAT)),
            Map.entry("POST /api/clusters/{}/years/{}/commendations", List.of(Http.SECRETARIAT)),
            Map.entry("POST /api/clusters/{}/years/{}/closure", List.of(Http.SECRETARIAT)),
            Map.entry("POST /api/clusters/{}/years/{}/pledge/signatures", List.of("can-bo-bac-giang")),
            Map.entry("POST /api/clusters/{}/years/{}/reports", List.of("can-bo-bac-giang")),
            Map.entry("PUT /api/clusters/{}/years/{}/reports/{}", List.of("can-bo-bac-giang")),
            Map.entry("POST /api/admin/projections/{}/replay", List.of(Http.COUNCIL)),
            Map.entry("POST /api/clusters/{}/years/{}/documents", List.of(Http.COUNCIL, Http.SECRETARIAT)),
            Map.entry("POST /api/clusters/{}/years/{}/documents/print", List.of(Http.COUNCIL, Http.SECRETARIAT)),
            Map.entry("GET /api/clusters/{}/years/{}/documents", RECORD_KEEPERS),
            Map.entry("POST /api/clusters/{}/years/{}/import", List.of(Http.COUNCIL, Http.SECRETARIAT)),
            Map.entry("GET /api/import/template.xlsx", List.of(Http.COUNCIL, Http.SECRETARIAT)),
            Map.entry("POST /api/evidence", List.of(Http.COUNCIL, Http.SECRETARIAT, "can-bo-bac-giang")),
            Map.entry("GET /api/evidence/{}", EVERY_ROLE),
            Map.entry("POST /api/clusters/{}/years/{}/replay", AUDITORS),
            Map.entry("GET /api/admin/projections", AUDITORS),
            Map.entry("GET /api/units/{}/years/{}/certificate.pdf", List.of(Http.COUNCIL, Http.SECRETARIAT,
                    "can-bo-bac-giang", Http.AUDITOR)),
            Map.entry("GET /api/units/{}/record", EVERY_ROLE),
            Map.entry("GET /api/ledger/verification", AUDITORS),
            Map.entry("GET /api/ledger/receipts/{}", List.of(Http.COUNCIL, "can-bo-bac-giang", Http.AUDITOR)),
            Map.entry("GET /api/ledger/public-key", List.of()),
            Map.entry("GET /api/ledger/policy", List.of()),
            Map.entry("GET /api/ledger/checkpoint", List.of()),
            Map.entry("GET /api/ledger/checkpoints/{}", List.of()),
            Map.entry("GET /api/ledger/proof/inclusion", AUDITORS),
            Map.entry("GET /api/ledger/proof/consistency", AUDITORS),
            Map.entry("GET /api/ledger/leaves/{}", AUDITORS),
            Map.entry("GET /api/ledger/export", AUDITORS),
            Map.entry("GET /api/documents/verification", List.of()),
            Map.entry("GET /api/clusters", EVERY_ROLE),
            Map.entry("GET /api/clusters/{}", EVERY_ROLE),
            Map.entry("GET /api/clusters/{}/years", EVERY_ROLE),
            Map.entry("GET /api/clusters/{}/years/{}", EVERY_ROLE),
            Map.entry("GET /api/me", EVERY_ROLE),
            Map.entry("GET /api/me/due", EVERY_ROLE),
            Map.entry("GET /api/clusters/{}/rotation", EVERY_ROLE),
            Map.entry("GET /api/clusters/{}/leadership", EVERY_ROLE),
            Map.entry("GET /api/clusters/{}/years/{}/scoreboard", EVERY_ROLE),
            Map.entry("GET /api/clusters/{}/years/{}/scoreboard/stream", EVERY_ROLE),
            Map.entry("GET /api/clusters/{}/years/{}/scoreboard.csv", RECORD_KEEPERS),
            Map.entry("GET /api/clusters/{}/years/{}/scoreboard.xlsx", RECORD_KEEPERS),
            Map.entry("GET /api/clusters/{}/years/{}/timeline", RECORD_KEEPERS),
            Map.entry("GET /api/clusters/{}/years/{}/documents/minutes.pdf", RECORD_KEEPERS),
            Map.entry("GET /api/clusters/{}/years/{}/documents/proposal.pdf", RECORD_KEEPERS),
            Map.entry("GET /api/clusters/{}/decisions", RECORD_KEEPERS),
            Map.entry("GET /api/clusters/{}/decisions/verification", RECORD_KEEPERS));

    /**
     * Every operation of both documents, called by every demo user and anonymously: the roles of its line get past
     * sign-in and authorization, everyone else gets 401 (anonymous) or 403 FORBIDDEN, as problems. The calls name
     * things that do not exist (year 1999, ids "khong-co") so that nothing is recorded and no stream stays open.
     */
    @Test
    void everyOperationOfBothDocumentsAnswersEveryRoleAsTheMatrixSays() {
        List<String> unlisted = new ArrayList<>();
        for (var side : List.of(new Object[] {apps.commands(), commandSide}, new Object[] {apps.queries(), querySide})) {
            Http app = (Http) side[0];
            for (var path : ((JsonNode) side[1]).path("paths").properties()) {
                for (var operation : path.getValue().properties()) {
                    String method = operation.getKey().toUpperCase(Locale.ROOT);
                    String key = method + " " + normalize(path.getKey());
                    List<String> allowed = WHO.get(key);
                    if (allowed == null) {
                        unlisted.add(key);
                        continue;
                    }
                    String concrete = path.getKey().replace("{clusterId}", "cum-2").replace("{year}", "1999")
                            .replace("{unitId}", "btc-bac-giang").replace("{treeSize}", "1")
                            .replaceAll("\\{[^}]*}", "khong-co");
                    Object body = method.equals("GET") ? null : Map.of();
                    Http.Response anonymous = app.request(method, concrete, body);
                    assertThat(refusedBySignIn(anonymous)).as("anonymous " + key + ": " + anonymous.raw())
                            .isEqualTo(!allowed.isEmpty());
                    for (String user : EVERY_ROLE) {
                        Http.Response answer = app.as(user).request(method, concrete, body);
                        if (allowed.isEmpty() || allowed.contains(user)) {
                            assertThat(refusedBySignIn(answer)).as(user + " " + key + ": " + answer.raw()).isFalse();
                        } else {
                            assertThat(answer.status()).as(user + " " + key).isEqualTo(403);
                            assertThat(answer.code()).as(user + " " + key).isEqualTo("FORBIDDEN");
                        }
                    }
                }
            }
        }
        assertThat(unlisted).as("operations with no line in the access matrix").isEmpty();
    }

    /** Stopped by sign-in or by the role rule, not by anything the operation itself decided. */
    private static boolean refusedBySignIn(Http.Response answer) {
        return answer.status() == 401 || answer.status() == 403 && "FORBIDDEN".equals(answer.code());
    }

    /** The operation of that method whose path, parameters aside, is the contract's. */
    private static JsonNode operation(JsonNode document, String contractPath, String method) {
        String wanted = normalize(contractPath);
        for (var path : document.path("paths").properties()) {
            if (normalize(path.getKey()).equals(wanted) && path.getValue().has(method)) {
                return path.getValue().path(method);
            }
        }
        return null;
    }

    private static String normalize(String path) {
        return path.replaceAll("\\[.*?]", "").replaceAll("\\?.*$", "").replaceAll("\\{[^}]*}", "{}")
                .replaceAll("/$", "");
    }

    private static JsonNode requestSchema(JsonNode document, JsonNode operation) {
        JsonNode schema = operation.at("/requestBody/content/application~1json/schema");
        return schema.isMissingNode() ? null : resolve(document, schema);
    }

    private static JsonNode answerSchema(JsonNode document, JsonNode operation) {
        JsonNode content = operation.at("/responses/200/content");
        if (content.isMissingNode() || !content.has("*/*") && !content.has("application/json")) {
            return null;
        }
        JsonNode schema = resolve(document, content.has("application/json")
                ? content.path("application/json").path("schema") : content.path("*/*").path("schema"));
        return schema.path("type").asString("").equals("array") ? resolve(document, schema.path("items")) : schema;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : document.at(ref.substring(1));
    }

    private static Set<String> properties(JsonNode document, JsonNode schema) {
        Set<String> names = new HashSet<>();
        resolve(document, schema).path("properties").propertyNames().forEach(names::add);
        return names;
    }

    /**
     * The top-level field names of a contract cell: "a, b[{c}], d{e}, f?" gives a, b, d, f; inside an answer's outer
     * braces the same; prose ("sorted by rank", "`text/plain`: ...") names none.
     */
    static List<String> fields(String cell) {
        String text = cell.replace("`", "").trim();
        if (text.startsWith("[{") || text.startsWith("{")) {
            int open = text.indexOf('{');
            int depth = 0;
            for (int i = open; i < text.length(); i++) {
                depth += text.charAt(i) == '{' ? 1 : text.charAt(i) == '}' ? -1 : 0;
                if (depth == 0) {
                    text = text.substring(open + 1, i);
                    break;
                }
            }
        }
        List<String> names = new ArrayList<>();
        int depth = 0;
        StringBuilder token = new StringBuilder();
        for (char c : (text + ",").toCharArray()) {
            if (c == ',' && depth == 0) {
                Matcher field = FIELD.matcher(token.toString().trim());
                if (field.matches()) {
                    names.add(field.group(1));
                }
                token.setLength(0);
                continue;
            }
            depth += c == '[' || c == '{' || c == '(' ? 1 : c == ']' || c == '}' || c == ')' ? -1 : 0;
            token.append(c);
        }
        return names;
    }
}
