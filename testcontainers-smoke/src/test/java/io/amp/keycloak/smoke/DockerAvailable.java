package io.amp.keycloak.smoke;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where a Docker engine answers; elsewhere the class is skipped, never
 * failed, and a {@code NOTICE:} line says so on the console. Testcontainers'
 * {@code @Testcontainers(disabledWithoutDocker = true)} skips as well, but silently: the notice is
 * why this condition exists. It must come before {@code @Testcontainers} on the class, so that the
 * containers are never started where it skips.
 */
public final class DockerAvailable implements ExecutionCondition {

    static final String NOTICE = "NOTICE: no Docker engine answers; amp-testcontainers-smoke smoke tests skipped";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // Testcontainers asks each of its strategies once per JVM (environment, socket, Docker
        // context ...) and keeps the answer; without an engine it answers false, not an exception.
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        if (context.getTestMethod().isEmpty()) {
            // Once per class: a skipped class never asks again for its methods.
            System.out.println(NOTICE + " (" + context.getDisplayName() + ")");
        }
        return ConditionEvaluationResult.disabled(NOTICE);
    }
}
