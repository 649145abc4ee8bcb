package io.amp.keycloak.e2e;

import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.admin.client.resource.ProtocolMappersResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One source of truth in the token. In the demo realms the roles of AMP's catalogs (permissions and
 * department roles) never reach Keycloak's {@code resource_access}: the {@code permissions} claim,
 * rules applied, is the only place a token names a permission, so an application reading Keycloak's
 * default claim cannot see one AMP withholds. Every other client role stays (the account client's),
 * and {@code aud} is what Keycloak's audience resolve makes of the user's roles, as before.
 */
class NoWithheldPermissionIT {

    private static final List<String> REALMS = List.of("workforce", "practice", "portal");
    /** The application clients of each demo realm (README, "The demo realms"). */
    private static final Map<String, Set<String>> APPLICATIONS = Map.of(
            "workforce", Set.of("drchrono", "drchrono-staging"), "practice", Set.of("ehr"), "portal", Set.of("portal"));
    /**
     * The account client's roles every demo user holds through the realm's default roles: ordinary
     * client roles, which stay in resource_access.
     */
    private static final List<String> ACCOUNT_ROLES = List.of("manage-account", "view-profile");
    private static final String AMP_ROLES = "amp-roles";
    private static final String AMP_CLIENT_ROLES_MAPPER = "amp-client-roles-mapper";

    private static final KeycloakServer SERVER = KeycloakServer.get();
    /** Per realm: the names of its permission roles and of its department roles, over all its clients. */
    private static final Map<String, Catalog> CATALOGS = new HashMap<>();
    /** Per realm and username: the user's effective client roles, by client id (composites and groups included). */
    private static final Map<String, Map<String, Set<String>>> EFFECTIVE = new HashMap<>();

    private final Oidc oidc = new Oidc(SERVER);
    private final Cleanup cleanup = new Cleanup();

    private record Catalog(Set<String> permissions, Set<String> departmentRoles) {
        Set<String> all() {
            return Stream.concat(permissions.stream(), departmentRoles.stream()).collect(Collectors.toSet());
        }
    }

    @BeforeAll
    static void readRealms() {
        for (String realmName : REALMS) {
            RealmResource realm = SERVER.admin().realm(realmName);
            Set<String> permissions = new TreeSet<>();
            Set<String> departmentRoles = new TreeSet<>();
            List<ClientRepresentation> clients = realm.clients().findAll();
            for (ClientRepresentation client : clients) {
                for (RoleRepresentation role : realm.clients().get(client.getId()).roles().list(false)) {
                    List<String> kind = role.getAttributes() == null ? List.of() : role.getAttributes().getOrDefault("kind", List.of());
                    if (kind.contains("permission")) {
                        permissions.add(role.getName());
                    } else if (kind.contains("department-role")) {
                        departmentRoles.add(role.getName());
                    }
                }
            }
            CATALOGS.put(realmName, new Catalog(permissions, departmentRoles));

            for (DemoData.DemoUser user : DemoData.USERS) {
                if (!user.realm().equals(realmName)) {
                    continue;
                }
                String userId = realm.users().searchByUsername(user.username(), true).get(0).getId();
                Map<String, Set<String>> effective = new HashMap<>();
                for (ClientRepresentation client : clients) {
                    Set<String> roles = realm.users().get(userId).roles().clientLevel(client.getId()).listEffective().stream()
                            .map(RoleRepresentation::getName).collect(Collectors.toSet());
                    if (!roles.isEmpty()) {
                        effective.put(client.getClientId(), roles);
                    }
                }
                EFFECTIVE.put(realmName + "/" + user.username(), effective);
            }
        }
        // Not vacuous: the sweep knows the catalogs (attributes read) and what the users hold.
        assertThat(CATALOGS.get("practice").permissions()).hasSize(52).contains("account-settings", "settings");
        assertThat(CATALOGS.get("workforce").departmentRoles()).contains("sales-user", "developer-admin", "btg-drc");
        assertThat(CATALOGS.get("portal").all()).isEmpty();
        assertThat(EFFECTIVE.get("practice/st.sun.settings")).containsEntry("ehr", Set.of("access-to-message-center", "account-settings"));
        assertThat(EFFECTIVE.values()).allSatisfy(roles -> assertThat(roles.get("account")).containsAll(ACCOUNT_ROLES));
    }

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    /** Every demo user at every application client of their realm (all allow the password grant). */
    static Stream<Arguments> demoTokens() {
        return DemoData.USERS.stream().flatMap(user -> APPLICATIONS.get(user.realm()).stream().sorted()
                .map(client -> Arguments.of(user.realm(), client, user.username())));
    }

    @ParameterizedTest(name = "{2} at {0}/{1}")
    @MethodSource("demoTokens")
    @DisplayName("Given a demo user's tokens, then no withheld permission is in any claim, resource_access holds no catalog role but the account roles, and aud names every client the user holds roles of")
    void noWithheldPermission(String realm, String client, String username) {
        Oidc.Response tokens = oidc.passwordGrant(realm, client, username, Oidc.DEMO_PASSWORD);
        assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
        String accessToken = tokens.string("access_token");
        Oidc.Response userInfo = oidc.userInfo(realm, accessToken);
        Oidc.Response introspection = oidc.introspect(realm, client, accessToken);
        assertThat(userInfo.status()).isEqualTo(200);
        assertThat(introspection.body()).containsEntry("active", true);
        Catalog catalog = CATALOGS.get(realm);
        Map<String, Set<String>> effective = EFFECTIVE.get(realm + "/" + username);

        Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
        documents.put("access token", Oidc.claims(accessToken));
        documents.put("ID token", Oidc.claims(tokens.string("id_token")));
        documents.put("userinfo", userInfo.body());
        documents.put("introspection", introspection.body());
        for (Map.Entry<String, Map<String, Object>> document : documents.entrySet()) {
            Map<String, Object> claims = document.getValue();
            // What AMP withholds here: the realm's catalog permissions this document's permissions claim lacks
            // (portal has no catalog, and no permissions claim).
            Set<String> withheld = new TreeSet<>(catalog.permissions());
            withheld.removeAll(strings(claims.get("permissions")));

            assertThat(occurrences(claims, "", withheld)).as("withheld permissions in the %s", document.getKey()).isEmpty();
            assertThat(occurrences(claims.getOrDefault("resource_access", Map.of()), "resource_access", catalog.all()))
                    .as("catalog roles in the %s's resource_access", document.getKey()).isEmpty();
        }

        // What stays: the account client's roles in the access token and introspection, exactly those the user has.
        for (String document : List.of("access token", "introspection")) {
            assertThat(resourceAccess(documents.get(document), "account")).as(document)
                    .containsExactlyInAnyOrderElementsOf(effective.get("account")).containsAll(ACCOUNT_ROLES);
        }
        // aud as Keycloak makes it, from the resolved roles (catalog roles included), not from the claim:
        // the client itself (its audience mapper) and every client the user holds a role of.
        Set<String> expectedAudience = new TreeSet<>(effective.keySet());
        expectedAudience.add(client);
        assertThat(audience(documents.get("access token"))).isEqualTo(expectedAudience);
    }

    @Test
    @DisplayName("Given the demo realms, then their application clients use amp-roles (AMP's client role mapper, catalog left out) instead of roles, with Keycloak's other default scopes")
    void applicationClientsUseAmpRoles() {
        for (String realmName : REALMS) {
            RealmResource realm = SERVER.admin().realm(realmName);
            ClientScopeRepresentation ampRoles = scope(realm, AMP_ROLES);
            assertThat(ampRoles.getProtocolMappers()).extracting(ProtocolMapperRepresentation::getProtocolMapper).as(realmName)
                    .containsExactlyInAnyOrder("oidc-usermodel-realm-role-mapper", AMP_CLIENT_ROLES_MAPPER, "oidc-audience-resolve-mapper");
            assertThat(clientRolesMapper(realm).getConfig()).containsEntry("keep.catalog.roles", "false")
                    .containsEntry("claim.name", "resource_access.${client_id}.roles");

            // The clients' scopes are listed in the realm files; a Keycloak version that adds a default
            // scope shows here: each client has the realm's defaults, with amp-roles for roles.
            Set<String> realmDefaults = names(realm.getDefaultDefaultClientScopes().stream()
                    .filter(scope -> "openid-connect".equals(scope.getProtocol())).map(ClientScopeRepresentation::getName));
            realmDefaults.remove("roles");
            realmDefaults.add(AMP_ROLES);
            Set<String> realmOptional = names(realm.getDefaultOptionalClientScopes().stream()
                    .filter(scope -> "openid-connect".equals(scope.getProtocol())).map(ClientScopeRepresentation::getName));
            Set<String> applications = new TreeSet<>();
            for (ClientRepresentation client : realm.clients().findAll()) {
                Set<String> defaults = names(realm.clients().get(client.getId()).getDefaultClientScopes().stream()
                        .map(ClientScopeRepresentation::getName));
                if (!defaults.contains("amp-claims")) {
                    continue; // Keycloak's own clients (account, admin-cli, ...) keep what Keycloak gives them
                }
                applications.add(client.getClientId());
                assertThat(defaults).as("%s/%s", realmName, client.getClientId()).isEqualTo(realmDefaults);
                assertThat(names(realm.clients().get(client.getId()).getOptionalClientScopes().stream()
                        .map(ClientScopeRepresentation::getName))).as("%s/%s", realmName, client.getClientId()).isEqualTo(realmOptional);
            }
            assertThat(applications).as(realmName).isEqualTo(APPLICATIONS.get(realmName));
        }
    }

    @Test
    @DisplayName("Given a client role that is no catalog role, then it stays in resource_access beside the withheld and granted permissions it replaces")
    void ordinaryClientRoleStays() {
        RealmResource realm = SERVER.admin().realm("practice");
        Fixtures fixtures = new Fixtures(realm, cleanup);
        String ehr = fixtures.clientUuid("ehr");
        String roleName = Fixtures.uniqueName("reports-reader");
        RoleRepresentation plain = new RoleRepresentation();
        plain.setName(roleName);
        plain.setAttributes(Map.of("kind", List.of("application-role")));
        realm.clients().get(ehr).roles().create(plain);
        cleanup.add(() -> realm.clients().get(ehr).roles().deleteRole(roleName));
        String userId = realm.users().searchByUsername("st.sun.settings", true).get(0).getId();
        realm.users().get(userId).roles().clientLevel(ehr).add(fixtures.clientRoles("ehr", roleName));
        cleanup.add(() -> realm.users().get(userId).roles().clientLevel(ehr).remove(fixtures.clientRoles("ehr", roleName)));

        Map<String, Object> claims = Oidc.claims(oidc.accessToken("practice", "ehr", "st.sun.settings"));

        assertThat(resourceAccess(claims, "ehr")).containsExactly(roleName);
        assertThat(claims).containsEntry("permissions", List.of("access-to-message-center"));
    }

    @Test
    @DisplayName("Given keep.catalog.roles switched on through the admin API, then resource_access lists the catalog roles again, as Keycloak's mapper does, and aud is the same either way")
    void keepCatalogRoles() {
        RealmResource practice = SERVER.admin().realm("practice");
        RealmResource workforce = SERVER.admin().realm("workforce");
        Map<String, Object> ehrOff = Oidc.claims(oidc.accessToken("practice", "ehr", "st.sun.settings"));
        Map<String, Object> drchronoOff = Oidc.claims(oidc.accessToken("workforce", "drchrono", "dev.dana"));

        assertThatThrownBy(() -> keepCatalogRoles(practice, "yes", cleanup)).isInstanceOf(BadRequestException.class);
        keepCatalogRoles(practice, "true", cleanup);
        keepCatalogRoles(workforce, "true", cleanup);
        Map<String, Object> ehrOn = Oidc.claims(oidc.accessToken("practice", "ehr", "st.sun.settings"));
        Map<String, Object> drchronoOn = Oidc.claims(oidc.accessToken("workforce", "drchrono", "dev.dana"));

        // Switched on: Keycloak's full role claim, the withheld account-settings included.
        assertThat(resourceAccess(ehrOn, "ehr")).containsExactlyInAnyOrder("access-to-message-center", "account-settings");
        assertThat(resourceAccess(drchronoOn, "drchrono-staging")).contains("developer-admin", "sword-tools");
        // Switched off (the demo realms' setting): neither permissions nor department roles.
        assertThat(resourceAccess(ehrOff, "ehr")).isEmpty();
        assertThat(resourceAccess(drchronoOff, "drchrono-staging")).isEmpty();
        assertThat(ehrOff.get("permissions")).isEqualTo(ehrOn.get("permissions")).isEqualTo(List.of("access-to-message-center"));
        // The audience resolve mapper reads Keycloak's resolved roles, not this claim: dev.dana's drchrono
        // token names drchrono-staging, where she holds only catalog roles, whether they are listed or not.
        assertThat(audience(ehrOff)).isEqualTo(audience(ehrOn)).contains("ehr");
        assertThat(audience(drchronoOff)).isEqualTo(audience(drchronoOn)).contains("drchrono", "drchrono-staging");
    }

    /** Sets keep.catalog.roles on the realm's amp-roles client role mapper; the cleanup restores the demo setting. */
    static void keepCatalogRoles(RealmResource realm, String value, Cleanup cleanup) {
        ProtocolMappersResource mappers = realm.clientScopes().get(scope(realm, AMP_ROLES).getId()).getProtocolMappers();
        ProtocolMapperRepresentation mapper = clientRolesMapper(realm);
        Map<String, String> original = new HashMap<>(mapper.getConfig());
        Map<String, String> changed = new HashMap<>(original);
        changed.put("keep.catalog.roles", value);
        mapper.setConfig(changed);
        mappers.update(mapper.getId(), mapper);
        cleanup.add(() -> {
            mapper.setConfig(original);
            mappers.update(mapper.getId(), mapper);
        });
    }

    private static ClientScopeRepresentation scope(RealmResource realm, String name) {
        return realm.clientScopes().findAll().stream().filter(scope -> scope.getName().equals(name)).findFirst().orElseThrow();
    }

    private static ProtocolMapperRepresentation clientRolesMapper(RealmResource realm) {
        return realm.clientScopes().get(scope(realm, AMP_ROLES).getId()).getProtocolMappers().getMappers().stream()
                .filter(mapper -> mapper.getProtocolMapper().equals(AMP_CLIENT_ROLES_MAPPER)).findFirst().orElseThrow();
    }

    private static Set<String> names(Stream<String> names) {
        return names.collect(Collectors.toCollection(TreeSet::new));
    }

    /** resource_access.{clientId}.roles, empty when the client or the claim is absent. */
    @SuppressWarnings("unchecked")
    private static List<String> resourceAccess(Map<String, Object> claims, String clientId) {
        Map<String, Object> resourceAccess = (Map<String, Object>) claims.getOrDefault("resource_access", Map.of());
        Map<String, Object> access = (Map<String, Object>) resourceAccess.getOrDefault(clientId, Map.of());
        return new ArrayList<>(strings(access.get("roles")));
    }

    private static Set<String> audience(Map<String, Object> claims) {
        return new TreeSet<>(strings(claims.get("aud")));
    }

    private static Set<String> strings(Object value) {
        if (value == null) {
            return Set.of();
        }
        if (value instanceof String string) {
            return Set.of(string);
        }
        return ((Collection<?>) value).stream().map(String.class::cast).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Every place in a JSON tree where one of {@code names} stands, as a key or as a value, with its
     * path. The keys of access_scope.providers name provider-scoped features, present whatever the
     * user holds (claims.schema.json); their values say a scope, not a grant, so those keys are not
     * occurrences.
     */
    private static List<String> occurrences(Object node, String path, Set<String> names) {
        List<String> found = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            boolean providerScopes = path.equals("access_scope.providers");
            map.forEach((key, value) -> {
                String child = path.isEmpty() ? String.valueOf(key) : path + "." + key;
                if (!providerScopes && names.contains(String.valueOf(key))) {
                    found.add(child + " (key)");
                }
                found.addAll(occurrences(value, child, names));
            });
        } else if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                found.addAll(occurrences(item, path + "[" + index++ + "]", names));
            }
        } else if (node instanceof String string && names.contains(string)) {
            found.add(path + " = " + string);
        }
        return found;
    }
}
