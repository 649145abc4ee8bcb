package io.amp.keycloak.permissions.admin.resource;

import io.amp.keycloak.common.rest.AmpAdminResourceFactory;
import io.amp.keycloak.permissions.CatalogReader;
import io.amp.keycloak.rules.permissions.PermissionCatalog;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

/**
 * Registers {@code /admin/realms/{realm}/amp-permissions}, and checks every permission catalog
 * once the server has started, logging each configuration error with realm, client, permission
 * and attribute, so a broken rule is seen before anyone misses a permission.
 */
public final class PermissionsAdminResourceProviderFactory extends AmpAdminResourceFactory {

    public static final String PROVIDER_ID = "amp-permissions";
    private static final Logger LOG = Logger.getLogger(PermissionsAdminResourceProviderFactory.class);

    public PermissionsAdminResourceProviderFactory() {
        super(PROVIDER_ID, PermissionsAdminResource::new);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, PermissionsAdminResourceProviderFactory::logCatalogProblems);
            }
        });
    }

    private static void logCatalogProblems(KeycloakSession session) {
        session.realms().getRealmsStream().forEach(realm -> realm.getClientsStream()
                .filter(client -> client.getRolesStream().anyMatch(CatalogReader::isPermission))
                .forEach(client -> {
                    PermissionCatalog catalog = CatalogReader.read(client);
                    catalog.problems().forEach(problem -> LOG.warnf(
                            "Permission catalog of client %s in realm %s: %s (the permission is withheld until fixed)",
                            client.getClientId(), realm.getName(), problem));
                    LOG.debugf("Permission catalog of client %s in realm %s: %d permissions, %d problems",
                            client.getClientId(), realm.getName(), catalog.keys().size(), catalog.problems().size());
                }));
    }
}
