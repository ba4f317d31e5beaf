package vn.thidua.platform.web;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** RFC 7807 answers with a stable {@code code} and a type derived from it, the same on both sides. */
public final class ProblemDetails {

    public static final String TYPE_PREFIX = "urn:thidua:problem:";

    private ProblemDetails() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(HttpStatus.resolve(status.value()) == null ? code
                : HttpStatus.resolve(status.value()).getReasonPhrase());
        return withCode(problem, code);
    }

    /** Spring's own errors (405, 406, 415, 404 for an unknown path...) get a code too: the status's name. */
    public static void codeSpringsOwn(Object body, HttpStatusCode statusCode) {
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            withCode(problem, status == null ? "HTTP_" + statusCode.value() : status.name());
        }
    }

    private static ProblemDetail withCode(ProblemDetail problem, String code) {
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", code);
        return problem;
    }
}
