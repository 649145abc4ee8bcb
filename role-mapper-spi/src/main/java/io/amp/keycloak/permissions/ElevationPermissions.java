package io.amp.keycloak.permissions;

import io.amp.keycloak.rules.elevation.ElevationPolicy;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import java.util.List;

/**
 * What an emergency access or an approved break-the-glass request grants in a realm: the realm
 * attribute {@value PermissionsContract#ELEVATION_PERMISSIONS} (comma-separated permission keys;
 * absent or blank, {@link ElevationPolicy#ELEVATED}), and which applications may be elevated to it.
 * Realm attributes come from Keycloak's realm cache, so the token path reads this without a query,
 * and a change reaches every node's next token through the realm cache's invalidation.
 */
public final class ElevationPermissions {

    private ElevationPermissions() {
    }

    /** The permission keys an elevation grants in {@code realm}. */
    public static List<String> of(RealmModel realm) {
        return ElevationPolicy.permissions(realm.getAttribute(PermissionsContract.ELEVATION_PERMISSIONS));
    }

    /**
     * Whether {@code client} may be elevated in {@code realm}: it has every permission of the
     * realm's set as a permission of its catalog. One it lacks makes it not eligible.
     */
    public static boolean eligible(RealmModel realm, ClientModel client) {
        return client != null && ElevationPolicy.eligible(of(realm), key -> {
            RoleModel role = client.getRole(key);
            return role != null && CatalogReader.isPermission(role);
        });
    }
}
