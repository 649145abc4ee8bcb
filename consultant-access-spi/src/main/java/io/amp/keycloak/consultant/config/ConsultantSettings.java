package io.amp.keycloak.consultant.config;

import io.amp.keycloak.rules.consultant.AccessLevel;
import org.keycloak.models.RealmModel;

/**
 * Per-realm settings of consultant access, as realm attributes (console: Realm settings >
 * General > ... or the realm JSON {@code attributes}).
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

    public static String groupsParent(RealmModel realm) {
        String configured = realm.getAttribute(ConsultantContract.GROUPS_PARENT);
        return configured == null || configured.isBlank() ? ConsultantContract.DEFAULT_GROUPS_PARENT : configured.trim();
    }
}
