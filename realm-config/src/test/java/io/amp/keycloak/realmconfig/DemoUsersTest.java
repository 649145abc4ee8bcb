package io.amp.keycloak.realmconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** What every demo realm gives its users: the realm's default roles, and AMP's attributes declared in the user profile. */
class DemoUsersTest {

    private static final List<String> REALMS = List.of("workforce", "practice", "portal");

    private static RealmRepresentation realm(String name) {
        return RealmFileGenerator.generate(Path.of("src/main/definitions", name + ".yaml"));
    }

    @Test
    @DisplayName("Given a demo realm, then each of its users holds the realm's default roles, as an exported realm lists them, beside their own")
    void usersHoldTheDefaultRoles() {
        for (String name : REALMS) {
            RealmRepresentation realm = realm(name);
            assertThat(realm.getUsers()).as(name).isNotEmpty().allSatisfy(user -> assertThat(user.getRealmRoles())
                    .as(user.getUsername()).startsWith("default-roles-" + name).doesNotHaveDuplicates());
        }
        UserRepresentation mia = realm("workforce").getUsers().stream().filter(user -> user.getUsername().equals("mia.manager")).findFirst().orElseThrow();
        assertThat(mia.getRealmRoles()).containsExactly("default-roles-workforce", "access-approver");
    }

    @Test
    @DisplayName("Given a demo realm, then its user profile declares AMP's user attributes, for administrators only, with validators, and still lets admins edit undeclared ones")
    void profileDeclaresAmpAttributes() throws IOException {
        for (String name : REALMS) {
            JsonNode profile = new ObjectMapper().readTree(realm(name).getComponents().getFirst("org.keycloak.userprofile.UserProfileProvider")
                    .getConfig().getFirst("kc.user.profile.config"));
            assertThat(profile.get("unmanagedAttributePolicy").asText()).isEqualTo("ADMIN_EDIT");
            Map<String, JsonNode> attributes = new LinkedHashMap<>();
            profile.get("attributes").forEach(attribute -> attributes.put(attribute.get("name").asText(), attribute));
            assertThat(attributes).as(name).containsKeys("username", "email", "firstName", "lastName",
                    "user-type", "primary-provider", "amp.approver-departments", "amp.role-expiry");
            for (String amp : List.of("user-type", "primary-provider", "amp.approver-departments", "amp.role-expiry")) {
                JsonNode attribute = attributes.get(amp);
                assertThat(texts(attribute.at("/permissions/view"))).as(amp).containsExactly("admin");
                assertThat(texts(attribute.at("/permissions/edit"))).as(amp).containsExactly("admin");
                assertThat(attribute.get("displayName").asText()).as(amp).isNotBlank();
                assertThat(attribute.get("group").asText()).isEqualTo(DemoDefaults.PROFILE_GROUP);
            }
            assertThat(texts(attributes.get("user-type").at("/validations/options/options"))).containsExactly("provider", "staff");
            assertThat(attributes.get("amp.approver-departments").get("multivalued").asBoolean()).isTrue();
            assertThat(attributes.get("amp.approver-departments").at("/validations/pattern/pattern").asText()).isEqualTo("^[a-z0-9]+(-[a-z0-9]+)*$");
            assertThat(attributes.get("amp.role-expiry").get("multivalued").asBoolean()).isTrue();
            assertThat(profile.get("groups").findValuesAsText("name")).contains("user-metadata", DemoDefaults.PROFILE_GROUP);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        StreamSupport.stream(array.spliterator(), false).forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
