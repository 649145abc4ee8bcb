package io.amp.keycloak.common.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every AMP table family registers with Keycloak's persistence unit: its entities and its
 * Liquibase master changelog. Keycloak names the changelog's own table after the factory id
 * (DATABASECHANGELOG_ and its first ten letters). A family with a clean-up task has it run by one
 * node of the cluster every {@code cleanup-interval-seconds} (default 60; option
 * {@code --spi-jpa-entity-provider--<id>--cleanup-interval-seconds}).
 */
public abstract class AmpEntitiesFactory implements JpaEntityProviderFactory, ServerInfoAwareProviderFactory {

    private final String id;
    private final JpaEntityProvider provider;
    private final ScheduledTask cleanup;
    private final String changelog;
    private final List<Class<?>> entities;
    private CleanupConfig config = CleanupConfig.DEFAULT;

    protected AmpEntitiesFactory(String id, String changelog, List<Class<?>> entities) {
        this(id, changelog, entities, null);
    }

    protected AmpEntitiesFactory(String id, String changelog, List<Class<?>> entities, ScheduledTask cleanup) {
        this.id = id;
        this.cleanup = cleanup;
        this.changelog = changelog;
        this.entities = entities;
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
        this.config = CleanupConfig.of(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (cleanup == null) {
            return;
        }
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                try (KeycloakSession session = factory.create()) {
                    session.getProvider(TimerProvider.class).schedule(
                            new ClusterAwareScheduledTaskRunner(factory, cleanup, config.intervalMillis()), config.intervalMillis());
                }
            }
        });
    }

    /** Shown in the admin console's provider info and the server info endpoint, so an operator sees what runs. */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("changelog", changelog);
        info.put("entities", entities.stream().map(Class::getSimpleName).collect(Collectors.joining(", ")));
        info.put(CleanupConfig.INTERVAL, cleanup == null ? "no clean-up" : Long.toString(config.intervalSeconds()));
        return info;
    }

    @Override
    public void close() {
    }

    @Override
    public final String getId() {
        return id;
    }
}
