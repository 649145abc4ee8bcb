package io.amp.keycloak.consultant.jpa;

import io.amp.keycloak.common.jpa.AmpEntitiesFactory;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/**
 * The site tables and their changelog (Liquibase's own table: DATABASECHANGELOG_AMP_SITES). It
 * also keeps the tables free of orphans ({@link SiteIntegrityListener}) and takes in the sites
 * that arrive with a realm import ({@link SiteImport}).
 */
public final class SitesJpaEntityProviderFactory extends AmpEntitiesFactory {

    public static final String PROVIDER_ID = "amp-sites";

    public SitesJpaEntityProviderFactory() {
        super(PROVIDER_ID, "META-INF/amp-sites-changelog-master.xml", List.of(AmpSiteEntity.class, AmpSiteGrantEntity.class));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new SiteIntegrityListener());
        factory.register(new SiteImport(factory));
    }
}
