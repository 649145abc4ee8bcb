package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.Grant;
import io.amp.keycloak.client.representation.GrantSwitch;
import io.amp.keycloak.client.representation.NewGrant;
import io.amp.keycloak.client.resource.ConsultantAccessResource;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.representations.idm.AdminEventRepresentation;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Granting, toggling and removing site access, as a customer's admin does it (on the user surface,
 * /realms/portal/amp/consultant-access) and as the consultant sees it.
 */
class SiteGrantsIT {

    private final Cleanup cleanup = new Cleanup();
    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private final Portal portal = new Portal();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    private List<String> refreshedSites(Oidc.Response[] tokens) {
        tokens[0] = Portal.expect(oidc.refresh(Portal.REALM, "portal", tokens[0].string("refresh_token")), 200);
        return Portal.sites(Oidc.claims(tokens[0].string("access_token")));
    }

    @Test
    @DisplayName("Given a grant to carl by email, toggled off, on, and removed, then each shows in his very next refresh")
    void lifecycleShowsInNextRefresh() {
        var south = Portal.api(portal.token("dan.dept")).siteGrants("acme-cardio-south");
        Oidc.Response[] carl = {oidc.passwordGrant(Portal.REALM, "portal", "carl.consultant", Oidc.DEMO_PASSWORD)};
        assertThat(Portal.sites(Oidc.claims(carl[0].string("access_token")))).containsExactly("acme-cardio-north");

        Grant created = south.grant(NewGrant.toConsultant("carl.consultant@partner.example"));
        assertThat(AmpApi.lastStatus()).isEqualTo(201);
        cleanup.add(() -> portal.removeGrant("acme-cardio-south", created.id()));
        assertThat(created.enabled()).isTrue();
        assertThat(created.grantedBy()).isEqualTo("dan.dept");
        assertThat(created.subject().type()).isEqualTo("user");
        assertThat(created.subject().email()).isEqualTo("carl.consultant@partner.example");
        assertThat(refreshedSites(carl)).containsExactly("acme-cardio-north", "acme-cardio-south");

        assertThat(south.toggle(created.id(), new GrantSwitch(false)).enabled()).isFalse();
        assertThat(refreshedSites(carl)).containsExactly("acme-cardio-north");

        assertThat(south.toggle(created.id(), new GrantSwitch(true)).enabled()).isTrue();
        assertThat(refreshedSites(carl)).containsExactly("acme-cardio-north", "acme-cardio-south");

        south.remove(created.id());
        assertThat(refreshedSites(carl)).containsExactly("acme-cardio-north");
    }

    @Test
    @DisplayName("Given the Partner Analysts grant toggled off, then carl, its member, loses the site at his next refresh")
    void groupGrantToggled() {
        var north = Portal.api(portal.token("alice.admin")).siteGrants("acme-cardio-north");
        Oidc.Response[] carl = {oidc.passwordGrant(Portal.REALM, "portal", "carl.consultant", Oidc.DEMO_PASSWORD)};
        Grant grant = north.list().get(0);

        north.toggle(grant.id(), new GrantSwitch(false));
        cleanup.add(() -> Portal.adminApi().siteGrants("acme-cardio-north").toggle(grant.id(), new GrantSwitch(true)));

        assertThat(refreshedSites(carl)).isEmpty();
    }

    @Test
    @DisplayName("Given a group grant, then a Department Admin sees the group, never its members")
    void groupGrantKeepsConsultantsAnonymous() {
        // The JSON as sent, not the client's records: the point is which keys the body holds.
        Oidc.Response response = oidc.send("GET", Portal.USER_API + "sites/acme-cardio-north/grants", portal.token("dan.dept"), null);

        assertThat(response.items()).singleElement().satisfies(grant -> {
            assertThat(grant).containsOnlyKeys("id", "site", "subject", "enabled", "grantedBy", "grantedAt", "updatedAt");
            assertThat(Portal.map(grant.get("subject"))).containsOnlyKeys("type", "id", "name").containsEntry("name", "Partner Analysts");
        });
        assertThat(response.toString()).doesNotContain("carl");
    }

    @Test
    @DisplayName("Seed 002: carl, granted acme-cardio-north through Partner Analysts, lists, grants, toggles and removes its grants, and reaches no other site")
    void consultantWithAccessGranted() {
        ConsultantAccessResource carl = Portal.api(portal.token("carl.consultant"));
        var north = carl.siteGrants("acme-cardio-north");
        assertThat(north.list()).extracting(grant -> grant.subject().name()).contains("Partner Analysts");

        Grant bea = Portal.answer(201, () -> north.grant(NewGrant.toConsultant("bea.btt@btt.example")));
        cleanup.add(() -> portal.removeGrant("acme-cardio-north", bea.id()));
        assertThat(bea.grantedBy()).isEqualTo("carl.consultant");
        assertThat(Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", "bea.btt")))).contains("acme-cardio-north");
        assertThat(north.toggle(bea.id(), new GrantSwitch(false)).enabled()).isFalse();
        assertThat(Portal.sites(Oidc.claims(oidc.accessToken(Portal.REALM, "portal", "bea.btt")))).doesNotContain("acme-cardio-north");
        Portal.answer(204, () -> north.remove(bea.id()));

        assertThat(AmpApi.refusal(() -> carl.siteGrants("acme-cardio-south").list()).status()).isEqualTo(403);
        assertThat(AmpApi.refusal(() -> carl.siteGrants("acme-cardio-south").grant(NewGrant.toConsultant("bea.btt@btt.example"))).status())
                .isEqualTo(403);
        assertThat(AmpApi.refusal(() -> carl.siteGrants("no-such-site").list()))
                .as("the same answer as for a site that exists: the key tells him nothing")
                .isEqualTo(AmpApi.refusal(() -> carl.siteGrants("acme-cardio-south").list()));
        assertThat(AmpApi.refusal(() -> carl.accounts().list()).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("Seed 002: once the grant that gives carl acme-cardio-north is off, he may no longer manage its grants")
    void consultantLosesGrantManagementWithTheGrant() {
        var alice = Portal.api(portal.token("alice.admin")).siteGrants("acme-cardio-north");
        ConsultantAccessResource carl = Portal.api(portal.token("carl.consultant"));
        Grant partners = alice.list().stream().filter(grant -> "Partner Analysts".equals(grant.subject().name())).findFirst().orElseThrow();
        assertThat(carl.siteGrants("acme-cardio-north").list()).isNotEmpty();

        alice.toggle(partners.id(), new GrantSwitch(false));
        cleanup.add(() -> Portal.adminApi().siteGrants("acme-cardio-north").toggle(partners.id(), new GrantSwitch(true)));

        assertThat(AmpApi.refusal(() -> carl.siteGrants("acme-cardio-north").list()).status()).isEqualTo(403);
        assertThat(AmpApi.refusal(() -> carl.siteGrants("acme-cardio-north").toggle(partners.id(), new GrantSwitch(true))).status())
                .isEqualTo(403);
    }

    @Test
    @DisplayName("Given a refusal through the typed client, then it is the JAX-RS exception of its status with the server's words")
    void refusalsThroughTheClient() {
        var north = Portal.api(portal.token("alice.admin")).siteGrants("acme-cardio-north");

        assertThat(AmpApi.refusal(() -> north.grant(NewGrant.toGroup("Partner Analysts"))))
                .isEqualTo(new AmpApi.Refusal(409, "This site is already granted to that group; toggle or remove the existing grant"));
        assertThatThrownBy(() -> north.toggle("no-such", new GrantSwitch(false))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> Portal.api(portal.token("vera.viewer")).siteGrants("acme-cardio-north").list())
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> Portal.api(null).me()).isInstanceOf(NotAuthorizedException.class);
    }

    /** Hand-written HTTP: the bodies are malformed on purpose, which the typed client cannot send. */
    @ParameterizedTest(name = "{0} {1}: {3}")
    @DisplayName("Given bad input, then a 4xx that says why, and nothing changes")
    @CsvSource(delimiter = '|', value = {
            "POST | sites/acme-cardio-south/grants            | not json                                  | 400 | not valid JSON",
            "POST | sites/acme-cardio-south/grants            | [1, 2]                                    | 400 | JSON object",
            "POST | sites/acme-cardio-south/grants            | {}                                        | 400 | exactly one of",
            "POST | sites/acme-cardio-south/grants            | {\"group\": \"Partner Analysts\", \"email\": \"bea.btt@btt.example\"} | 400 | exactly one of",
            "POST | sites/acme-cardio-south/grants            | {\"email\": \"bea.btt@btt.example\", \"role\": \"x\"} | 400 | Unknown field 'role'",
            "POST | sites/acme-cardio-south/grants            | {\"email\": 42}                           | 400 | non-empty string",
            "POST | sites/acme-cardio-south/grants            | {\"email\": \"nobody@nowhere.example\"}   | 400 | No consultant of this realm has that email",
            "POST | sites/acme-cardio-south/grants            | {\"email\": \"vera.viewer@acme-health.example\"} | 400 | No consultant of this realm has that email",
            "POST | sites/acme-cardio-south/grants            | {\"group\": \"No Such Group\"}            | 400 | No consultant group",
            "POST | sites/acme-cardio-south/grants            | {\"group\": \"/consultant-groups\"}       | 400 | No consultant group '/consultant-groups'",
            "POST | sites/acme-cardio-south/grants            | {\"email\": \"bea.btt@btt.example\", \"enabled\": \"yes\"} | 400 | true or false",
            "POST | sites/acme-cardio-north/grants            | {\"group\": \"Partner Analysts\"}        | 409 | already granted",
            "PUT  | sites/acme-cardio-north/grants/{grant}    | {}                                        | 400 | 'enabled' is required",
            "PUT  | sites/acme-cardio-north/grants/{grant}    | {\"enabled\": \"no\"}                     | 400 | true or false",
            "PUT  | sites/acme-cardio-north/grants/no-such    | {\"enabled\": false}                      | 404 | Grant not found",
            "POST | accounts/{acme}/departments               | {\"name\": \"\"}                          | 400 | non-empty string",
            "POST | accounts/{acme}/departments               | {\"name\": \"Cardiology\"}                | 409 | already exists",
            "PUT  | accounts/{acme}/departments/{radiology}   | {\"name\": \"Cardiology\"}                | 409 | already exists",
    })
    void badInput(String method, String path, String body, int status, String reason) {
        String alice = portal.token("alice.admin");
        String grant = Portal.api(alice).siteGrants("acme-cardio-north").list().get(0).id();
        String resolved = path.replace("{grant}", grant).replace("{acme}", portal.accountId("acme-health"))
                .replace("{radiology}", Portal.RADIOLOGY);
        Map<String, Object> before = snapshot(alice);

        Oidc.Response response = oidc.send(method, Portal.USER_API + resolved, alice, body);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body().toString()).contains(reason);
        assertThat(snapshot(alice)).isEqualTo(before);
    }

    /** Hand-written HTTP: the paging values are not numbers on purpose. */
    @ParameterizedTest(name = "first={0}, max={1}")
    @DisplayName("Given bad paging, then 400")
    @CsvSource({"-1, 10", "0, 0", "0, 1001", "x, 10", "0, ten"})
    void badPaging(String first, String max) {
        Oidc.Response response = oidc.send("GET", Portal.USER_API + "me/sites?first=" + first + "&max=" + max, portal.token("carl.consultant"), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.string("errorMessage")).contains("whole number");
    }

    @Test
    @DisplayName("Given a grant created, toggled and removed, then each is an admin event with its own resource type and representation")
    void adminEvents() {
        var radMain = Portal.api(portal.token("alice.admin")).siteGrants("acme-rad-main");
        String id = radMain.grant(NewGrant.toConsultant("bea.btt@btt.example")).id();
        cleanup.add(() -> portal.removeGrant("acme-rad-main", id));
        radMain.toggle(id, new GrantSwitch(false));
        radMain.remove(id);

        List<AdminEventRepresentation> events = portal.realm().getAdminEvents().stream()
                .filter(event -> ("sites/acme-rad-main/grants/" + id).equals(event.getResourcePath()))
                .toList();

        assertThat(events).extracting(AdminEventRepresentation::getOperationType)
                .containsExactlyInAnyOrder("CREATE", "UPDATE", "DELETE");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getResourceType()).isEqualTo("AMP_SITE_GRANT");
            assertThat(event.getRepresentation()).contains("bea.btt@btt.example");
            assertThat(event.getAuthDetails().getUserId()).isNotBlank();
        });
    }

    private Map<String, Object> snapshot(String token) {
        ConsultantAccessResource api = Portal.api(token);
        return Map.of(
                "north", api.siteGrants("acme-cardio-north").list(),
                "south", api.siteGrants("acme-cardio-south").list(),
                "departments", api.accounts().get(portal.accountId("acme-health")).departments().list());
    }
}
