package io.amp.keycloak.client.representation;

/** A member of a consultant group, as those who manage the group see them. */
public record GroupMember(String id, String username, String email) {
}
