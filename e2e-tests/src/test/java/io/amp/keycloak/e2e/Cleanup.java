package io.amp.keycloak.e2e;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo steps registered as soon as a test creates something on the shared server, run in reverse
 * order after the test whatever its outcome, so the demo realms stay as shipped for the next class.
 */
public final class Cleanup {

    private final Deque<Runnable> steps = new ArrayDeque<>();

    public void add(Runnable step) {
        steps.push(step);
    }

    public void run() {
        RuntimeException first = null;
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
