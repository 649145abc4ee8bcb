package io.amp.keycloak.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * AMP's user attributes declared in the demo realms' user profile: administrators see and edit
 * them (Users > user > Details, section AMP), their validators refuse what AMP could not read, and
 * users neither see nor change them through the Account Console's API.
 */
class AmpUserAttributesIT {

    private static final List<String> AMP_ATTRIBUTES = List.of("user-type", "primary-provider", "amp.approver-departments", "amp.role-expiry");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cleanup cleanup = new Cleanup();
    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final RealmResource practice = server.admin().realm("practice");

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @Test
    @DisplayName("Given each demo realm's user profile, then AMP's attributes are declared, in the group AMP, for administrators only, with unmanaged attributes still admin-edited")
    @SuppressWarnings("unchecked")
    void declaredForAdministrators() {
        String token = oidc.adminToken();
        for (String realm : List.of("workforce", "practice", "portal")) {
            Map<String, Object> profile = oidc.get("admin/realms/" + realm + "/users/profile", token).body();
            assertThat(profile).containsEntry("unmanagedAttributePolicy", "ADMIN_EDIT");
            Map<String, Map<String, Object>> attributes = new HashMap<>();
            ((List<Map<String, Object>>) profile.get("attributes")).forEach(attribute -> attributes.put((String) attribute.get("name"), attribute));
            for (String name : AMP_ATTRIBUTES) {
                assertThat(attributes).as(realm).containsKey(name);
                assertThat(attributes.get(name)).containsEntry("group", "amp")
                        .containsEntry("permissions", Map.of("view", List.of("admin"), "edit", List.of("admin")));
            }
            assertThat(attributes.get("user-type").get("validations")).isEqualTo(Map.of("options", Map.of("options", List.of("provider", "staff"))));
        }
    }

    @Test
    @DisplayName("Given an administrator editing a user, then values AMP reads are kept and values it could not read are refused, naming the attribute")
    void validatorsRefuseWhatAmpCouldNotRead() {
        String id = new Fixtures(practice, cleanup).user(Fixtures.uniqueName("profile"), Map.of("user-type", List.of("provider")));
        UserResource user = practice.users().get(id);

        String refusedType = refusal(user, Map.of("user-type", List.of("nurse")));
        assertThat(refusedType).contains("user-type");
        String refusedDepartment = refusal(user, Map.of("amp.approver-departments", List.of("implementation-team", "Implementation Team")));
        assertThat(refusedDepartment).contains("amp.approver-departments");
        assertThat(user.toRepresentation().getAttributes()).containsEntry("user-type", List.of("provider"))
                .doesNotContainKey("amp.approver-departments");

        update(user, Map.of("user-type", List.of("staff"), "primary-provider", List.of("dr.sun.own"),
                "amp.approver-departments", List.of("implementation-team", "sales-team")));
        assertThat(user.toRepresentation().getAttributes())
                .containsEntry("user-type", List.of("staff"))
                .containsEntry("primary-provider", List.of("dr.sun.own"))
                .containsEntry("amp.approver-departments", List.of("implementation-team", "sales-team"));
    }

    @Test
    @DisplayName("Given a user's own token, then the Account Console's API shows none of AMP's attributes and refuses to change them")
    void usersNeitherSeeNorChangeThem() throws Exception {
        String token = oidc.accessToken("practice", "ehr", "st.sun.all");
        HttpResponse<String> account = AccountConsoleIT.accountApi(server, "GET", "practice", token, null);
        assertThat(account.statusCode()).isEqualTo(200);
        Map<String, Object> me = JSON.readValue(account.body(), new TypeReference<>() { });
        assertThat(me).containsEntry("username", "st.sun.all").doesNotContainKey("attributes");
        assertThat(account.body()).doesNotContain("primary-provider", "user-type", "dr.sun.own");

        me.remove("userProfileMetadata");
        me.put("attributes", Map.of("user-type", List.of("provider"), "primary-provider", List.of("dr.sun.all")));
        HttpResponse<String> refused = AccountConsoleIT.accountApi(server, "POST", "practice", token, JSON.writeValueAsString(me));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"user-type\"", "\"field\":\"primary-provider\"", "error-user-attribute-read-only");

        UserRepresentation stella = practice.users().searchByUsername("st.sun.all", true).get(0);
        assertThat(stella.getAttributes()).containsEntry("user-type", List.of("staff")).containsEntry("primary-provider", List.of("dr.sun.own"));
    }

    private static void update(UserResource user, Map<String, List<String>> changes) {
        UserRepresentation representation = user.toRepresentation();
        Map<String, List<String>> attributes = new HashMap<>(representation.getAttributes() == null ? Map.of() : representation.getAttributes());
        attributes.putAll(changes);
        representation.setAttributes(attributes);
        user.update(representation);
    }

    private static String refusal(UserResource user, Map<String, List<String>> changes) {
        BadRequestException refused = catchThrowableOfType(BadRequestException.class, () -> update(user, changes));
        assertThat(refused).as("refused: %s", changes).isNotNull();
        return refused.getResponse().readEntity(String.class);
    }
}
