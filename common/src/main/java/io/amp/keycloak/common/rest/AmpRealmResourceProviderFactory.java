package io.amp.keycloak.common.rest;

import io.amp.keycloak.common.AmpProviderFactory;
import io.amp.keycloak.common.AmpVersion;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.Map;
import java.util.stream.Collectors;

/** Registers {@code /realms/{realm}/amp}: the API that signed-in users and customers' admins call. */
public final class AmpRealmResourceProviderFactory implements RealmResourceProviderFactory, AmpProviderFactory<RealmResourceProvider>, ServerInfoAwareProviderFactory {

    public static final String ID = "amp";

    private String apis = "";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new AmpRealmResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        apis = factory.getProviderFactoriesStream(AmpApiProvider.class).map(ProviderFactory::getId).sorted()
                .collect(Collectors.joining(", "));
    }

    /** The AMP version, and which feature APIs this server answers under {@code /realms/{realm}/amp/}: the jars installed decide. */
    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", AmpVersion.get(), "apis", apis);
    }

    @Override
    public String getId() {
        return ID;
    }
}
