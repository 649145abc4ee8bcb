package io.amp.keycloak.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo catalogs as Keycloak holds them after import, checked against the seeds. */
class CatalogIT {

    private static Keycloak admin;

    @BeforeAll
    static void connect() {
        admin = KeycloakServer.get().admin();
    }

    private static ClientResource client(RealmResource realm, String clientId) {
        List<ClientRepresentation> found = realm.clients().findByClientId(clientId);
        assertThat(found).as("client %s", clientId).hasSize(1);
        return realm.clients().get(found.get(0).getId());
    }

    private static List<RoleRepresentation> rolesOfKind(ClientResource client, String kind) {
        return client.roles().list(false).stream()
                .filter(role -> role.getAttributes() != null && List.of(kind).equals(role.getAttributes().get("kind")))
                .toList();
    }

    @Nested
    @DisplayName("workforce (seed 000)")
    class Workforce {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"drchrono", "drchrono-staging"})
        @DisplayName("Given a system, then its permissions are exactly the seed's")
        void permissions(String system) {
            ClientResource client = client(admin.realm("workforce"), system);

            assertThat(rolesOfKind(client, "permission")).extracting(RoleRepresentation::getName)
                    .containsExactlyInAnyOrderElementsOf(DemoData.WORKFORCE_PERMISSIONS);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"drchrono", "drchrono-staging"})
        @DisplayName("Given a system, then each department role's composites are exactly the seed's list, on that system")
        void departmentRoleComposites(String system) {
            RealmResource realm = admin.realm("workforce");
            ClientResource client = client(realm, system);
            String clientUuid = client.toRepresentation().getId();

            Map<String, Set<String>> actual = rolesOfKind(client, "department-role").stream()
                    .collect(Collectors.toMap(RoleRepresentation::getName, role -> {
                        Set<RoleRepresentation> composites = client.roles().get(role.getName()).getRoleComposites();
                        assertThat(composites).as("composites of %s", role.getName())
                                .allSatisfy(composite -> assertThat(composite.getContainerId()).isEqualTo(clientUuid));
                        return composites.stream().map(RoleRepresentation::getName).collect(Collectors.toSet());
                    }));

            assertThat(actual).isEqualTo(DemoData.DEPARTMENT_ROLES);
        }

        @Test
        @DisplayName("Given BTG - DRC, then every department may request it; every other role names its department")
        void departmentOfEachRole() {
            ClientResource client = client(admin.realm("workforce"), "drchrono");

            for (RoleRepresentation role : rolesOfKind(client, "department-role")) {
                if (role.getName().equals("btg-drc")) {
                    assertThat(role.getAttributes()).containsEntry("all-departments", List.of("true")).doesNotContainKey("department");
                } else {
                    assertThat(role.getAttributes()).as(role.getName()).containsKey("department");
                }
            }
            assertThat(client.roles().get("cs-cx-admin").toRepresentation().getAttributes())
                    .containsEntry("display-name", List.of("CS/CX - Admin"))
                    .containsEntry("department", List.of("customer-support-customer-experience-teams"));
        }
    }

    @Nested
    @DisplayName("practice (seed 001)")
    class Practice {

        @Test
        @DisplayName("Given the ehr client, then its permissions are the seed's list, the duplicate heading counted once")
        void catalogEqualsSeed() {
            ClientResource ehr = client(admin.realm("practice"), "ehr");
            Set<String> expectedKeys = DemoData.PRACTICE_PERMISSION_HEADINGS.stream()
                    .map(Map.Entry::getValue)
                    .collect(Collectors.toCollection(LinkedHashSet::new));

            List<RoleRepresentation> permissions = rolesOfKind(ehr, "permission");

            assertThat(DemoData.PRACTICE_PERMISSION_HEADINGS).hasSize(53);
            assertThat(expectedKeys).hasSize(52);
            assertThat(permissions).extracting(RoleRepresentation::getName).containsExactlyInAnyOrderElementsOf(expectedKeys);
        }

        @Test
        @DisplayName("Given a permission, then it carries the seed's name and its turned-on and turned-off texts")
        void catalogMetadata() {
            ClientResource ehr = client(admin.realm("practice"), "ehr");
            Map<String, RoleRepresentation> byKey = rolesOfKind(ehr, "permission").stream()
                    .collect(Collectors.toMap(RoleRepresentation::getName, role -> role));

            DemoData.PRACTICE_PERMISSION_HEADINGS.forEach(heading -> {
                Map<String, List<String>> attributes = byKey.get(heading.getValue()).getAttributes();
                assertThat(attributes).as(heading.getKey())
                        .containsEntry("display-name", List.of(heading.getKey()))
                        .hasEntrySatisfying("description-on", values -> assertThat(values).singleElement().asString().isNotBlank())
                        .hasEntrySatisfying("description-off", values -> assertThat(values).singleElement().asString().isNotBlank());
            });
            assertThat(byKey.get("settings").getAttributes().get("description-on"))
                    .containsExactly("View and edit multiple setting profiles as well as APIs.");
        }
    }
}
