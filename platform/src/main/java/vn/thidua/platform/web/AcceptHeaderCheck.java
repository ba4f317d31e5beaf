package vn.thidua.platform.web;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * An {@code Accept} header that is no list of media types is bad input: 400 {@code ACCEPT_INVALID} at once. Left to
 * the handlers, no answer can be negotiated against it, and whatever the request met (a 404, a 503) would go out
 * with no body at all.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AcceptHeaderCheck extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException e) {
                ProblemDetail problem = ProblemDetails.of(HttpStatus.BAD_REQUEST, "ACCEPT_INVALID",
                        "Tiêu đề Accept không phải danh sách kiểu nội dung · The Accept header is not a list of"
                                + " media types: " + e.getMessage());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", problem.getType().toString());
                body.put("title", problem.getTitle());
                body.put("status", problem.getStatus());
                body.put("detail", problem.getDetail());
                body.putAll(problem.getProperties());
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                JSON.writeValue(response.getOutputStream(), body);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
