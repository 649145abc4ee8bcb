package io.amp.keycloak.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/**
 * What every AMP table family registers with Keycloak's persistence unit: its entities and its
 * Liquibase master changelog. Keycloak names the changelog's own table after the factory id
 * (DATABASECHANGELOG_ and its first ten letters).
 */
public abstract class AmpEntitiesFactory implements JpaEntityProviderFactory {

    private final String id;
    private final JpaEntityProvider provider;

    protected AmpEntitiesFactory(String id, String changelog, List<Class<?>> entities) {
        this.id = id;
        this.provider = new JpaEntityProvider() {
            @Override
            public List<Class<?>> getEntities() {
                return entities;
            }

            @Override
            public String getChangelogLocation() {
                return changelog;
            }

            @Override
            public String getFactoryId() {
                return id;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public final JpaEntityProvider create(KeycloakSession session) {
        return provider;
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
    public final String getId() {
        return id;
    }
}
