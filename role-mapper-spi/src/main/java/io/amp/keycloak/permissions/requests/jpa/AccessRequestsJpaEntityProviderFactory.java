package io.amp.keycloak.permissions.requests.jpa;

import io.amp.keycloak.jpa.AmpEntitiesFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

import java.util.List;

/**
 * The access-request table and its changelog (Liquibase's own table: DATABASECHANGELOG_AMP_REQUES),
 * and the clean-up of ended assignments, run by one node of the cluster every
 * {@code cleanup-interval-seconds} (default 60; option
 * {@code --spi-jpa-entity-provider--amp-requests--cleanup-interval-seconds}).
 */
public final class AccessRequestsJpaEntityProviderFactory extends AmpEntitiesFactory {

    public static final String PROVIDER_ID = "amp-requests";

    private long intervalMillis;

    public AccessRequestsJpaEntityProviderFactory() {
        super(PROVIDER_ID, "META-INF/amp-requests-changelog-master.xml", List.of(AmpAccessRequestEntity.class));
    }

    @Override
    public void init(Config.Scope config) {
        intervalMillis = Math.max(1, config.getLong("cleanup-interval-seconds", 60L)) * 1000;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                try (KeycloakSession session = factory.create()) {
                    session.getProvider(TimerProvider.class).schedule(
                            new ClusterAwareScheduledTaskRunner(factory, new EndedAssignmentsTask(), intervalMillis), intervalMillis);
                }
            }
        });
    }
}
