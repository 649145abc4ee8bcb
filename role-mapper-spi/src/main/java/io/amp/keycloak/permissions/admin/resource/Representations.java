package io.amp.keycloak.permissions.admin.resource;

import io.amp.keycloak.rules.permissions.CatalogProblem;
import io.amp.keycloak.rules.permissions.EffectivePermissions.Resolution;

import java.util.List;

/** What the permissions admin API answers. */
public final class Representations {

    private Representations() {
    }

    public record Validation(String clientId, int permissions, boolean valid, List<CatalogProblem> problems) {
    }
    public record Explanation(String username, String clientId, Resolution resolution) {
    }
}
