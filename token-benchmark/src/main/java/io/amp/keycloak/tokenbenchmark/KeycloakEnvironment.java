package io.amp.keycloak.tokenbenchmark;

import java.util.Map;

/**
 * The environment the benchmark gives {@code kc.sh}: nothing of the caller's Keycloak or JVM
 * settings (a {@code KC_DB} or {@code JAVA_OPTS} in the shell would change what is measured), and
 * the same heap settings for every run.
 */
final class KeycloakEnvironment {

    static final String ADMIN_USERNAME = "admin";
    static final String ADMIN_PASSWORD = "admin";

    private KeycloakEnvironment() {
    }

    static void clean(Map<String, String> env) {
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS") || name.equals("JAVA_ADD_OPENS")
                || name.startsWith("QUARKUS_"));
    }

    /** {@code heap} becomes JAVA_OPTS_KC_HEAP; {@code append} (may be empty) JAVA_OPTS_APPEND. */
    static void forServer(Map<String, String> env, String heap, String append) {
        clean(env);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("JAVA_OPTS_KC_HEAP", heap);
        if (!append.isBlank()) {
            env.put("JAVA_OPTS_APPEND", append);
        }
    }
}
