package io.amp.keycloak.client.representation;

/** The caller's highest {@code access-level} and whether it makes them a consultant; {@code accessLevel} null when no realm role carries one. */
public record AccessLevel(String username, Integer accessLevel, boolean consultant) {
}
