package io.amp.keycloak.permissions.requests.jpa;

import io.amp.keycloak.jpa.AmpEntitiesFactory;

import java.util.List;

/** The access-request table and its changelog (Liquibase's own table: DATABASECHANGELOG_AMP_REQUES). */
public final class AccessRequestsJpaEntityProviderFactory extends AmpEntitiesFactory {

    public static final String PROVIDER_ID = "amp-requests";

    public AccessRequestsJpaEntityProviderFactory() {
        super(PROVIDER_ID, "META-INF/amp-requests-changelog-master.xml", List.of(AmpAccessRequestEntity.class));
    }
}
