package io.amp.keycloak.realmconfig;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RealmFileGeneratorTest {

    @TempDir
    Path dir;

    private Path definition(String yaml) throws IOException {
        return Files.writeString(dir.resolve("test.yaml"), yaml);
    }

    private static final String CATALOG = """
            catalog:
              systems: [prod, staging]
              permissions:
                - name: Sword Tools
                - name: Account Receivables Access
                  aliases: [Accounts Receivable Access]
              departments:
                - name: Sales Team
                  roles:
                    - name: Sales - Admin
                      grants: [Sword Tools, Accounts Receivable Access]
              sharedRoles:
                - name: BTG - DRC
                  grants: [Sword Tools]
            realm:
              realm: test
              clients:
                - clientId: prod
                - clientId: staging
              users:
                - username: someone
            """;

    @Test
    @DisplayName("Given a catalog on two systems, then each system gets its own roles whose composites stay on it")
    void expandsCatalogPerSystem() throws IOException {
        RealmRepresentation realm = RealmFileGenerator.generate(definition(CATALOG));

        Map<String, List<RoleRepresentation>> clientRoles = realm.getRoles().getClient();
        assertThat(clientRoles).containsOnlyKeys("prod", "staging");
        RoleRepresentation salesAdmin = clientRoles.get("staging").stream()
                .filter(role -> role.getName().equals("sales-admin")).findFirst().orElseThrow();
        assertThat(salesAdmin.getComposites().getClient())
                .containsExactly(Map.entry("staging", List.of("sword-tools", "account-receivables-access")));
        assertThat(salesAdmin.getAttributes())
                .containsEntry("kind", List.of("department-role"))
                .containsEntry("department", List.of("sales-team"))
                .containsEntry("display-name", List.of("Sales - Admin"));
        RoleRepresentation btg = clientRoles.get("prod").stream()
                .filter(role -> role.getName().equals("btg-drc")).findFirst().orElseThrow();
        assertThat(btg.getAttributes()).containsEntry("all-departments", List.of("true")).doesNotContainKey("department");
        assertThat(realm.getGroups()).singleElement().satisfies(group -> {
            assertThat(group.getName()).isEqualTo("departments");
            assertThat(group.getSubGroups()).singleElement()
                    .satisfies(department -> assertThat(department.getName()).isEqualTo("sales-team"));
        });
    }

    @Test
    @DisplayName("Given a demo realm, then clients are confidential with the demo secret, users have the demo password, admins edit AMP attributes")
    void appliesDemoDefaults() throws IOException {
        RealmRepresentation realm = RealmFileGenerator.generate(definition(CATALOG));

        assertThat(realm.getClients()).filteredOn(client -> !client.getClientId().equals("amp-portal")).isNotEmpty().allSatisfy(client -> {
            assertThat(client.isPublicClient()).isFalse();
            assertThat(client.getSecret()).isEqualTo("demo-secret");
            assertThat(client.isDirectAccessGrantsEnabled()).isTrue();
        });
        assertThat(realm.getComponents().getFirst("org.keycloak.userprofile.UserProfileProvider").getConfig()
                .getFirst("kc.user.profile.config")).contains("\"unmanagedAttributePolicy\":\"ADMIN_EDIT\"")
                .contains("\"name\":\"username\"");
        assertThat(realm.getUsers()).singleElement().satisfies(user -> {
            assertThat(user.getCredentials()).singleElement().satisfies(credential -> assertThat(credential.getValue()).isEqualTo("demo"));
            assertThat(user.getEmail()).isEqualTo("someone@example.com");
        });
    }

    @Test
    @DisplayName("Given a demo realm, then it has the portal's public client: code flow with PKCE S256 only, back to the portal page of that realm")
    void addsThePortalClient() throws IOException {
        RealmRepresentation realm = RealmFileGenerator.generate(definition(CATALOG));

        assertThat(realm.getClients()).filteredOn(client -> client.getClientId().equals("amp-portal")).singleElement().satisfies(client -> {
            assertThat(client.isPublicClient()).isTrue();
            assertThat(client.getSecret()).isNull();
            assertThat(client.isStandardFlowEnabled()).isTrue();
            assertThat(client.isDirectAccessGrantsEnabled()).isFalse();
            assertThat(client.isImplicitFlowEnabled()).isFalse();
            assertThat(client.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
            assertThat(client.getRootUrl()).isEqualTo("${authBaseUrl}");
            assertThat(client.getRedirectUris()).containsExactly("/realms/" + realm.getRealm() + "/amp/portal/*");
            assertThat(client.isFullScopeAllowed()).as("a portal token carries only what the portal needs").isFalse();
        });
        assertThat(realm.getClientScopeMappings().get("realm-management")).singleElement().satisfies(mapping -> {
            assertThat(mapping.getClient()).isEqualTo("amp-portal");
            assertThat(mapping.getRoles()).containsExactly("view-realm", "manage-realm", "view-users", "manage-users");
        });
    }

    @Test
    @DisplayName("Given a demo realm, then its application clients use the scope amp-roles, whose client role mapper leaves the catalog out, instead of Keycloak's roles")
    void applicationClientsUseAmpRoles() throws IOException {
        RealmRepresentation realm = RealmFileGenerator.generate(definition(CATALOG.replace("  realm: test\n",
                "  realm: test\n  defaultDefaultClientScopes: [amp-claims]\n  clientScopes:\n    - name: amp-claims\n")));

        assertThat(realm.getAttributes()).containsEntry("CreateDefaultClientScopes", "true");
        assertThat(realm.getClientScopes()).extracting(ClientScopeRepresentation::getName).containsExactly("amp-claims", "amp-roles");
        ClientScopeRepresentation roles = realm.getClientScopes().get(1);
        assertThat(roles.getAttributes()).containsEntry("include.in.token.scope", "false");
        assertThat(roles.getProtocolMappers()).extracting(ProtocolMapperRepresentation::getProtocolMapper)
                .containsExactly("oidc-usermodel-realm-role-mapper", "amp-client-roles-mapper", "oidc-audience-resolve-mapper");
        assertThat(roles.getProtocolMappers().get(1).getConfig())
                .containsEntry("claim.name", "resource_access.${client_id}.roles")
                .containsEntry("keep.catalog.roles", "false");
        assertThat(realm.getClients()).filteredOn(client -> !client.getClientId().equals("amp-portal")).isNotEmpty().allSatisfy(client -> {
            assertThat(client.getDefaultClientScopes()).contains("amp-roles", "amp-claims", "profile", "basic").doesNotContain("roles");
            assertThat(client.getOptionalClientScopes()).contains("offline_access").doesNotContain("roles", "amp-roles");
        });
        // The portal page is no application: it reads who the user is, never the claims AMP adds for applications.
        assertThat(realm.getClients()).filteredOn(client -> client.getClientId().equals("amp-portal")).singleElement()
                .satisfies(client -> assertThat(client.getDefaultClientScopes()).contains("amp-roles", "profile", "basic")
                        .doesNotContain("roles", "amp-claims"));
    }

    @Test
    @DisplayName("Given a department role that grants an unknown permission, then generation fails naming both")
    void unknownGrantRefused() throws IOException {
        Path file = definition(CATALOG.replace("grants: [Sword Tools, Accounts Receivable Access]", "grants: [Sword Tools, Swords Tools]"));

        assertThatThrownBy(() -> RealmFileGenerator.generate(file))
                .hasMessageContaining("Sales - Admin").hasMessageContaining("Swords Tools");
    }

    @Test
    @DisplayName("Given a catalog system that is not a client of the realm, then generation fails")
    void unknownSystemRefused() throws IOException {
        Path file = definition(CATALOG.replace("systems: [prod, staging]", "systems: [prod, qa]"));

        assertThatThrownBy(() -> RealmFileGenerator.generate(file)).hasMessageContaining("'qa'");
    }

    @Test
    @DisplayName("Given a role value longer than Keycloak keeps that is no permission text, then generation fails naming role and attribute")
    void overlongAttributeRefused() throws IOException {
        String name = "Sword " + "x".repeat(250);
        Path file = definition(CATALOG.replace("    - name: Sword Tools\n", "    - name: Sword Tools\n    - name: " + name + "\n"));

        assertThatThrownBy(() -> RealmFileGenerator.generate(file))
                .hasMessageContaining("attribute display-name is 256 characters");
    }

    @Test
    @DisplayName("Given a misspelt realm property, then generation fails instead of dropping it")
    void unknownPropertyRefused() throws IOException {
        Path file = definition(CATALOG.replace("  realm: test", "  realm: test\n  displayNam: Test"));

        assertThatThrownBy(() -> RealmFileGenerator.generate(file)).hasMessageContaining("displayNam");
    }
}
