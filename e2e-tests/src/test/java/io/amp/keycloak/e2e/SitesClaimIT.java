package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.SitePage;
import io.amp.keycloak.client.resource.ConsultantAccessResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.admin.client.resource.RealmResource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sites claim of the portal's demo users, its overflow marker, and the paged endpoint behind it. */
class SitesClaimIT {

    private final Cleanup cleanup = new Cleanup();
    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private final Portal portal = new Portal();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @DisplayName("Given a portal demo user, then the sites claim holds their grants (consultants) or their reach (admins, viewers)")
    @CsvSource(delimiter = '|', value = {
            "carl.consultant | acme-cardio-north",
            "bea.btt         | ''",
            "nina.nogrant    | ''",
            "alice.admin     | acme-cardio-north acme-cardio-south acme-rad-main",
            "dan.dept        | acme-cardio-north acme-cardio-south",
            "vera.viewer     | acme-rad-main",
    })
    void demoUsers(String username, String expected) {
        Oidc.Response tokens = oidc.passwordGrant(Portal.REALM, "portal", username, Oidc.DEMO_PASSWORD);
        Map<String, Object> access = Oidc.claims(tokens.string("access_token"));

        List<String> keys = expected.isBlank() ? List.of() : Arrays.asList(expected.trim().split("\\s+"));
        assertThat(Portal.sites(access)).isEqualTo(keys);
        assertThat(Portal.sites(Oidc.claims(tokens.string("id_token")))).isEqualTo(keys);
        assertThat(ClaimsSchema.violations(access)).isEmpty();
    }

    @Test
    @DisplayName("Given more sites than the mapper's maximum, then the claim is the overflow marker and the endpoint pages through them")
    void overflow() {
        RealmResource realm = portal.realm();
        String clientId = new Fixtures(realm, cleanup).smallSitesClient(2);

        Map<String, Object> alice = Oidc.claims(oidc.accessToken(Portal.REALM, clientId, "alice.admin"));
        Map<String, Object> dan = Oidc.claims(oidc.accessToken(Portal.REALM, clientId, "dan.dept"));

        // The marker sends the user to the user surface (/realms/{realm}/amp/...), which a deployment serves even
        // where it keeps /admin off the internet; it named /admin/realms/portal/amp-consultant-access/me/sites before.
        String endpoint = "/" + Portal.USER_API + "me/sites";
        assertThat(alice).containsEntry("sites", Map.of("overflow", true, "endpoint", endpoint));
        assertThat(ClaimsSchema.violations(alice)).isEmpty();
        assertThat(Portal.sites(dan)).containsExactly("acme-cardio-north", "acme-cardio-south");

        // The endpoint the marker names is the client's me/sites on the user surface.
        ConsultantAccessResource api = Portal.api(portal.token("alice.admin"));
        SitePage first = api.mySites(0, 2);
        SitePage second = api.mySites(2, 2);
        assertThat(first.sites()).containsExactly("acme-cardio-north", "acme-cardio-south");
        assertThat(first.more()).isTrue();
        assertThat(second.sites()).containsExactly("acme-rad-main");
        assertThat(second.more()).isFalse();
    }

    @Test
    @DisplayName("Given a sites mapper with a maximum that is not a whole number from 1 to 10000, then saving it is refused")
    void badMaximumRefused() {
        RealmResource realm = portal.realm();
        String clientUuid = new Fixtures(realm, cleanup).client(Fixtures.uniqueName("bad-max"));

        try (jakarta.ws.rs.core.Response response = realm.clients().get(clientUuid).getProtocolMappers()
                .createMapper(Fixtures.mapper("amp-sites-mapper", "sites", Map.of("max.sites", "0")))) {
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.readEntity(String.class)).contains("max.sites");
        }
    }
}
