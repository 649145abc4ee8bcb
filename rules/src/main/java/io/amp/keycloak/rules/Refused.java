package io.amp.keycloak.rules;

/**
 * A step the rules do not allow, with why and of which kind, so that an API can answer 400, 403,
 * 409 or 413 without knowing the rule. Thrown by the pure decision classes (access requests, elevation) and by the strict body reader of
 * the REST layer; the REST layer turns it into an answer in one place.
 */
public final class Refused extends RuntimeException {

    /** What kind of refusal. */
    public enum Problem {
        /** The input is wrong: 400. */
        INVALID,
        /** This caller may not: 403. */
        FORBIDDEN,
        /** The state forbids it (decided already, one at a time): 409. */
        CONFLICT,
        /** The input is larger than anything the step needs; refused unread: 413. */
        TOO_LARGE
    }

    private final Problem problem;

    public Refused(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
