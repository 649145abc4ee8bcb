package io.amp.keycloak.client.representation;

/** A department's name, to create or rename it. */
public record Name(String name) {
}
