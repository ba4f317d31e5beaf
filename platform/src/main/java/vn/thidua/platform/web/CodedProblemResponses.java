package vn.thidua.platform.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring's RFC 7807 answers with a stable {@code code} on each: both apps' problem handlers extend this, so that
 * Spring's own errors (405, 406, 415, 404 for an unknown path...) get a code too, the status's name.
 */
public abstract class CodedProblemResponses extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, statusCode, request);
        if (response != null) {
            ProblemDetails.codeSpringsOwn(response.getBody(), response.getStatusCode());
        }
        return response;
    }
}
