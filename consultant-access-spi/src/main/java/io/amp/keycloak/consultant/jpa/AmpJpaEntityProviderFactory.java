package io.amp.keycloak.consultant.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/**
 * Registers AMP's entities with Keycloak's persistence unit, so they live in Keycloak's own
 * database and transaction, and its Liquibase changelog, which Keycloak runs at startup. It also
 * keeps the tables free of orphans ({@link SiteIntegrityListener}) and takes in the sites that
 * arrive with a realm import ({@link SiteImport}).
 */
public final class AmpJpaEntityProviderFactory implements JpaEntityProviderFactory {

    /** Also names Liquibase's table for this changelog: DATABASECHANGELOG_AMP_SITES. */
    public static final String PROVIDER_ID = "amp-sites";

    private static final JpaEntityProvider PROVIDER = new JpaEntityProvider() {
        @Override
        public List<Class<?>> getEntities() {
            return List.of(AmpSiteEntity.class, AmpSiteGrantEntity.class);
        }

        @Override
        public String getChangelogLocation() {
            return "META-INF/amp-changelog-master.xml";
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
        factory.register(new SiteIntegrityListener());
        factory.register(new SiteImport(factory));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
