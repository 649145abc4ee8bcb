package io.amp.keycloak.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * What every AMP admin API registers: {@code /admin/realms/{realm}/<id>}, answered by a new
 * resource per request. Subclasses give the id and the resource; a few also act at startup.
 */
public abstract class AmpAdminResourceFactory implements AdminRealmResourceProviderFactory {

    /** Builds the JAX-RS resource of one request. */
    @FunctionalInterface
    protected interface Resources {
        Object create(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent);
    }

    private final String id;
    private final Resources resources;

    protected AmpAdminResourceFactory(String id, Resources resources) {
        this.id = id;
        this.resources = resources;
    }

    @Override
    public final AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                return resources.create(session, realm, auth, adminEvent);
            }

            @Override
            public void close() {
            }
        };
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
    public final String getId() {
        return id;
    }
}
