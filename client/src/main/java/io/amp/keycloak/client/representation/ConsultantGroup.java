package io.amp.keycloak.client.representation;

/** A consultant group: a group below the realm's consultant-groups parent, with its full path. */
public record ConsultantGroup(String id, String name, String path) {
}
