package io.amp.keycloak.client.representation;

/** A site of a department. */
public record Site(String key, String name, String accountId, String departmentId) {
}
