package io.amp.keycloak.permissions.requests.jpa;

import io.amp.keycloak.jpa.AmpEntitiesFactory;

import java.util.List;

/**
 * The access-request table and its changelog (Liquibase's own table: DATABASECHANGELOG_AMP_REQUES),
 * and the clean-up of ended assignments (option
 * {@code --spi-jpa-entity-provider--amp-requests--cleanup-interval-seconds}, default 60).
 */
public final class AccessRequestsJpaEntityProviderFactory extends AmpEntitiesFactory {

    public static final String PROVIDER_ID = "amp-requests";

    public AccessRequestsJpaEntityProviderFactory() {
        super(PROVIDER_ID, "META-INF/amp-requests-changelog-master.xml", List.of(AmpAccessRequestEntity.class), new EndedAssignmentsTask());
    }
}
