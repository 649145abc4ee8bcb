package io.amp.keycloak.client.representation;

import java.util.List;

/** Why a user holds each effective permission on a client, and why others are withheld. */
public record PermissionExplanation(String username, String clientId, Resolution resolution) {

    public record Resolution(List<String> effective, List<Explained> explanations, List<Withheld> withheld) {
    }

    /** An effective permission, the grants behind it and the effective permissions that imply it. */
    public record Explained(String permission, List<String> grantedBy, List<String> impliedBy) {
    }

    /** A permission granted or implied but withheld, with the requirement it misses. */
    public record Withheld(String permission, String reason) {
    }
}
