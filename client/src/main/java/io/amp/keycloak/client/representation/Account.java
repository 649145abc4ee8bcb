package io.amp.keycloak.client.representation;

/** An account (a Keycloak organization); {@code contract} only in its details, for its Account Admins and realm admins. */
public record Account(String id, String name, String alias, String contract) {
}
