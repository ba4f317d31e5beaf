package vn.thidua.command.rules;

/** A command broke a rule of the cluster; nothing was recorded. */
public class RuleViolation extends RuntimeException {

    private final transient Refusal refusal;

    public RuleViolation(Refusal refusal) {
        super(refusal.code() + ": " + refusal.english(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    public String code() {
        return refusal.code();
    }
}
