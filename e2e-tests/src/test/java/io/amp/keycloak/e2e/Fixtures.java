package io.amp.keycloak.e2e;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Short-lived users, groups and clients for tests that change things, each removed by {@link Cleanup}. */
public final class Fixtures {

    private final RealmResource realm;
    private final Cleanup cleanup;

    public Fixtures(RealmResource realm, Cleanup cleanup) {
        this.realm = realm;
        this.cleanup = cleanup;
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A user with the demo password and the given attributes; returns the user's id. */
    public String user(String username, Map<String, List<String>> attributes) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@example.com");
        user.setFirstName("Test");
        user.setLastName("User");
        user.setEmailVerified(true);
        user.setEnabled(true);
        user.setAttributes(attributes);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(Oidc.DEMO_PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (Response response = realm.users().create(user)) {
            String id = CreatedResponseUtil.getCreatedId(response);
            cleanup.add(() -> realm.users().delete(id).close());
            return id;
        }
    }

    public String user(String username) {
        return user(username, Map.of());
    }

    /**
     * A confidential client with the demo secret that allows the password grant and may introspect
     * its own tokens (it is in their audience); returns its id.
     */
    public String client(String clientId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setProtocol("openid-connect");
        client.setPublicClient(false);
        client.setSecret(Oidc.DEMO_CLIENT_SECRET);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        ProtocolMapperRepresentation ownAudience = new ProtocolMapperRepresentation();
        ownAudience.setName("audience");
        ownAudience.setProtocol("openid-connect");
        ownAudience.setProtocolMapper("oidc-audience-mapper");
        ownAudience.setConfig(Map.of("included.client.audience", clientId, "access.token.claim", "true",
                "introspection.token.claim", "true"));
        client.setProtocolMappers(List.of(ownAudience));
        try (Response response = realm.clients().create(client)) {
            String id = CreatedResponseUtil.getCreatedId(response);
            cleanup.add(() -> ignoringGone(() -> realm.clients().get(id).remove()));
            return id;
        }
    }

    /** A client role that is a catalog permission, with rule attributes. */
    public RoleRepresentation permission(String clientUuid, String key, Map<String, List<String>> rules) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(key);
        role.setClientRole(true);
        Map<String, List<String>> attributes = new HashMap<>(rules);
        attributes.put("kind", List.of("permission"));
        role.setAttributes(attributes);
        realm.clients().get(clientUuid).roles().create(role);
        return realm.clients().get(clientUuid).roles().get(key).toRepresentation();
    }

    /** A group below the group at {@code parentPath} (or top level when null); returns its id. */
    public String group(String parentPath, String name, Map<String, List<String>> attributes) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        group.setAttributes(attributes);
        Response response = parentPath == null ? realm.groups().add(group)
                : realm.groups().group(realm.getGroupByPath(parentPath).getId()).subGroup(group);
        try (response) {
            String id = CreatedResponseUtil.getCreatedId(response);
            cleanup.add(() -> ignoringGone(() -> realm.groups().group(id).remove()));
            return id;
        }
    }

    /** A test may remove what it created itself; cleanup then finds it gone, which is fine. */
    private static void ignoringGone(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException e) {
            // already removed by the test
        }
    }

    /** Takes a default client scope (e.g. amp-claims) off a client, for tests of clients without it. */
    public void removeDefaultScope(String clientUuid, String scopeName) {
        String scopeId = realm.clientScopes().findAll().stream()
                .filter(scope -> scope.getName().equals(scopeName)).findFirst().orElseThrow().getId();
        realm.clients().get(clientUuid).removeDefaultClientScope(scopeId);
    }

    /**
     * A test client of the portal realm whose only AMP claim is {@code sites}, limited to
     * {@code maxSites}, for tests of the overflow marker; returns its client id.
     */
    public String smallSitesClient(int maxSites) {
        String clientId = uniqueName("small-tokens");
        String clientUuid = client(clientId);
        removeDefaultScope(clientUuid, "amp-claims");
        realm.clients().get(clientUuid).getProtocolMappers().createMapper(mapper("amp-sites-mapper", "sites",
                Map.of("access.token.claim", "true", "max.sites", Integer.toString(maxSites)))).close();
        return clientId;
    }

    public String clientUuid(String clientId) {
        return realm.clients().findByClientId(clientId).get(0).getId();
    }

    public List<RoleRepresentation> clientRoles(String clientId, String... names) {
        String uuid = clientUuid(clientId);
        return Arrays.stream(names).map(name -> realm.clients().get(uuid).roles().get(name).toRepresentation()).toList();
    }

    /**
     * Takes a role that an approved access request granted back again after the test, with its end
     * ({@code amp.role-expiry}), so the demo user stays as shipped.
     */
    public void takeGrantedRoleBackAfterwards(String username, String clientId, String role) {
        cleanup.add(() -> {
            UserRepresentation user = realm.users().searchByUsername(username, true).get(0);
            realm.users().get(user.getId()).roles().clientLevel(clientUuid(clientId)).remove(clientRoles(clientId, role));
            UserRepresentation representation = realm.users().get(user.getId()).toRepresentation();
            if (representation.getAttributes() != null) {
                representation.getAttributes().remove("amp.role-expiry");
                realm.users().get(user.getId()).update(representation);
            }
        });
    }

    /** A protocol mapper of the given type with its claim name and token switches, for a test client. */
    public static ProtocolMapperRepresentation mapper(String type, String claimName, Map<String, String> switches) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(Fixtures.uniqueName("mapper"));
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(type);
        Map<String, String> config = new HashMap<>(switches);
        config.put("claim.name", claimName);
        mapper.setConfig(config);
        return mapper;
    }
}
