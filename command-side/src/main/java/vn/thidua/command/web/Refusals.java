package vn.thidua.command.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import vn.thidua.command.rules.Rule;

/**
 * The rules an endpoint's command can break, for its API document: each one's code, status and words come from the
 * {@link Rule} itself. {@code scoring} and {@code ballot} add the refusals of a scorecard and of a ballot; every
 * command also answers with the request's own refusals ({@link RequestRefusal}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Refusals {

    Rule[] value() default {};

    RequestRefusal[] requests() default {};

    boolean scoring() default false;

    boolean ballot() default false;
}
