package vn.thidua.command.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A client-chosen id: 2 to 64 lower-case letters, digits and hyphens, e.g. {@code cum-2}, {@code btc-bac-giang}. */
@NotNull
@Pattern(regexp = "[a-z0-9-]{2,64}")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Slug {

    String message() default "must be 2 to 64 characters of a-z, 0-9 and '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
