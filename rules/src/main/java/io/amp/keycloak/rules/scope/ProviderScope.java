package io.amp.keycloak.rules.scope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which providers a user may work across, per feature of seed 001: with the permission on, all
 * providers of the practice group; with it off, only the primary provider selected on the staff
 * account (for a provider, themselves).
 */
public final class ProviderScope {

    public static final String PRACTICE_GROUP = "practice_group";
    public static final String PRIMARY_PROVIDER = "primary_provider";

    /** Provider Dropdown, Appointment Provider Selection, Share Patients, View Practice Group. */
    public static final List<String> FEATURES = List.of(
            "provider-dropdown", "appointment-provider-selection", "share-patients", "view-practice-group");

    private ProviderScope() {
    }

    public static Map<String, String> of(Set<String> effectivePermissions) {
        Map<String, String> scopes = new LinkedHashMap<>();
        for (String feature : FEATURES) {
            scopes.put(feature, effectivePermissions.contains(feature) ? PRACTICE_GROUP : PRIMARY_PROVIDER);
        }
        return scopes;
    }
}
