package io.amp.keycloak.client.representation;

import java.util.List;

/** A client's permission catalog checked: how many permissions, and each problem (such a permission is withheld from every token). */
public record CatalogValidation(String clientId, int permissions, boolean valid, List<Problem> problems) {

    /** A rule that cannot hold: the permission, the attribute ({@code requires}, {@code implies}...) or null, and why. */
    public record Problem(String permission, String attribute, String message) {
    }
}
