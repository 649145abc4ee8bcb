package io.amp.keycloak.client.representation;

/** A department of an account. */
public record Department(String id, String name, String accountId) {
}
