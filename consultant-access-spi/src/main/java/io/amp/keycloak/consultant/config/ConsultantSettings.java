package io.amp.keycloak.consultant.config;

import io.amp.keycloak.rules.consultant.AccessLevel;
import org.keycloak.models.RealmModel;

/**
 * Per-realm settings of consultant access, as realm attributes (console: Realm settings >
 * General > ... or the realm JSON {@code attributes}).
 */
public final class ConsultantSettings {

    /** The level at and above which a user is a consultant; default 80. */
    public static final String THRESHOLD = "amp.consultant-threshold";
    /** The top-level group whose subgroups are consultant groups; default {@code consultant-groups}. */
    public static final String GROUPS_PARENT = "amp.consultant-groups";
    public static final String DEFAULT_GROUPS_PARENT = "consultant-groups";

    private ConsultantSettings() {
    }

    public static int threshold(RealmModel realm) {
        String configured = realm.getAttribute(THRESHOLD);
        if (configured != null && configured.trim().matches("\\d{1,9}")) {
            return Integer.parseInt(configured.trim());
        }
        return AccessLevel.DEFAULT_CONSULTANT_THRESHOLD;
    }

    public static String groupsParent(RealmModel realm) {
        String configured = realm.getAttribute(GROUPS_PARENT);
        return configured == null || configured.isBlank() ? DEFAULT_GROUPS_PARENT : configured.trim();
    }
}
