package io.amp.keycloak.rules;

/**
 * A step the rules do not allow, with why and of which kind, so that an API can answer 400, 403
 * or 409 without knowing the rule. Thrown by the pure decision classes (access requests, elevation).
 */
public final class Refused extends RuntimeException {

    /** What kind of refusal. */
    public enum Problem {
        /** The input is wrong: 400. */
        INVALID,
        /** This caller may not: 403. */
        FORBIDDEN,
        /** The state forbids it (decided already, one at a time): 409. */
        CONFLICT
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
