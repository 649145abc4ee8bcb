package io.amp.keycloak.permissions;

import io.amp.keycloak.common.protocol.PerRequest;
import io.amp.keycloak.rules.elevation.Elevation;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import io.amp.keycloak.rules.permissions.EffectivePermissions;
import io.amp.keycloak.rules.permissions.EffectivePermissions.Resolution;
import io.amp.keycloak.rules.permissions.PermissionCatalog;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where a user's permissions on a system are computed, for tokens and for the
 * explain endpoint alike, so the two never disagree.
 */
public final class PermissionResolver {

    private PermissionResolver() {
    }

    /**
     * What a token of this session says: the effective permissions with a running elevation's
     * added (rules applied to both), the elevation, and which keys only the elevation gives. What an
     * elevation adds is the realm's set ({@link ElevationPermissions}), read from the cached realm.
     */
    public record InSession(List<String> permissions, Optional<Elevation> elevation, List<String> elevated) {
    }

    /**
     * The effective permission keys, sorted. Kept for the rest of the request in the session, so
     * that several mappers of one token resolve once; a session lives for one request only.
     */
    @SuppressWarnings("unchecked")
    public static List<String> effective(KeycloakSession session, UserModel user, ClientModel client) {
        return PerRequest.get(session, "amp.permissions/" + user.getId() + "/" + client.getId(), List.class, () -> {
            Set<String> held = HeldPermissions.keys(user, client);
            // Holding nothing of this client, nothing can be implied either; and a client without roles
            // is the one case where Keycloak's role cache does not cache the list, so skip the read.
            return held.isEmpty() ? List.of() : EffectivePermissions.keys(catalog(session, client), held);
        });
    }

    /** The client's catalog, read once per request (the user's and a primary provider's resolution share it). */
    private static PermissionCatalog catalog(KeycloakSession session, ClientModel client) {
        return PerRequest.get(session, "amp.catalog/" + client.getId(), PermissionCatalog.class, () -> CatalogReader.read(client));
    }

    /** The permissions of a token of this user session, elevation included; once per request like {@link #effective}. */
    public static InSession inSession(KeycloakSession session, UserSessionModel userSession, ClientModel client) {
        return PerRequest.get(session, "amp.permissions-in-session/" + userSession.getId() + "/" + client.getId(), InSession.class, () -> {
            UserModel user = userSession.getUser();
            List<String> base = effective(session, user, client);
            Optional<Elevation> elevation = SessionElevation.running(session, userSession);
            List<String> permissions = ElevationPermissions.of(userSession.getRealm());
            Set<String> grants = ElevationPolicy.grants(elevation, client.getId(), Set.copyOf(base), System.currentTimeMillis(), permissions);
            // An application lacking one of the realm's elevation permissions is not elevated at all (fail closed),
            // as it may not be asked for (ElevationPermissions.eligible); the catalog, read once per request from the cache, says so.
            if (grants.isEmpty() || !ElevationPolicy.eligible(permissions, catalog(session, client).keys()::contains)) {
                return new InSession(base, Optional.empty(), List.of());
            }
            Set<String> held = new HashSet<>(HeldPermissions.keys(user, client));
            held.addAll(grants);
            List<String> all = EffectivePermissions.keys(catalog(session, client), held);
            List<String> elevated = all.stream().filter(permission -> !base.contains(permission)).toList();
            return new InSession(all, elevated.isEmpty() ? Optional.empty() : elevation, elevated);
        });
    }

    public static Resolution explain(UserModel user, ClientModel client) {
        return EffectivePermissions.resolve(CatalogReader.read(client), HeldPermissions.of(user, client));
    }
}
