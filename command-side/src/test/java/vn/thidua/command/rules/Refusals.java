package vn.thidua.command.rules;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a command refused under one rule. */
public final class Refusals {

    private Refusals() {
    }

    public static Matcher<RuleViolation> refusedBy(Rule rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.code().equals(rule.name());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal by rule ").appendText(rule.name());
            }
        };
    }
}
