package io.amp.keycloak.consultant.config;

import io.amp.keycloak.common.settings.AmpSetting;
import io.amp.keycloak.common.settings.AmpSettings;
import io.amp.keycloak.rules.consultant.AccessLevel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.Optional;

/** Consultant access's fields of the AMP tab: the consultant threshold, the consultant groups' parent, the most sites a token lists. */
public final class ConsultantTabSettings extends AmpSettings {

    public static final String ID = "consultant-access";

    public ConsultantTabSettings() {
        super(ID, List.of(
                AmpSetting.wholeNumber("consultant-threshold", ConsultantContract.THRESHOLD, "Consultant threshold",
                        "A user whose highest access level (realm role attribute access-level) is at or above it is a consultant:"
                                + " site data stays closed to them until a site is granted. 0 to 100; empty: "
                                + AccessLevel.DEFAULT_CONSULTANT_THRESHOLD + ".", 0, 100),
                AmpSetting.text("consultant-groups", ConsultantContract.GROUPS_PARENT, "Consultant groups parent",
                        "The top-level group whose subgroups are consultant groups; site grants to them reach their members."
                                + " Empty: " + ConsultantContract.DEFAULT_GROUPS_PARENT + ".", ConsultantTabSettings::topLevelGroup),
                AmpSetting.wholeNumber("max-sites", ConsultantContract.REALM_MAX_SITES, "Maximum sites in a token",
                        "Past this many sites the sites claim becomes an overflow marker pointing to the paged endpoint. Set, it"
                                + " applies to every sites mapper of the realm; empty: each mapper's own Maximum sites (100 unless set)."
                                + " 1 to " + ConsultantContract.MAX_SITES_LIMIT + ".", 1, ConsultantContract.MAX_SITES_LIMIT)));
    }

    private static Optional<String> topLevelGroup(KeycloakSession session, RealmModel realm, String name) {
        if (name.contains("/")) {
            return Optional.of("Consultant groups parent: " + AmpSetting.quoted(name) + " is not the name of a top-level group (no slashes)");
        }
        if (KeycloakModelUtils.findGroupByPath(session, realm, "/" + name) == null) {
            return Optional.of("Consultant groups parent: realm " + AmpSetting.literal(realm.getName()) + " has no top-level group " + AmpSetting.quoted(name)
                    + "; create it first (Groups > Create group)");
        }
        return Optional.empty();
    }
}
