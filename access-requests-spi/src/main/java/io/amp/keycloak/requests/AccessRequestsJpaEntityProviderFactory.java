package io.amp.keycloak.requests;

import io.amp.keycloak.common.jpa.AmpEntitiesFactory;
import io.amp.keycloak.requests.jpa.AccessRequestStore;
import io.amp.keycloak.requests.jpa.AmpAccessRequestEntity;
import io.amp.keycloak.requests.jpa.AmpPendingRoleEntity;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;

/**
 * The access-request tables and their changelog (Liquibase's own table: DATABASECHANGELOG_AMP_REQUES),
 * and the clean-up of ended assignments (option
 * {@code --spi-jpa-entity-provider--amp-requests--cleanup-interval-seconds}, default 60).
 * A realm's requests go with the realm; a removed user's pending requests are cancelled, and kept.
 */
public final class AccessRequestsJpaEntityProviderFactory extends AmpEntitiesFactory {

    public static final String PROVIDER_ID = "amp-requests";

    public AccessRequestsJpaEntityProviderFactory() {
        super(PROVIDER_ID, "META-INF/amp-requests-changelog-master.xml", List.of(AmpAccessRequestEntity.class, AmpPendingRoleEntity.class),
                new EndedAssignmentsTask());
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        super.postInit(factory);
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new AccessRequestStore(removed.getKeycloakSession()).deleteRealm(removed.getRealm().getId());
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new AccessRequestStore(removed.getKeycloakSession()).cancelOfRemovedUser(removed.getRealm().getId(),
                        removed.getUser().getId());
            }
        });
    }
}
