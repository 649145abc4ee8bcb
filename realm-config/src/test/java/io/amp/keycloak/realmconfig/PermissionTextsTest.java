package io.amp.keycloak.realmconfig;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Permission texts longer than a role keeps live whole in the realm's localization texts, referenced from the role. */
class PermissionTextsTest {

    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{(.+)}$");

    @TempDir
    Path dir;

    private static RoleRepresentation role(RealmRepresentation realm, String client, String name) {
        return realm.getRoles().getClient().get(client).stream().filter(role -> role.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("Given a permission text longer than 255 characters, then the realm keeps it whole under amp.catalog.<key>.<attribute>, the attribute and the description name their keys")
    void longTextGoesToTheRealmsLocalization() throws IOException {
        String off = "Can't do it. " + "y".repeat(300);
        Path file = Files.writeString(dir.resolve("test.yaml"), """
                catalog:
                  systems: [prod, staging]
                  permissions:
                    - name: Sword Tools
                      descriptionOn: Use the sword tools.
                      descriptionOff: "%s"
                    - name: Short Texts
                      descriptionOn: Short on.
                      descriptionOff: Short off.
                realm:
                  realm: test
                  clients:
                    - clientId: prod
                    - clientId: staging
                """.formatted(off));

        RealmRepresentation realm = RealmFileGenerator.generate(file);

        Map<String, String> english = realm.getLocalizationTexts().get("en");
        assertThat(english).containsOnly(
                Map.entry("amp.catalog.sword-tools.description-off", off),
                Map.entry("amp.catalog.sword-tools", "Sword Tools. Turned on: Use the sword tools. Turned off: " + off));
        for (String system : List.of("prod", "staging")) {
            RoleRepresentation sword = role(realm, system, "sword-tools");
            assertThat(sword.getDescription()).isEqualTo("${amp.catalog.sword-tools}");
            assertThat(sword.getAttributes())
                    .containsEntry("description-on", List.of("Use the sword tools."))
                    .containsEntry("description-off", List.of("${amp.catalog.sword-tools.description-off}"));
            RoleRepresentation shortTexts = role(realm, system, "short-texts");
            assertThat(shortTexts.getDescription()).as("a permission whose texts a role keeps is as before").isEqualTo("Short Texts");
            assertThat(shortTexts.getAttributes()).containsEntry("description-off", List.of("Short off."));
        }
    }

    @Test
    @DisplayName("Given the practice realm as shipped, then seed 001's four long texts are whole in its localization, every reference resolves, and no role value is over 255")
    void practiceKeepsTheSeedsTextsWhole() {
        RealmRepresentation realm = RealmFileGenerator.generate(Path.of("src/main/definitions/practice.yaml"));

        Map<String, String> english = realm.getLocalizationTexts().get("en");
        assertThat(english.get("amp.catalog.access-scheduling.description-off"))
                .startsWith("Can't see or access any of the patient's appointments. Note: Staff accounts must land on the Dashboard")
                .endsWith("select the Use new dashboard home screen checkbox.");
        assertThat(english.get("amp.catalog.access-to-erx.description-on"))
                .startsWith("Access to the Send eRx function in the patient's chart. You can prescribe medications.")
                .contains("only the provider's name appears on the prescription, not the user's.");
        assertThat(english.get("amp.catalog.create-and-update-patients.description-off"))
                .contains("Can't see the Add a New Patient, Edit Patient, or Invite to OnPatient icons in the Schedule Appointment window.")
                .endsWith("Can't attach documents to a patient chart.");
        assertThat(english.get("amp.catalog.use-ipad-ehr.description-off"))
                .endsWith("When you try to log in again, you're alerted that you don't have access to the EHR app.");
        assertThat(english).hasSize(8).allSatisfy((key, text) -> assertThat(text.length()).as(key).isGreaterThan(RoleValueLimits.MAX_LENGTH));

        List<RoleRepresentation> ehr = realm.getRoles().getClient().get("ehr");
        List<String> references = ehr.stream()
                .flatMap(role -> Stream.concat(Stream.of(role.getDescription()), role.getAttributes().values().stream().flatMap(List::stream)))
                .map(REFERENCE::matcher).filter(Matcher::matches).map(matcher -> matcher.group(1)).toList();
        assertThat(references).containsExactlyInAnyOrderElementsOf(english.keySet());
        assertThat(ehr).allSatisfy(role -> {
            assertThat(role.getDescription()).hasSizeLessThanOrEqualTo(RoleValueLimits.MAX_LENGTH);
            role.getAttributes().values().stream().flatMap(List::stream)
                    .forEach(value -> assertThat(value).as(role.getName()).hasSizeLessThanOrEqualTo(RoleValueLimits.MAX_LENGTH));
        });
    }
}
