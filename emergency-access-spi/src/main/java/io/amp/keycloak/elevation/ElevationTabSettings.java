package io.amp.keycloak.elevation;

import io.amp.keycloak.common.settings.AmpSetting;
import io.amp.keycloak.common.settings.AmpSettings;
import io.amp.keycloak.permissions.CatalogReader;
import io.amp.keycloak.permissions.PermissionsContract;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Emergency access's fields of the AMP tab: the permissions an elevation grants (realm attribute
 * {@value PermissionsContract#ELEVATION_PERMISSIONS}, which the token path and break-the-glass read)
 * and how long an emergency access lasts where its login step sets no duration.
 */
public final class ElevationTabSettings extends AmpSettings {

    public static final String ID = "emergency-access";
    private static final String PERMISSIONS_LABEL = "Emergency access permissions";

    public ElevationTabSettings() {
        super(ID, List.of(
                AmpSetting.text("elevation-permissions", PermissionsContract.ELEVATION_PERMISSIONS, PERMISSIONS_LABEL,
                        "The permission keys an emergency access or an approved break-the-glass request grants, comma-separated;"
                                + " an application is elevated only when its catalog has every one of them. Empty: "
                                + String.join(", ", ElevationPolicy.ELEVATED) + ".", ElevationTabSettings::permissionSet),
                AmpSetting.wholeNumber("emergency-seconds", ElevationContract.REALM_DURATION_SECONDS, "Emergency access duration (seconds)",
                        "How long an emergency access lasts, where its login step (AMP Emergency Access) sets no duration of its own."
                                + " 1 to " + ElevationPolicy.MAX_MINUTES * 60 + "; empty: " + ElevationPolicy.DEFAULT_EMERGENCY_SECONDS + ".",
                        1, ElevationPolicy.MAX_MINUTES * 60L)));
    }

    /**
     * A set the realm can use: permission keys, at least one, all of them permissions of one
     * application's catalog (otherwise no emergency access could elevate anything).
     */
    static Optional<String> permissionSet(KeycloakSession session, RealmModel realm, String value) {
        List<String> keys = Arrays.stream(value.split(",")).map(String::strip).filter(key -> !key.isEmpty()).distinct().toList();
        if (keys.isEmpty()) {
            return Optional.of(PERMISSIONS_LABEL + ": " + AmpSetting.quoted(value) + " names no permission; leave the field empty for the default");
        }
        List<String> malformed = keys.stream().filter(key -> !key.matches("[a-z0-9]+(-[a-z0-9]+)*")).toList();
        if (!malformed.isEmpty()) {
            return Optional.of(PERMISSIONS_LABEL + ": " + quotedAll(malformed) + (malformed.size() == 1 ? " is not a permission key" : " are not permission keys")
                    + " (lower-case words joined by dashes, as access-scheduling)");
        }
        List<ClientModel> clients = realm.getClientsStream().toList();
        List<String> unknown = keys.stream().filter(key -> clients.stream().noneMatch(client -> isPermission(client, key))).toList();
        if (!unknown.isEmpty()) {
            return Optional.of(PERMISSIONS_LABEL + ": no application of realm " + AmpSetting.literal(realm.getName()) + " has " + quotedAll(unknown) + " in its catalog");
        }
        if (clients.stream().noneMatch(client -> keys.stream().allMatch(key -> isPermission(client, key)))) {
            return Optional.of(PERMISSIONS_LABEL + ": no application of realm " + AmpSetting.literal(realm.getName()) + " has all of " + quotedAll(keys)
                    + " in its catalog, so an emergency access would elevate none");
        }
        return Optional.empty();
    }

    private static boolean isPermission(ClientModel client, String key) {
        RoleModel role = client.getRole(key);
        return role != null && CatalogReader.isPermission(role);
    }

    private static String quotedAll(List<String> values) {
        return String.join(", ", values.stream().map(AmpSetting::quoted).toList());
    }
}
