package vn.thidua.command.idempotency;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import vn.thidua.platform.security.SecurityProperties;

/**
 * Keeps a copy of the body of keyed requests, so that their fingerprint covers what was sent; and refuses bodies
 * over the size limit: at once when their length says so, and, for a chunked body that says none, as soon as reading
 * passes the limit ({@link LimitedRequestBody}; the command side answers 413 then too).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestBodyCaching extends OncePerRequestFilter {

    private final long maxBodyBytes;

    public RequestBodyCaching(SecurityProperties properties) {
        this.maxBodyBytes = properties.maxBodyBytes();
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
        if (request.getContentLengthLong() > maxBodyBytes) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"urn:thidua:problem:payload-too-large\",\"title\":\"Content Too "
                    + "Large\",\"status\":413,\"code\":\"PAYLOAD_TOO_LARGE\",\"detail\":\"The request body is over "
                    + maxBodyBytes + " bytes.\",\"messages\":{\"vi\":\"Nội dung yêu cầu vượt quá " + maxBodyBytes
                    + " byte.\",\"en\":\"The request body is over " + maxBodyBytes + " bytes.\"}}");
            return;
        }
        HttpServletRequest limited = new LimitedRequestBody(request, maxBodyBytes);
        boolean keyed = request.getHeader(IdempotentRequests.HEADER) != null;
        chain.doFilter(keyed ? new ContentCachingRequestWrapper(limited, (int) maxBodyBytes) : limited, response);
    }
}
