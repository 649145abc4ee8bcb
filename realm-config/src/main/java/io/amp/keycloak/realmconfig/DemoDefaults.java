package io.amp.keycloak.realmconfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    private static final String DEFAULT_USER_PROFILE = "org/keycloak/userprofile/config/keycloak-default-user-profile.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoDefaults() {
    }

    static void applyTo(RealmRepresentation realm) {
        allowAdminEditedAttributes(realm);
        if (realm.getClients() != null) {
            realm.getClients().forEach(DemoDefaults::applyTo);
        }
        if (realm.getUsers() != null) {
            realm.getUsers().forEach(DemoDefaults::applyTo);
        }
    }

    /**
     * Keycloak's default user profile, with unmanaged attributes editable by admins only: the AMP
     * attributes (user-type, primary-provider, amp.approver-departments, ...) are set by admins
     * and read by the providers; users never edit them.
     */
    private static void allowAdminEditedAttributes(RealmRepresentation realm) {
        try (InputStream in = DemoDefaults.class.getClassLoader().getResourceAsStream(DEFAULT_USER_PROFILE)) {
            if (in == null) {
                throw new IllegalStateException("Keycloak's default user profile is not on the classpath: " + DEFAULT_USER_PROFILE);
            }
            ObjectNode profile = (ObjectNode) JSON.readTree(in);
            profile.put("unmanagedAttributePolicy", "ADMIN_EDIT");
            ComponentExportRepresentation component = new ComponentExportRepresentation();
            component.setProviderId("declarative-user-profile");
            MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
            config.putSingle("kc.user.profile.config", JSON.writeValueAsString(profile));
            component.setConfig(config);
            MultivaluedHashMap<String, ComponentExportRepresentation> components = realm.getComponents() == null
                    ? new MultivaluedHashMap<>() : realm.getComponents();
            components.put("org.keycloak.userprofile.UserProfileProvider", List.of(component));
            realm.setComponents(components);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
