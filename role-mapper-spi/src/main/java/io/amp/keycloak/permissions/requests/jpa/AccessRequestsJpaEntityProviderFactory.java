package io.amp.keycloak.permissions.requests.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/** Registers the access-request table with Keycloak's persistence unit and its Liquibase changelog. */
public final class AccessRequestsJpaEntityProviderFactory implements JpaEntityProviderFactory {

    /** Also names Liquibase's table for this changelog: DATABASECHANGELOG_AMP_REQUES. */
    public static final String PROVIDER_ID = "amp-requests";

    private static final JpaEntityProvider PROVIDER = new JpaEntityProvider() {
        @Override
        public List<Class<?>> getEntities() {
            return List.of(AmpAccessRequestEntity.class);
        }

        @Override
        public String getChangelogLocation() {
            return "META-INF/amp-requests-changelog-master.xml";
        }

        @Override
        public String getFactoryId() {
            return PROVIDER_ID;
        }

        @Override
        public void close() {
        }
    };

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
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
}
