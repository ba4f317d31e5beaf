package vn.thidua.command.rules;

import java.util.Locale;

/** A refusal's stable code (its name), HTTP status and words in Vietnamese and English, with particulars filled in. */
public interface RefusalCode {

    /** A refusal's answer before its particulars are filled in. */
    record Words(int status, String vietnamese, String english) {
    }

    String name();

    Words words();

    default int status() {
        return words().status();
    }

    default String vietnamese() {
        return words().vietnamese();
    }

    default String english() {
        return words().english();
    }

    default RuleViolation refuse(Object... particulars) {
        return new RuleViolation(new Refusal(name(), status(),
                String.format(Locale.ROOT, vietnamese(), particulars),
                String.format(Locale.ROOT, english(), particulars)));
    }

    /** Throws the refusal unless the condition holds. */
    default void require(boolean condition, Object... particulars) {
        if (!condition) {
            throw refuse(particulars);
        }
    }
}
