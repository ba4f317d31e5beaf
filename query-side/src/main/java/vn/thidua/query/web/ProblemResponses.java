package vn.thidua.query.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import vn.thidua.platform.web.ApiDocuments;
import vn.thidua.platform.web.CodedProblemResponses;
import vn.thidua.platform.web.ProblemDetails;

/** RFC 7807 answers with a stable {@code code}, as on the command side; {@code detail} follows Accept-Language. */
@RestControllerAdvice
public class ProblemResponses extends CodedProblemResponses {

    static final ApiDocuments.Refusal INVALID_INPUT = new ApiDocuments.Refusal("INVALID_INPUT", 400,
            "Một số tham số không hợp lệ.", "Some parameters are invalid.");


    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<ProblemDetail> problem(ProblemException e, Locale locale) {
        Problem problem = e.problem();
        ProblemDetail body = detail(HttpStatusCode.valueOf(problem.status()), problem.name(),
                "vi".equals(locale.getLanguage()) ? e.vietnamese() : e.english());
        body.setProperty("messages", Map.of("vi", e.vietnamese(), "en", e.english()));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status());
        if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.body(body);
    }

    /** The database went away: say so and when to come back, rather than a 500. */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    public ResponseEntity<ProblemDetail> storeUnavailable(Exception e, Locale locale) {
        return problem(Problem.STORE_UNAVAILABLE.raise(), locale);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> wrongParameter(MethodArgumentTypeMismatchException e) {
        ProblemDetail body = detail(HttpStatus.BAD_REQUEST, INVALID_INPUT.code(), INVALID_INPUT.english());
        body.setProperty("errors", List.of(Map.of("field", e.getName(),
                "message", "cannot be read as " + e.getRequiredType().getSimpleName() + ": " + e.getValue())));
        return ResponseEntity.badRequest().body(body);
    }


    private static ProblemDetail detail(HttpStatusCode status, String code, String detail) {
        return ProblemDetails.of(status, code, detail);
    }
}
