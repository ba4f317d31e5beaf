package vn.thidua.command.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for tests that drive an app as its users' clients do. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Response(int status, String contentType, JsonNode body, String raw, HttpHeaders headers) {
        public String code() {
            return body.path("code").asString();
        }
    }

    /** The password of every demo user of the embedded default. */
    public static final String DEMO_PASSWORD = "thidua-demo";
    public static final String COUNCIL = "hoi-dong";
    public static final String SECRETARIAT = "thu-ky-cum-2";
    public static final String AUDITOR = "kiem-toan";
    public static final String VIEWER = "xem";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, String> headers;

    public Http(String baseUrl) {
        this(baseUrl, Map.of());
    }

    private Http(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    /** The same client signed in as a demo user over HTTP Basic. */
    public Http as(String user) {
        String credentials = Base64.getEncoder()
                .encodeToString((user + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return with("Authorization", "Basic " + credentials);
    }

    /** The demo user who is the officer of a unit: {@code btc-bac-giang} -> {@code can-bo-bac-giang}. */
    public Http asOfficerOf(String unitId) {
        return as("can-bo-" + unitId.substring("btc-".length()));
    }

    public Http with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Http(baseUrl, more);
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public Response post(String path, Object body) {
        return request("POST", path, body);
    }

    public Response put(String path, Object body) {
        return request("PUT", path, body);
    }

    /** Any method; a body that is not already a String is sent as JSON. */
    public Response request(String method, String path, Object body) {
        return send(method, path, body == null ? null : body instanceof String raw ? raw : json(body));
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    /** A POST whose body is a file (an evidence file, a workbook) of the given media type. */
    public Response postFile(String path, String mediaType, byte[] content) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", mediaType);
        headers.forEach(request::header);
        HttpResponse<String> response = call("POST", path, request.POST(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode parsed = contentType.contains("json") && !response.body().isBlank() ? JSON.readTree(response.body())
                : JSON.missingNode();
        return new Response(response.statusCode(), contentType, parsed, response.body(), response.headers());
    }

    /** A GET whose answer is kept as bytes (a PDF, a workbook). */
    public byte[] bytes(String path) {
        return call("GET", path, request(path, null, "GET"), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private Response send(String method, String path, String body) {
        HttpResponse<String> response = call(method, path, request(path, body, method),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String raw = response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode parsed = contentType.contains("json") && !raw.isBlank() ? JSON.readTree(raw) : JSON.missingNode();
        return new Response(response.statusCode(), contentType, parsed, raw, response.headers());
    }

    private HttpRequest request(String path, String body, String method) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json, */*;q=0.5");
        headers.forEach(request::header);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return request.build();
    }

    private static <T> HttpResponse<T> call(String method, String path, HttpRequest request,
                                            HttpResponse.BodyHandler<T> body) {
        try {
            return CLIENT.send(request, body);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
