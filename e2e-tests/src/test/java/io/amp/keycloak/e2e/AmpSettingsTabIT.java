package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentTypeRepresentation;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMP tab of the realm settings (Keycloak's declarative UI, SPI ui-tab) through the admin API
 * the console calls: what it offers, that saving it writes the realm attributes AMP reads and
 * refuses bad values with their reasons, that it shows attributes changed around it, and that
 * tokens follow what it saves. ConsoleAmpTabIT does the same in the console itself.
 */
class AmpSettingsTabIT {

    private final Cleanup cleanup = new Cleanup();
    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @Test
    @DisplayName("Given the server info the console reads, then it offers the tab AMP on the realm settings, with each installed feature's fields in order")
    void theConsoleOffersTheTab() {
        ServerInfoRepresentation info = server.admin().serverInfo().getInfo();

        ComponentTypeRepresentation tab = info.getComponentTypes().get(AmpTab.TYPE).stream()
                .filter(type -> type.getId().equals("AMP")).findFirst().orElseThrow();
        assertThat(tab.getMetadata()).containsEntry("path", "/:realm/realm-settings/:tab").containsEntry("params", Map.of("tab", "amp"));
        assertThat(tab.getProperties()).extracting(ConfigPropertyRepresentation::getName).containsExactlyElementsOf(AmpTab.FIELDS.keySet());
        assertThat(tab.getProperties()).extracting(ConfigPropertyRepresentation::getType)
                .containsExactly("Integer", "String", "Integer", "String", "Integer");
        assertThat(tab.getProperties()).allSatisfy(field -> assertThat(field.getHelpText())
                .as(field.getName()).contains("Realm attribute " + AmpTab.FIELDS.get(field.getName())));
        assertThat(info.getProviders().get("amp-settings").getProviders()).containsOnlyKeys("consultant-access", "emergency-access");
    }

    @Test
    @DisplayName("Given the demo realms as shipped, then each has one AMP tab, showing no value: no AMP setting is set, the defaults apply")
    void eachRealmHasOneTab() {
        for (String realm : List.of("workforce", "practice", "portal")) {
            AmpTab tab = new AmpTab(realm);
            assertThat(tab.attributes()).as(realm).isEmpty();
            assertThat(tab.shown()).as(realm).isEmpty();
        }
    }

    @Test
    @DisplayName("Given values saved in the tab, then they are the realm's attributes, trimmed, and the tab keeps nothing else; an emptied field removes its attribute")
    void savingWritesTheAttributes() {
        AmpTab tab = new AmpTab(Portal.REALM);
        tab.restoreAfterwards(cleanup);

        tab.saved(Map.of("consultant-threshold", " 70 ", "consultant-groups", "consultant-groups", "max-sites", "50"));
        assertThat(tab.attributes()).containsExactly(Map.entry("amp.consultant-threshold", "70"),
                Map.entry("amp.consultant-groups", "consultant-groups"), Map.entry("amp.sites.max", "50"));
        assertThat(tab.shown()).as("the console's route parameters (realm, tab) are not kept")
                .containsOnly(Map.entry("consultant-threshold", "70"), Map.entry("consultant-groups", "consultant-groups"),
                        Map.entry("max-sites", "50"));

        tab.saved(Map.of("consultant-groups", "consultant-groups"));
        assertThat(tab.attributes()).containsExactly(Map.entry("amp.consultant-groups", "consultant-groups"));
        assertThat(tab.shown()).containsOnly(Map.entry("consultant-groups", "consultant-groups"));
    }

    @Test
    @DisplayName("Given bad values, then the save is refused with a 400 naming each one and why, and neither the attributes nor the tab change")
    void badValuesRefused() {
        AmpTab tab = new AmpTab(Portal.REALM);
        tab.restoreAfterwards(cleanup);
        tab.saved(Map.of("consultant-threshold", "85"));

        Oidc.Response refused = tab.save(Map.of("consultant-threshold", "150", "consultant-groups", "no-such-group", "max-sites", "0",
                "elevation-permissions", "access-scheduling, Not A Key", "emergency-seconds", "1h"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.string("errorMessage")).contains(
                "Consultant threshold: \"150\" is not a whole number from 0 to 100",
                "Consultant groups parent: realm portal has no top-level group \"no-such-group\"",
                "Maximum sites in a token: \"0\" is not a whole number from 1 to 10000",
                "Emergency access permissions: \"Not A Key\" is not a permission key",
                "Emergency access duration (seconds): \"1h\" is not a whole number from 1 to 28800");
        assertThat(tab.attributes()).containsExactly(Map.entry("amp.consultant-threshold", "85"));
        assertThat(tab.shown()).containsOnly(Map.entry("consultant-threshold", "85"));

        // Apostrophes and braces reach the console as they were typed (Keycloak formats the refusal with MessageFormat).
        assertThat(tab.save(Map.of("consultant-threshold", "it's {0}")).string("errorMessage"))
                .isEqualTo("Consultant threshold: \"it's {0}\" is not a whole number from 0 to 100");
        // A permission set must fit one application of the realm: the portal realm has no catalog.
        assertThat(tab.save(Map.of("elevation-permissions", "access-scheduling")).string("errorMessage"))
                .isEqualTo("Emergency access permissions: no application of realm portal has \"access-scheduling\" in its catalog");
    }

    @Test
    @DisplayName("Given attributes changed through the realm update of the admin API, then the tab shows them, an unreadable one as it is, and shows a removed one no more")
    void theTabShowsAttributesChangedAroundIt() {
        AmpTab tab = new AmpTab(Portal.REALM);
        tab.restoreAfterwards(cleanup);
        RealmResource portal = server.admin().realm(Portal.REALM);

        updateAttributes(portal, Map.of("amp.consultant-threshold", "75", "amp.sites.max", "lots"));
        assertThat(tab.shown()).containsOnly(Map.entry("consultant-threshold", "75"), Map.entry("max-sites", "lots"));
        // Shown as it is, so the administrator sees what to fix; saving it unchanged is refused.
        assertThat(tab.save(tab.shown()).status()).isEqualTo(400);

        updateAttributes(portal, Map.of("amp.consultant-threshold", ""));
        assertThat(tab.shown()).containsOnly(Map.entry("max-sites", "lots"));
    }

    /** Sets (a value) or removes ("") realm attributes through {@code PUT /admin/realms/{realm}}, as kcadm or the console's General tab do. */
    private static void updateAttributes(RealmResource realm, Map<String, String> changes) {
        RealmRepresentation representation = realm.toRepresentation();
        Map<String, String> attributes = new HashMap<>(representation.getAttributes());
        changes.forEach((name, value) -> {
            if (value.isEmpty()) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
        });
        representation.setAttributes(attributes);
        realm.update(representation);
    }

    @Test
    @DisplayName("Given a consultant threshold above carl.consultant's level (80), then his next token's sites claim is empty: he is no consultant, and no admin either")
    void thresholdDecidesWhoIsAConsultant() {
        AmpTab tab = new AmpTab(Portal.REALM);
        tab.restoreAfterwards(cleanup);
        assertThat(sites("portal", "carl.consultant")).containsExactly("acme-cardio-north");

        tab.saved(Map.of("consultant-threshold", "81"));
        assertThat(sites("portal", "carl.consultant")).isEmpty();
        assertThat(sites("portal", "alice.admin")).as("an Account Admin (level 30) keeps her accounts' sites")
                .containsExactly("acme-cardio-north", "acme-cardio-south", "acme-rad-main");

        tab.saved(Map.of("consultant-threshold", "80"));
        assertThat(sites("portal", "carl.consultant")).containsExactly("acme-cardio-north");
    }

    @Test
    @DisplayName("Given the realm's maximum of sites, then every sites mapper of the realm uses it in place of its own; emptied, each mapper's own applies again")
    void realmMaximumOfSites() {
        AmpTab tab = new AmpTab(Portal.REALM);
        tab.restoreAfterwards(cleanup);
        String small = new Fixtures(server.admin().realm(Portal.REALM), cleanup).smallSitesClient(1);
        Map<String, Object> overflow = Map.of("overflow", true, "endpoint", "/realms/portal/amp/consultant-access/me/sites");
        assertThat(claims("portal", "alice.admin").get("sites")).isInstanceOf(List.class);
        assertThat(claims(small, "alice.admin").get("sites")).isEqualTo(overflow);

        tab.saved(Map.of("max-sites", "2"));
        assertThat(claims("portal", "alice.admin").get("sites")).as("mapper maximum 100, realm 2").isEqualTo(overflow);
        assertThat(claims(small, "alice.admin").get("sites")).as("mapper maximum 1, realm 2").isEqualTo(overflow);
        assertThat(claims("portal", "dan.dept").get("sites")).isEqualTo(List.of("acme-cardio-north", "acme-cardio-south"));

        tab.saved(Map.of("max-sites", "3"));
        assertThat(claims(small, "alice.admin").get("sites")).as("mapper maximum 1, realm 3")
                .isEqualTo(List.of("acme-cardio-north", "acme-cardio-south", "acme-rad-main"));

        tab.saved(Map.of());
        assertThat(claims(small, "alice.admin").get("sites")).as("mapper maximum 1 again").isEqualTo(overflow);
    }

    private Map<String, Object> claims(String clientId, String username) {
        return Oidc.claims(oidc.accessToken(Portal.REALM, clientId, username));
    }

    private List<String> sites(String clientId, String username) {
        return Portal.sites(claims(clientId, username));
    }
}
