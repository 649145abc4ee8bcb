package io.amp.keycloak.realmconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;
import org.keycloak.representations.idm.ScopeMappingRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What every demo realm shares, so that the definition files stay about the domain: confidential
 * application clients with the demo secret that allow the password grant, enabled users with the
 * demo password (demo only: a production realm sets none of this), and the client scope
 * {@value #ROLES_SCOPE} that the application clients use in place of Keycloak's {@code roles}.
 */
final class DemoDefaults {

    static final String CLIENT_SECRET = "demo-secret";
    static final String USER_PASSWORD = "demo";
    /** The public client of the AMP portal page that every demo realm has. */
    static final String PORTAL_CLIENT = "amp-portal";
    private static final String REALM_MANAGEMENT = "realm-management";
    /** The realm roles a portal token carries where the realm has them. */
    private static final List<String> PORTAL_REALM_ROLES = List.of("access-approver");
    /** The realm-management roles a portal token carries, for the realm administrator's views. */
    private static final List<String> PORTAL_MANAGEMENT_ROLES = List.of("view-realm", "manage-realm", "view-users", "manage-users");
    private static final String DEFAULT_USER_PROFILE = "org/keycloak/userprofile/config/keycloak-default-user-profile.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The user profile's group of AMP's attributes (console: Users > user > Details, section "AMP"). */
    static final String PROFILE_GROUP = "amp";
    private static final String AMP_GROUP = """
            {"name": "amp", "displayHeader": "AMP", "displayDescription": "Set by administrators or by AMP, and read by AMP's providers"}
            """;
    /**
     * AMP's user attributes, as the contracts name them: {@code user-type} and {@code primary-provider}
     * (PermissionsContract), {@code amp.approver-departments} (RequestsContract), {@code amp.role-expiry}
     * (PermissionsContract, written by access requests: no validator, since the token path ignores a
     * value it cannot read rather than fail). Administrators only: users neither see nor change them.
     */
    private static final String AMP_ATTRIBUTES = """
            [
              {"name": "user-type", "displayName": "User type", "group": "amp",
               "annotations": {"inputType": "select", "inputHelperTextBefore": "provider or staff: decides which messages and providers the user sees"},
               "permissions": {"view": ["admin"], "edit": ["admin"]},
               "validations": {"options": {"options": ["provider", "staff"]}}},
              {"name": "primary-provider", "displayName": "Primary provider", "group": "amp",
               "annotations": {"inputHelperTextBefore": "Staff only: the username of the provider whose scope they share"},
               "permissions": {"view": ["admin"], "edit": ["admin"]},
               "validations": {"length": {"max": 255}, "username-prohibited-characters": {}}},
              {"name": "amp.approver-departments", "displayName": "Approves for departments", "group": "amp", "multivalued": true,
               "annotations": {"inputHelperTextBefore": "Access approvers only: department keys (as implementation-team); none means every department"},
               "permissions": {"view": ["admin"], "edit": ["admin"]},
               "validations": {"pattern": {"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                                           "error-message": "A department key is lower-case words joined by dashes, as implementation-team"}}},
              {"name": "amp.role-expiry", "displayName": "Ends of requested roles", "group": "amp", "multivalued": true,
               "annotations": {"inputHelperTextBefore": "Written by approved access requests: <client id>/<role>@<end, epoch ms>"},
               "permissions": {"view": ["admin"], "edit": ["admin"]}}
            ]
            """;

    /**
     * Keycloak's {@code roles} scope with AMP's client role mapper: {@code resource_access} without
     * the catalog roles (permissions, department roles), which the {@code permissions} claim carries.
     */
    static final String ROLES_SCOPE = "amp-roles";
    private static final String KEYCLOAK_ROLES_SCOPE = "roles";
    /**
     * The OpenID Connect client scopes Keycloak 26 gives a new client by default and optionally
     * ({@code CreateDefaultClientScopes}), which the application clients list explicitly to have
     * {@value #ROLES_SCOPE} instead of {@code roles}. A name Keycloak does not know is skipped with a
     * warning at import; NoWithheldPermissionIT checks the lists against the realm's defaults.
     */
    private static final List<String> KEYCLOAK_DEFAULT_SCOPES = List.of("web-origins", "acr", KEYCLOAK_ROLES_SCOPE, "profile", "basic", "email");
    private static final List<String> KEYCLOAK_OPTIONAL_SCOPES = List.of("address", "phone", "organization", "offline_access", "microprofile-jwt");

    private DemoDefaults() {
    }

    static void applyTo(RealmRepresentation realm) {
        allowAdminEditedAttributes(realm);
        addRolesScope(realm);
        addPortalClient(realm);
        if (realm.getClients() != null) {
            List<String> defaultScopes = withoutKeycloakRoles(Stream.concat(KEYCLOAK_DEFAULT_SCOPES.stream(),
                    Optional.ofNullable(realm.getDefaultDefaultClientScopes()).orElse(List.of()).stream()).toList());
            List<String> optionalScopes = Stream.concat(KEYCLOAK_OPTIONAL_SCOPES.stream(),
                    Optional.ofNullable(realm.getDefaultOptionalClientScopes()).orElse(List.of()).stream()).distinct().toList();
            for (ClientRepresentation client : realm.getClients()) {
                if (PORTAL_CLIENT.equals(client.getClientId())) {
                    // The portal reads who the user is (realm roles, realm-management roles), never the claims AMP adds for applications.
                    client.setDefaultClientScopes(KEYCLOAK_DEFAULT_SCOPES);
                } else {
                    applyTo(client);
                }
                client.setDefaultClientScopes(client.getDefaultClientScopes() == null ? defaultScopes
                        : withoutKeycloakRoles(client.getDefaultClientScopes()));
                if (client.getOptionalClientScopes() == null) {
                    client.setOptionalClientScopes(optionalScopes);
                }
            }
        }
        if (realm.getUsers() != null) {
            realm.getUsers().forEach(user -> applyTo(user, realm.getRealm()));
        }
    }

    /**
     * Keycloak's default user profile with AMP's user attributes declared ({@link #AMP_ATTRIBUTES}:
     * set by administrators or by AMP, read by AMP's providers; users neither see nor edit them),
     * and unmanaged attributes still editable by admins only, for whatever else a realm keeps on
     * its users.
     */
    private static void allowAdminEditedAttributes(RealmRepresentation realm) {
        try (InputStream in = DemoDefaults.class.getClassLoader().getResourceAsStream(DEFAULT_USER_PROFILE)) {
            if (in == null) {
                throw new IllegalStateException("Keycloak's default user profile is not on the classpath: " + DEFAULT_USER_PROFILE);
            }
            ObjectNode profile = (ObjectNode) JSON.readTree(in);
            ArrayNode attributes = (ArrayNode) profile.get("attributes");
            for (JsonNode attribute : JSON.readTree(AMP_ATTRIBUTES)) {
                attributes.add(attribute);
            }
            ((ArrayNode) profile.get("groups")).add(JSON.readTree(AMP_GROUP));
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

    /**
     * The realm keeps Keycloak's default client scopes ({@code CreateDefaultClientScopes}), among
     * them {@code roles}, whose client role mapper lists every client role, catalog roles included,
     * in {@code resource_access}. A realm file cannot change a scope Keycloak creates, so the demo
     * realms add {@value #ROLES_SCOPE}: the same three mappers as {@code roles} (realm roles, client
     * roles, audience resolve), with AMP's client role mapper ({@code keep.catalog.roles} off).
     */
    private static void addRolesScope(RealmRepresentation realm) {
        ClientScopeRepresentation scope = new ClientScopeRepresentation();
        scope.setName(ROLES_SCOPE);
        scope.setDescription("User roles in the access token, as Keycloak's roles scope, without AMP's catalog roles");
        scope.setProtocol("openid-connect");
        scope.setAttributes(Map.of(
                "include.in.token.scope", "false",
                "display.on.consent.screen", "true",
                "consent.screen.text", "${rolesScopeConsentText}"));
        scope.setProtocolMappers(List.of(
                mapper("realm roles", "oidc-usermodel-realm-role-mapper", Map.of(
                        "claim.name", "realm_access.roles", "jsonType.label", "String", "multivalued", "true",
                        "access.token.claim", "true", "introspection.token.claim", "true")),
                mapper("client roles", "amp-client-roles-mapper", Map.of(
                        "claim.name", "resource_access.${client_id}.roles", "jsonType.label", "String", "multivalued", "true",
                        "access.token.claim", "true", "introspection.token.claim", "true", "keep.catalog.roles", "false")),
                mapper("audience resolve", "oidc-audience-resolve-mapper", Map.of(
                        "access.token.claim", "true", "introspection.token.claim", "true"))));
        List<ClientScopeRepresentation> scopes = new ArrayList<>(Optional.ofNullable(realm.getClientScopes()).orElse(List.of()));
        scopes.add(scope);
        realm.setClientScopes(scopes);
        // A realm file that lists client scopes gets Keycloak's own only when it asks for them.
        Map<String, String> attributes = new LinkedHashMap<>(Optional.ofNullable(realm.getAttributes()).orElse(Map.of()));
        attributes.putIfAbsent("CreateDefaultClientScopes", "true");
        realm.setAttributes(attributes);
    }

    /**
     * The AMP portal's client ({@value #PORTAL_CLIENT}): public, authorization code with PKCE (S256)
     * only, redirecting to the portal page under the realm's own URL ({@code rootUrl} is Keycloak's
     * {@code ${authBaseUrl}}, as for its account console), so it works on any host and port.
     */
    private static void addPortalClient(RealmRepresentation realm) {
        String portal = "/realms/" + realm.getRealm() + "/amp/portal/";
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(PORTAL_CLIENT);
        client.setName("AMP portal");
        client.setDescription("The AMP portal page: accounts, sites and grants, access requests, break-the-glass");
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setFullScopeAllowed(false);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl(portal);
        client.setRedirectUris(List.of(portal + "*"));
        client.setWebOrigins(List.of("+"));
        client.setAttributes(Map.of(
                "pkce.code.challenge.method", "S256",
                "post.logout.redirect.uris", portal + "*"));
        List<ClientRepresentation> clients = new ArrayList<>(Optional.ofNullable(realm.getClients()).orElse(List.of()));
        clients.removeIf(existing -> PORTAL_CLIENT.equals(existing.getClientId()));
        clients.add(client);
        realm.setClients(clients);
        limitPortalScope(realm);
    }

    /**
     * What a portal token may carry: AMP reads a user's access levels, approver role and reach from
     * Keycloak's user model, and only the administrative checks of the realm's own administrators
     * (Keycloak's admin permission evaluator) go by the token's roles. So the portal's tokens carry
     * the approver role (the page shows Approvals by it) and the four realm-management roles those
     * checks ask for, never the rest of an administrator's roles: a realm admin's portal token is
     * no key to clients, identity providers or impersonation.
     */
    private static void limitPortalScope(RealmRepresentation realm) {
        Set<String> present = Optional.ofNullable(realm.getRoles()).map(RolesRepresentation::getRealm).orElse(List.of()).stream()
                .map(RoleRepresentation::getName).filter(PORTAL_REALM_ROLES::contains).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!present.isEmpty()) {
            realm.clientScopeMapping(PORTAL_CLIENT).setRoles(present);
        }
        ScopeMappingRepresentation managementRoles = new ScopeMappingRepresentation();
        managementRoles.setClient(PORTAL_CLIENT);
        managementRoles.setRoles(new LinkedHashSet<>(PORTAL_MANAGEMENT_ROLES));
        Map<String, List<ScopeMappingRepresentation>> clientMappings = new LinkedHashMap<>(
                Optional.ofNullable(realm.getClientScopeMappings()).orElse(Map.of()));
        List<ScopeMappingRepresentation> management = new ArrayList<>(clientMappings.getOrDefault(REALM_MANAGEMENT, List.of()));
        management.add(managementRoles);
        clientMappings.put(REALM_MANAGEMENT, management);
        realm.setClientScopeMappings(clientMappings);
    }

    private static List<String> withoutKeycloakRoles(List<String> scopes) {
        return scopes.stream().map(scope -> scope.equals(KEYCLOAK_ROLES_SCOPE) ? ROLES_SCOPE : scope).distinct().toList();
    }

    private static ProtocolMapperRepresentation mapper(String name, String type, Map<String, String> config) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(type);
        mapper.setConfig(config);
        return mapper;
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

    /**
     * A realm import gives its users no default roles (Keycloak grants them when a user is created
     * through the admin API or a registration, not when it is imported; an export lists
     * {@code default-roles-<realm>} among each user's realm roles). Without them a demo user holds
     * none of the account client's roles, and the Account Console answers "Something went wrong".
     */
    private static void applyTo(UserRepresentation user, String realmName) {
        String defaultRoles = "default-roles-" + realmName.toLowerCase(Locale.ROOT);
        List<String> realmRoles = new ArrayList<>(Optional.ofNullable(user.getRealmRoles()).orElse(List.of()));
        if (!realmRoles.contains(defaultRoles)) {
            realmRoles.add(0, defaultRoles);
        }
        user.setRealmRoles(realmRoles);
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
