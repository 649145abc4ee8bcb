package io.amp.keycloak.client.representation;

/** A site's grant to a consultant group or to one consultant, on or off. */
public record Grant(String id, String site, Subject subject, boolean enabled, String grantedBy, long grantedAt, long updatedAt) {

    /** Who holds the grant: {@code type} group (with the group's name, never its members) or user (with the email). */
    public record Subject(String type, String id, String name, String email) {
    }
}
