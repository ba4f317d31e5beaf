package vn.thidua.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.platform.web.ApiDocuments;

/** 401 and 403 as RFC 7807, like every other answer: a client handles one error shape. */

public class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    public static final ApiDocuments.Refusal UNAUTHENTICATED = new ApiDocuments.Refusal("UNAUTHENTICATED", 401,
            "Cần đăng nhập để thực hiện thao tác này.", "Sign in to do this.");
    public static final ApiDocuments.Refusal FORBIDDEN = new ApiDocuments.Refusal("FORBIDDEN", 403,
            "Vai trò của bạn không được phép thực hiện thao tác này.", "Your role may not do this.");
    /** What these handlers answer, for the API documents. */
    public static final List<ApiDocuments.Refusal> PROBLEMS = List.of(UNAUTHENTICATED, FORBIDDEN);

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * No Basic challenge to a browser (every current one sends {@code Sec-Fetch-Mode}): a browser that is never
     * challenged never caches credentials that another site's request could then use. Other clients (curl, scripts,
     * clients that wait for a challenge) are offered Basic as before; the dashboard signs in with its own form.
     */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", request.getHeader("Sec-Fetch-Mode") != null ? "Bearer"
                : "Basic realm=\"thidua\", Bearer");
        write(response, UNAUTHENTICATED);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, FORBIDDEN);
    }

    private void write(HttpServletResponse response, ApiDocuments.Refusal refusal) throws IOException {
        HttpStatus status = HttpStatus.valueOf(refusal.status());
        String code = refusal.code();
        String vietnamese = refusal.vietnamese();
        String english = refusal.english();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:thidua:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", english);
        problem.put("code", code);
        problem.put("messages", Map.of("vi", vietnamese, "en", english));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
