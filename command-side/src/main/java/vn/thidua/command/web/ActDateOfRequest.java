package vn.thidua.command.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.events.time.ActDate;

/**
 * Every command's body may carry {@code occurredOn} ({@code YYYY-MM-DD}): the day the act took place, when it is
 * entered later (see {@link ActDate}). It is read here once for all commands, kept with the request and put on the
 * command's metadata ({@link RequestMetadata}), so that each command's own fields stay what they were; the aggregates
 * judge whether the date may be used.
 */
@ControllerAdvice
public class ActDateOfRequest extends RequestBodyAdviceAdapter {

    private static final String ATTRIBUTE = ActDateOfRequest.class.getName();
    private static final byte[] FIELD = ActDate.OCCURRED_ON.getBytes(StandardCharsets.UTF_8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An {@code occurredOn} that is not a calendar date: answered 400 like any invalid field. */
    public static final class InvalidActDate extends RuntimeException {
        InvalidActDate(String value) {
            super("must be a date YYYY-MM-DD, not " + value);
        }
    }

    /** The act's day the current request carries, if any. */
    static Optional<LocalDate> of(HttpServletRequest request) {
        return Optional.ofNullable((LocalDate) request.getAttribute(ATTRIBUTE));
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        occurredOn(body).ifPresent(day -> RequestContextHolder.currentRequestAttributes()
                .setAttribute(ATTRIBUTE, day, RequestAttributes.SCOPE_REQUEST));
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    /** The body's top-level {@code occurredOn}; a body that is not JSON is left for the command's own reading. */
    static Optional<LocalDate> occurredOn(byte[] body) {
        if (!mentionsTheField(body)) {
            return Optional.empty();
        }
        JsonNode value;
        try {
            value = JSON.readTree(body).get(ActDate.OCCURRED_ON);
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw new InvalidActDate(value.toString());
        }
        try {
            return Optional.of(LocalDate.parse(value.asString()));
        } catch (DateTimeParseException e) {
            throw new InvalidActDate(value.asString());
        }
    }

    /** Most commands carry no date: the body is parsed a second time only when the name appears in it. */
    private static boolean mentionsTheField(byte[] body) {
        outer:
        for (int i = 0; i + FIELD.length <= body.length; i++) {
            for (int j = 0; j < FIELD.length; j++) {
                if (body[i + j] != FIELD[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
