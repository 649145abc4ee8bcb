package io.amp.keycloak.client.representation;

/** A consultant by exact email. */
public record Email(String email) {
}
