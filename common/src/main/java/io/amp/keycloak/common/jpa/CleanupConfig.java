package io.amp.keycloak.common.jpa;

import org.keycloak.Config;

/**
 * How often a feature's clean-up runs, from the server configuration of its entity provider:
 * {@code --spi-jpa-entity-provider--<id>--cleanup-interval-seconds} (default 60, at least 1).
 */
record CleanupConfig(long intervalSeconds) {

    static final String INTERVAL = "cleanup-interval-seconds";
    static final CleanupConfig DEFAULT = new CleanupConfig(60);

    static CleanupConfig of(Config.Scope scope) {
        return new CleanupConfig(Math.max(1, scope.getLong(INTERVAL, DEFAULT.intervalSeconds())));
    }

    long intervalMillis() {
        return intervalSeconds * 1000;
    }
}
