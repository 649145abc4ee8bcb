package io.amp.keycloak.rules.permissions;

import io.amp.keycloak.rules.permissions.EffectivePermissions.Resolution;
import io.amp.keycloak.rules.permissions.EffectivePermissions.Withheld;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EffectivePermissionsTest {

    private static Map<String, List<String>> granted(String... keys) {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        Arrays.stream(keys).forEach(key -> grants.put(key, List.of("role " + key)));
        return grants;
    }

    private static List<String> effective(PermissionCatalog catalog, String... keys) {
        return EffectivePermissions.keys(catalog, Set.of(keys));
    }

    @Nested
    @DisplayName("seed 001 rules")
    class Seed {

        private final PermissionCatalog catalog = SeedCatalog.catalog();

        @Test
        @DisplayName("The seed catalog has 52 permissions and no configuration problem")
        void catalogIsClean() {
            assertThat(catalog.keys()).hasSize(52);
            assertThat(catalog.problems()).isEmpty();
        }

        @ParameterizedTest(name = "{0} without settings is withheld")
        @ValueSource(strings = {"account-settings", "custom-field-settings", "office-settings", "onpatient-settings"})
        @DisplayName("Given a settings page permission without Settings, then it is withheld, naming Settings")
        void settingsPagesRequireSettings(String page) {
            Resolution resolution = EffectivePermissions.resolve(catalog, granted(page));

            assertThat(resolution.effective()).isEmpty();
            assertThat(resolution.withheld()).containsExactly(new Withheld(page, "requires settings"));
        }

        @ParameterizedTest(name = "{0} with settings")
        @ValueSource(strings = {"account-settings", "custom-field-settings", "office-settings", "onpatient-settings"})
        @DisplayName("Given a settings page permission with Settings, then both are effective")
        void settingsPagesWithSettings(String page) {
            assertThat(effective(catalog, page, "settings")).containsExactlyInAnyOrder(page, "settings");
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
                "eps-enrollment-edit                 | eps-enrollment-edit eps-enrollment-read-only",
                "eps-enrollment-read-only            | eps-enrollment-read-only",
                "bulk-patient-ehi-export             | bulk-patient-ehi-export single-patient-ehi-export",
                "single-patient-ehi-export           | single-patient-ehi-export",
                "access-billing                      | access-billing access-patient-payments",
                "access-patient-payments             | access-patient-payments",
                "access-balance-ledger               | access-balance-ledger",
                "disable-send-to-all-patients-option | disable-send-to-all-patients-option",
        })
        @DisplayName("Given one granted permission, then the effective ones follow the seed's implications")
        void implications(String grantedKey, String expected) {
            assertThat(effective(catalog, grantedKey)).containsExactlyInAnyOrder(expected.split(" "));
        }

        @Test
        @DisplayName("Given neither Access Billing nor Access Patient Payments, then patient payments are denied")
        void patientPaymentsDeniedOnlyWhenBothOff() {
            assertThat(effective(catalog, "show-billing-tab")).doesNotContain("access-patient-payments");
        }

        @Test
        @DisplayName("Disable Send to All Patients Option is the one inverted permission")
        void invertedPermission() {
            assertThat(catalog.keys().stream().filter(key -> catalog.rule(key).inverted()))
                    .containsExactly("disable-send-to-all-patients-option");
        }

        @Test
        @DisplayName("Given the whole catalog, then everything is effective")
        void wholeCatalog() {
            assertThat(effective(catalog, catalog.keys().toArray(String[]::new))).hasSize(52);
        }

        @Test
        @DisplayName("Given a granted key that is not in the catalog, then it is ignored")
        void unknownGrantIgnored() {
            assertThat(effective(catalog, "sword-tools", "settings")).containsExactly("settings");
        }

        @Test
        @DisplayName("Given an implied permission that is also granted, then the explanation names both ways")
        void explanationNamesGrantAndImplication() {
            Resolution resolution = EffectivePermissions.resolve(catalog, granted("eps-enrollment-edit", "eps-enrollment-read-only"));

            assertThat(resolution.explanations()).filteredOn(explanation -> explanation.permission().equals("eps-enrollment-read-only"))
                    .singleElement().satisfies(explanation -> {
                        assertThat(explanation.grantedBy()).containsExactly("role eps-enrollment-read-only");
                        assertThat(explanation.impliedBy()).containsExactly("eps-enrollment-edit");
                    });
        }
    }

    @Nested
    @DisplayName("rule semantics")
    class Semantics {

        @Test
        @DisplayName("Given a withheld permission, then what it implies is withheld too")
        void withheldImpliesNothing() {
            PermissionCatalog catalog = PermissionCatalog.of(List.of(
                    new PermissionRule("a", Set.of("b"), Set.of(), Set.of("c"), false),
                    PermissionRule.plain("b"),
                    PermissionRule.plain("c")));

            Resolution resolution = EffectivePermissions.resolve(catalog, granted("a"));

            assertThat(resolution.effective()).isEmpty();
            assertThat(resolution.withheld()).containsExactly(
                    new Withheld("a", "requires b"),
                    new Withheld("c", "implied only by permissions that are withheld"));
        }

        @Test
        @DisplayName("Given a requirement that is itself withheld, then the requiring permission is withheld as well")
        void withholdingCascades() {
            PermissionCatalog catalog = PermissionCatalog.of(List.of(
                    new PermissionRule("a", Set.of("b"), Set.of(), Set.of(), false),
                    new PermissionRule("b", Set.of("c"), Set.of(), Set.of(), false),
                    PermissionRule.plain("c")));

            assertThat(effective(catalog, "a", "b")).isEmpty();
            assertThat(effective(catalog, "a", "b", "c")).containsExactly("a", "b", "c");
        }

        @Test
        @DisplayName("Given a requirement met only through an implication, then it counts")
        void requirementMetByImplication() {
            PermissionCatalog catalog = PermissionCatalog.of(List.of(
                    new PermissionRule("a", Set.of("b"), Set.of(), Set.of(), false),
                    new PermissionRule("x", Set.of(), Set.of(), Set.of("b"), false),
                    PermissionRule.plain("b")));

            assertThat(effective(catalog, "a", "x")).containsExactly("a", "b", "x");
        }

        @Test
        @DisplayName("Given requires-any, then one of the listed permissions is enough")
        void requiresAny() {
            PermissionCatalog catalog = PermissionCatalog.of(List.of(
                    new PermissionRule("a", Set.of(), Set.of("b", "c"), Set.of(), false),
                    PermissionRule.plain("b"),
                    PermissionRule.plain("c")));

            assertThat(effective(catalog, "a")).isEmpty();
            assertThat(effective(catalog, "a", "c")).containsExactly("a", "c");
            assertThat(EffectivePermissions.resolve(catalog, granted("a")).withheld())
                    .containsExactly(new Withheld("a", "requires one of b, c"));
        }
    }

    @Nested
    @DisplayName("broken catalogs fail closed")
    class Broken {

        @Test
        @DisplayName("Given a rule naming an unknown permission, then the problem is reported and only that permission is withheld")
        void unknownName() {
            PermissionCatalog catalog = PermissionCatalog.of(List.of(
                    new PermissionRule("account-settings", Set.of("setings"), Set.of(), Set.of(), false),
                    PermissionRule.plain("settings")));

            assertThat(catalog.problems()).containsExactly(new CatalogProblem("account-settings", "requires",
                    "names 'setings', which is not a permission of this client"));
            Resolution resolution = EffectivePermissions.resolve(catalog, granted("account-settings", "settings"));
            assertThat(resolution.effective()).containsExactly("settings");
            assertThat(resolution.withheld()).containsExactly(
                    new Withheld("account-settings", "its rules are misconfigured; see the catalog validation"));
        }

        @Test
        @DisplayName("Given a rule naming a role of another client, then it is reported as such")
        void otherClient() {
            PermissionCatalog catalog = PermissionCatalog.of(List.of(
                    new PermissionRule("a", Set.of(), Set.of(), Set.of("drchrono/sword-tools"), false)));

            assertThat(catalog.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.attribute()).isEqualTo("implies");
                assertThat(problem.message()).contains("another client");
            });
            assertThat(catalog.isBroken("a")).isTrue();
        }

        @Test
        @DisplayName("Given a cycle of rules, then every permission on it is reported broken, and the rest still resolves")
        void cycle() {
            PermissionCatalog catalog = PermissionCatalog.of(List.of(
                    new PermissionRule("a", Set.of(), Set.of(), Set.of("b"), false),
                    new PermissionRule("b", Set.of("c"), Set.of(), Set.of(), false),
                    new PermissionRule("c", Set.of(), Set.of(), Set.of("a"), false),
                    PermissionRule.plain("d")));

            assertThat(catalog.problems()).singleElement().asString().contains("cycle: a -> b -> c -> a");
            assertThat(effective(catalog, "a", "b", "c", "d")).containsExactly("d");
        }

        @Test
        @DisplayName("Given a permission that implies itself, then it is a cycle")
        void selfCycle() {
            PermissionCatalog catalog = PermissionCatalog.of(List.of(new PermissionRule("a", Set.of(), Set.of(), Set.of("a"), false)));

            assertThat(catalog.isBroken("a")).isTrue();
        }

        @Test
        @DisplayName("Given an unreadable rule, then that permission is withheld")
        void unreadable() {
            PermissionCatalog catalog = PermissionCatalog.of(List.of(PermissionRule.plain("a"), PermissionRule.plain("b")),
                    List.of(new CatalogProblem("a", "inverted", "must be true or false, but is [yes]")));

            assertThat(effective(catalog, "a", "b")).containsExactly("b");
        }
    }
}
