package io.amp.keycloak.permissions.model;

import io.amp.keycloak.permissions.EffectivePermissions;
import io.amp.keycloak.permissions.EffectivePermissions.Resolution;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Set;

/**
 * The one place where a user's permissions on a system are computed, for tokens and for the
 * explain endpoint alike, so the two never disagree.
 */
public final class PermissionResolver {

    private PermissionResolver() {
    }

    /**
     * The effective permission keys, sorted. Kept for the rest of the request in the session, so
     * that several mappers of one token resolve once; a session lives for one request only.
     */
    public static List<String> effective(KeycloakSession session, UserModel user, ClientModel client) {
        String key = "amp.permissions/" + user.getId() + "/" + client.getId();
        @SuppressWarnings("unchecked")
        List<String> cached = session.getAttribute(key, List.class);
        if (cached != null) {
            return cached;
        }
        Set<String> held = HeldPermissions.of(user, client).keySet();
        // Holding nothing of this client, nothing can be implied either; and a client without roles
        // is the one case where Keycloak's role cache does not cache the list, so skip the read.
        List<String> effective = held.isEmpty() ? List.of() : EffectivePermissions.keys(CatalogReader.read(client), held);
        session.setAttribute(key, effective);
        return effective;
    }

    public static Resolution explain(UserModel user, ClientModel client) {
        return EffectivePermissions.resolve(CatalogReader.read(client), HeldPermissions.of(user, client));
    }
}
