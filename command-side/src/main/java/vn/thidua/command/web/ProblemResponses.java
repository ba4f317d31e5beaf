package vn.thidua.command.web;

import org.springframework.http.MediaType;
import vn.thidua.command.documents.DocumentPrinter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import vn.thidua.events.time.ActDate;
import vn.thidua.platform.web.ApiDocuments;
import vn.thidua.platform.web.CodedProblemResponses;
import vn.thidua.platform.web.ProblemDetails;

import tools.jackson.core.JacksonException;
import vn.thidua.command.idempotency.RequestBodyCaching;
import vn.thidua.command.rules.Refusal;
import vn.thidua.command.rules.RuleViolation;

/**
 * Every error as RFC 7807 {@code application/problem+json} with a stable {@code code}: refusals of the cluster's rules
 * in Vietnamese and English ({@code detail} follows Accept-Language), invalid input as 400 with per-field
 * {@code errors}. Nothing a client sends ends in a 500.
 */
@RestControllerAdvice
public class ProblemResponses extends CodedProblemResponses {

    private final MeterRegistry meters;

    /** Refusals are counted by code ({@code thidua.commands.refused}), for operators' dashboards. */
    public ProblemResponses(MeterRegistry meters) {
        this.meters = meters;
    }

    static final ApiDocuments.Refusal INVALID_INPUT = new ApiDocuments.Refusal("INVALID_INPUT", 400,
            "Một số trường bị thiếu hoặc không hợp lệ.", "Some fields are missing or invalid.");
    static final ApiDocuments.Refusal MALFORMED_REQUEST = new ApiDocuments.Refusal("MALFORMED_REQUEST", 400,
            "Nội dung yêu cầu không phải JSON hợp lệ cho thao tác này.",
            "The request body is not valid JSON for this operation.");
    static final ApiDocuments.Refusal PAYLOAD_TOO_LARGE = new ApiDocuments.Refusal("PAYLOAD_TOO_LARGE", 413,
            "Nội dung yêu cầu quá lớn.", "The request body is too large.");
    /** What a command's input can be refused for before any rule is asked, for the API document. */
    static final List<ApiDocuments.Refusal> INPUT_PROBLEMS = List.of(INVALID_INPUT, MALFORMED_REQUEST,
            PAYLOAD_TOO_LARGE);

    /** One invalid field: its JSON path and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(RuleViolation.class)
    public ResponseEntity<ProblemDetail> refused(RuleViolation violation, Locale locale) {
        Refusal refusal = violation.refusal();
        meters.counter("thidua.commands.refused", "code", refusal.code()).increment();
        boolean vietnamese = "vi".equals(locale.getLanguage());
        ProblemDetail problem = problem(HttpStatusCode.valueOf(refusal.status()), refusal.code(),
                vietnamese ? refusal.vietnamese() : refusal.english());
        problem.setProperty("messages", Map.of("vi", refusal.vietnamese(), "en", refusal.english()));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(refusal.status());
        if (refusal.status() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return response.body(problem);
    }

    /** The query side's own refusal to print a document to issue, as it came. */
    @ExceptionHandler(DocumentPrinter.PrinterRefused.class)
    public ResponseEntity<String> printerRefused(DocumentPrinter.PrinterRefused refused) {
        return ResponseEntity.status(refused.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(refused.body());
    }

    @ExceptionHandler(ActDateOfRequest.InvalidActDate.class)
    public ResponseEntity<ProblemDetail> invalidActDate(ActDateOfRequest.InvalidActDate e) {
        return invalid(List.of(new FieldProblem(ActDate.OCCURRED_ON, e.getMessage())));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> wrongParameterType(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(new FieldProblem(e.getName(), "has the wrong type: " + e.getValue())));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getField(), error.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return ResponseEntity.badRequest().body(invalid(errors).getBody());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new FieldProblem(fieldOf(error, result.getMethodParameter().getParameterName()),
                        error.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(invalid(errors).getBody());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (RequestBodyCaching.overLimit(e)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem(HttpStatus.CONTENT_TOO_LARGE,
                    PAYLOAD_TOO_LARGE.code(), PAYLOAD_TOO_LARGE.english()));
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST.code(),
                MALFORMED_REQUEST.english());
        if (e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            problem.setProperty("errors", List.of(new FieldProblem(jsonPath(jackson), jackson.getOriginalMessage())));
        }
        return ResponseEntity.badRequest().body(problem);
    }


    private static ResponseEntity<ProblemDetail> invalid(List<FieldProblem> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_INPUT.code(), INVALID_INPUT.english());
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        return ProblemDetails.of(status, code, detail);
    }

    private static String fieldOf(MessageSourceResolvable error, String parameterName) {
        return error instanceof FieldError field ? field.getField() : parameterName;
    }

    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
