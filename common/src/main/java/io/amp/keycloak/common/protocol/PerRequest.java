package io.amp.keycloak.common.protocol;

import org.keycloak.models.KeycloakSession;

import java.util.function.Supplier;

/**
 * A value computed once per HTTP request: Keycloak's session lives for one request, and the
 * access token, ID token and several mappers of one token response ask for the same things (a
 * user's permissions on a client, their sites, their access scope). Kept as a session attribute
 * under a key that names everything the value depends on; nothing outlives the request.
 */
public final class PerRequest {

    private PerRequest() {
    }

    public static <T> T get(KeycloakSession session, String key, Class<T> type, Supplier<T> compute) {
        T cached = session.getAttribute(key, type);
        if (cached != null) {
            return cached;
        }
        T value = compute.get();
        session.setAttribute(key, value);
        return value;
    }
}
