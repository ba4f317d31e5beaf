package vn.thidua.query.web;

/** A read that cannot be answered with data; rendered as RFC 7807. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final String vietnamese;

    public ProblemException(Problem problem, String vietnamese, String english) {
        super(english, null, false, false);
        this.problem = problem;
        this.vietnamese = vietnamese;
    }

    public Problem problem() {
        return problem;
    }

    public String vietnamese() {
        return vietnamese;
    }

    public String english() {
        return getMessage();
    }
}
