package io.amp.keycloak.common.rest;

import io.amp.keycloak.common.AmpProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.function.Function;

/**
 * What every AMP admin API registers: {@code /admin/realms/{realm}/<id>}, answered by a new
 * resource per request. Keycloak's admin root has authenticated the token (of this realm or of
 * master); {@link Entry} resolves the {@link Caller} as the user surface does. Subclasses give the
 * id and the resource; a few also act at startup.
 */
public abstract class AmpAdminResourceFactory implements AdminRealmResourceProviderFactory, AmpProviderFactory<AdminRealmResourceProvider> {

    private final String id;
    private final Function<Caller, Object> resources;

    protected AmpAdminResourceFactory(String id, Function<Caller, Object> resources) {
        this.id = id;
        this.resources = resources;
    }

    @Override
    public final AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                return Entry.serve(session, realm, auth, adminEvent, resources);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public final String getId() {
        return id;
    }
}
