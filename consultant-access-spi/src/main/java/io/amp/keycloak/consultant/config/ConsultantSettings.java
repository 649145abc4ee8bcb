package io.amp.keycloak.consultant.config;

import io.amp.keycloak.rules.consultant.AccessLevel;
import org.keycloak.models.RealmModel;

import java.util.OptionalInt;

/**
 * Per-realm settings of consultant access, as realm attributes (console: Realm settings > AMP,
 * which refuses a bad value; or the realm JSON {@code attributes}). A value written around the tab
 * that cannot be read counts as absent.
 */
public final class ConsultantSettings {


    private ConsultantSettings() {
    }

    public static int threshold(RealmModel realm) {
        String configured = realm.getAttribute(ConsultantContract.THRESHOLD);
        if (configured != null && configured.trim().matches("\\d{1,9}")) {
            return Integer.parseInt(configured.trim());
        }
        return AccessLevel.DEFAULT_CONSULTANT_THRESHOLD;
    }

    /** The realm's maximum of sites in a token, when it sets one (1 to {@value ConsultantContract#MAX_SITES_LIMIT}). */
    public static OptionalInt maxSites(RealmModel realm) {
        String configured = realm.getAttribute(ConsultantContract.REALM_MAX_SITES);
        if (configured != null && configured.trim().matches("\\d{1,5}")) {
            int max = Integer.parseInt(configured.trim());
            if (max >= 1 && max <= ConsultantContract.MAX_SITES_LIMIT) {
                return OptionalInt.of(max);
            }
        }
        return OptionalInt.empty();
    }

    public static String groupsParent(RealmModel realm) {
        String configured = realm.getAttribute(ConsultantContract.GROUPS_PARENT);
        return configured == null || configured.isBlank() ? ConsultantContract.DEFAULT_GROUPS_PARENT : configured.trim();
    }
}
