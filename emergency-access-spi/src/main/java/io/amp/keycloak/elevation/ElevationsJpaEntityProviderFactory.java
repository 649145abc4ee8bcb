package io.amp.keycloak.elevation;

import io.amp.keycloak.common.jpa.AmpEntitiesFactory;
import io.amp.keycloak.elevation.jpa.AmpElevationEntity;
import io.amp.keycloak.elevation.jpa.ElevationStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;

/**
 * The elevation table and its changelog (Liquibase's own table: DATABASECHANGELOG_AMP_ELEVAT),
 * and the sweep that closes records of ended elevations (option
 * {@code --spi-jpa-entity-provider--amp-elevations--cleanup-interval-seconds}, default 60).
 * A realm's records go with the realm; a removed user's open records end (cause user-removed) and stay.
 */
public final class ElevationsJpaEntityProviderFactory extends AmpEntitiesFactory {

    public static final String PROVIDER_ID = "amp-elevations";

    public ElevationsJpaEntityProviderFactory() {
        super(PROVIDER_ID, "META-INF/amp-elevations-changelog-master.xml", List.of(AmpElevationEntity.class), new ElevationSweepTask());
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        super.postInit(factory);
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                KeycloakSession session = removed.getKeycloakSession();
                new ElevationStore(session).deleteRealm(removed.getRealm().getId());
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                ElevationLifecycle.endAllOfRemovedUser(removed.getKeycloakSession(), removed.getRealm(), removed.getUser().getId());
            }
        });
    }
}
