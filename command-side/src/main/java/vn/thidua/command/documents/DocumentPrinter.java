package vn.thidua.command.documents;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.json.JsonMapper;
import vn.thidua.command.web.RequestRefusal;
import vn.thidua.events.json.EventJson;

/**
 * Prints a document as it is to be issued, by the query side that lays out every document
 * ({@code POST .../documents/print}, {@code THIDUA_QUERY_SIDE_URL}), acting for the caller: the issuer reads what
 * it issues with its own rights. The query side's refusal (an unknown unit, a tree size it does not know) is handed
 * back as it came; no answer is 503 and nothing is issued.
 */
@Component
public class DocumentPrinter {

    /** What the query side answered instead of a PDF: its status and RFC 7807 body, handed back to the caller. */
    public static final class PrinterRefused extends RuntimeException {
        private final int status;
        private final String body;

        PrinterRefused(int status, String body) {
            super("the query side refused to print: " + status);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = EventJson.mapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String querySide;

    public DocumentPrinter(@Value("${thidua.query-side-url}") String querySide) {
        this.querySide = querySide;
    }

    public byte[] print(String clusterId, int year, IssueRequest issue, long treeSize, String authorization) {
        URI uri = UriComponentsBuilder.fromUriString(querySide)
                .path("/api/clusters/{clusterId}/years/{year}/documents/print").build(clusterId, year);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .header(HttpHeaders.ACCEPT, "application/pdf, application/problem+json")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "vi")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(issue.toPrint(treeSize))));
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw RequestRefusal.DOCUMENT_PRINTER_UNAVAILABLE.refuse(querySide);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RequestRefusal.DOCUMENT_PRINTER_UNAVAILABLE.refuse(querySide);
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        if (response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 401) {
            throw new PrinterRefused(response.statusCode(), new String(response.body(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        throw RequestRefusal.DOCUMENT_PRINTER_UNAVAILABLE.refuse(querySide);
    }
}
