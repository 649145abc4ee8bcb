package io.amp.keycloak.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001's permission texts in full: the four longer than a role keeps are in the practice
 * realm's localization texts, named by the role's attribute and description, and reach the admin
 * console through the message bundle it loads for the realm.
 */
class PermissionTextsIT {

    /** Each text too long for a role: its localization key, and how the seed's text ends. */
    private static final Map<String, String> LONG_TEXTS = Map.of(
            "amp.catalog.access-scheduling.description-off", "select the Use new dashboard home screen checkbox.",
            "amp.catalog.access-to-erx.description-on", "only the provider's name appears on the prescription, not the user's. Access to Account > eRx Settings.",
            "amp.catalog.create-and-update-patients.description-off", "you receive a \"permission denied\" message. Can't attach documents to a patient chart.",
            "amp.catalog.use-ipad-ehr.description-off", "When you try to log in again, you're alerted that you don't have access to the EHR app.");

    private final KeycloakServer server = KeycloakServer.get();
    private final RealmResource practice = server.admin().realm("practice");

    @Test
    @DisplayName("Given the practice realm, then its localization holds the four long texts whole, and each role names them where it would have cut them")
    void longTextsInTheRealmsLocalization() {
        Map<String, String> english = practice.localization().getRealmLocalizationTexts("en");
        LONG_TEXTS.forEach((key, ending) -> assertThat(english.get(key)).as(key).endsWith(ending).hasSizeGreaterThan(255));

        String ehr = practice.clients().findByClientId("ehr").get(0).getId();
        RoleRepresentation scheduling = practice.clients().get(ehr).roles().get("access-scheduling").toRepresentation();
        assertThat(scheduling.getDescription()).isEqualTo("${amp.catalog.access-scheduling}");
        assertThat(scheduling.getAttributes()).containsEntry("description-off", List.of("${amp.catalog.access-scheduling.description-off}"))
                .containsEntry("description-on", List.of("Access the schedule as well as view and schedule appointments."));
        assertThat(english.get("amp.catalog.access-scheduling"))
                .startsWith("Access Scheduling. Turned on: Access the schedule as well as view and schedule appointments. Turned off: Can't see")
                .endsWith(LONG_TEXTS.get("amp.catalog.access-scheduling.description-off"));

        // Every ${...} of a catalog role resolves, and only the four are references.
        List<RoleRepresentation> roles = practice.clients().get(ehr).roles().list(false);
        List<String> references = roles.stream()
                .flatMap(role -> java.util.stream.Stream.concat(java.util.stream.Stream.of(role.getDescription()),
                        role.getAttributes().values().stream().flatMap(List::stream)))
                .filter(value -> value != null && value.startsWith("${")).map(value -> value.substring(2, value.length() - 1))
                .collect(Collectors.toList());
        assertThat(references).hasSize(8).allSatisfy(key -> assertThat(english).containsKey(key));
    }

    @Test
    @DisplayName("Given the message bundle the admin console loads for the practice realm, then it resolves the roles' keys to the full texts")
    void theConsolesBundleResolvesThem() {
        Oidc.Response bundle = new Oidc(server).get("resources/practice/admin/en", null);
        assertThat(bundle.status()).isEqualTo(200);
        Map<String, String> messages = bundle.items().stream()
                .collect(Collectors.toMap(entry -> (String) entry.get("key"), entry -> (String) entry.get("value"), (a, b) -> b));
        LONG_TEXTS.forEach((key, ending) -> assertThat(messages.get(key)).as(key).endsWith(ending));
        assertThat(messages.get("amp.catalog.use-ipad-ehr")).startsWith("Use iPad EHR. Turned on: Log in and use the DrChrono EHR app");
    }
}
