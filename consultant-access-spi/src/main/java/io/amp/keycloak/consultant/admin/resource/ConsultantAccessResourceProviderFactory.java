package io.amp.keycloak.consultant.admin.resource;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Registers {@code /admin/realms/{realm}/amp-consultant-access}. */
public final class ConsultantAccessResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = "amp-consultant-access";

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
            return new ConsultantAccessResource(session, realm, auth, adminEvent);
        }

        @Override
        public void close() {
        }
    }
}
