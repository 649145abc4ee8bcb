package io.amp.keycloak.consultant.admin.resource;

import io.amp.keycloak.consultant.AccessLevel;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Registers {@code /admin/realms/{realm}/amp-consultant-access}. A realm may lower or raise the
 * consultant threshold with the realm attribute {@value #THRESHOLD_REALM_ATTRIBUTE}.
 */
public final class ConsultantAccessResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = "amp-consultant-access";
    public static final String THRESHOLD_REALM_ATTRIBUTE = "amp.consultant-threshold";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new Provider();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    private static final class Provider implements AdminRealmResourceProvider {

        @Override
        public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                  AdminEventBuilder adminEvent) {
            return new ConsultantAccessResource(auth, consultantThreshold(realm));
        }

        @Override
        public void close() {
        }

        private static int consultantThreshold(RealmModel realm) {
            String configured = realm.getAttribute(THRESHOLD_REALM_ATTRIBUTE);
            if (configured != null && configured.trim().matches("\\d{1,9}")) {
                return Integer.parseInt(configured.trim());
            }
            return AccessLevel.DEFAULT_CONSULTANT_THRESHOLD;
        }
    }
}
