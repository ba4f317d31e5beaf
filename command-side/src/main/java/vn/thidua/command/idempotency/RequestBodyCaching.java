package vn.thidua.command.idempotency;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import vn.thidua.command.archive.YearImportController;
import vn.thidua.command.evidence.EvidenceController;
import vn.thidua.platform.security.SecurityProperties;

/**
 * Keeps a copy of the body of keyed requests, so that their fingerprint covers what was sent; and refuses bodies
 * over the size limit: at once when their length says so, and, for a chunked body that says none, as soon as reading
 * passes the limit ({@link LimitedRequestBody}; the command side answers 413 then too). Files (an evidence file, an
 * imported workbook) have their own, larger limit ({@code thidua.evidence.max-bytes}; an evidence file over it is 413
 * {@code EVIDENCE_TOO_LARGE}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestBodyCaching extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final long maxEvidenceBytes;

    public RequestBodyCaching(SecurityProperties properties,
                              @Value("${thidua.evidence.max-bytes:20971520}") long maxEvidenceBytes) {
        this.maxBodyBytes = properties.maxBodyBytes();
        this.maxEvidenceBytes = maxEvidenceBytes;
    }

    /** The whole body of a request that carries a file; read past the size limit, {@code overLimit} is thrown. */
    public static byte[] file(HttpServletRequest request, Supplier<? extends RuntimeException> overLimit)
            throws IOException {
        try {
            return request.getInputStream().readAllBytes();
        } catch (IOException e) {
            if (overLimit(e)) {
                throw overLimit.get();
            }
            throw e;
        }
    }

    /** Whether a failure came from reading a body past the limit. */
    public static boolean overLimit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LimitedRequestBody.TooLarge) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean evidence = request.getRequestURI().equals(EvidenceController.PATH);
        boolean workbook = request.getRequestURI().endsWith(YearImportController.PATH_END);
        long limit = evidence || workbook ? maxEvidenceBytes : maxBodyBytes;
        if (request.getContentLengthLong() > limit) {
            // The same code as when a chunked body runs past the limit (the controllers' own refusals).
            String code = evidence ? "EVIDENCE_TOO_LARGE" : workbook ? "WORKBOOK_TOO_LARGE" : "PAYLOAD_TOO_LARGE";
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"urn:thidua:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')
                    + "\",\"title\":\"Content Too Large\",\"status\":413,\"code\":\"" + code + "\",\"detail\":\"The"
                    + " request body is over " + limit + " bytes.\",\"messages\":{\"vi\":\"Nội dung yêu cầu vượt quá "
                    + limit + " byte.\",\"en\":\"The request body is over " + limit + " bytes.\"}}");
            return;
        }
        HttpServletRequest limited = new LimitedRequestBody(request, limit);
        // An evidence file is stored by its hash: sent again it changes nothing, keyed or not, and is not copied.
        boolean keyed = !evidence && request.getHeader(IdempotentRequests.HEADER) != null;
        chain.doFilter(keyed ? new ContentCachingRequestWrapper(limited, (int) limit) : limited, response);
    }
}
