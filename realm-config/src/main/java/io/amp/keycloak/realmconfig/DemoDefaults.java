package io.amp.keycloak.realmconfig;

import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every demo realm shares, so that the definition files stay about the domain: confidential
 * application clients with the demo secret that allow the password grant, and enabled users with
 * the demo password. Demo only: a production realm sets none of this.
 */
final class DemoDefaults {

    static final String CLIENT_SECRET = "demo-secret";
    static final String USER_PASSWORD = "demo";

    private DemoDefaults() {
    }

    static void applyTo(RealmRepresentation realm) {
        if (realm.getClients() != null) {
            realm.getClients().forEach(DemoDefaults::applyTo);
        }
        if (realm.getUsers() != null) {
            realm.getUsers().forEach(DemoDefaults::applyTo);
        }
    }

    private static void applyTo(ClientRepresentation client) {
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setClientAuthenticatorType("client-secret");
        client.setSecret(CLIENT_SECRET);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(true);
        if (client.getRedirectUris() == null) {
            client.setRedirectUris(List.of("http://localhost:*", "http://127.0.0.1:*"));
        }
        if (client.getWebOrigins() == null) {
            client.setWebOrigins(List.of("+"));
        }
        client.setProtocolMappers(withOwnAudience(client));
    }

    /**
     * Keycloak 26 introspects a token only for a client in its audience, and never puts the
     * issuing client there itself: each demo application gets the Audience mapper that names it,
     * so it can introspect its own tokens as a resource server would.
     */
    private static List<ProtocolMapperRepresentation> withOwnAudience(ClientRepresentation client) {
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("audience " + client.getClientId());
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of(
                "included.client.audience", client.getClientId(),
                "access.token.claim", "true",
                "introspection.token.claim", "true",
                "id.token.claim", "false"));
        List<ProtocolMapperRepresentation> mappers = new ArrayList<>(Optional.ofNullable(client.getProtocolMappers()).orElse(List.of()));
        mappers.add(audience);
        return mappers;
    }

    private static void applyTo(UserRepresentation user) {
        user.setEnabled(true);
        if (user.getEmail() == null) {
            user.setEmail(user.getUsername() + "@example.com");
        }
        user.setEmailVerified(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(USER_PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
    }
}
