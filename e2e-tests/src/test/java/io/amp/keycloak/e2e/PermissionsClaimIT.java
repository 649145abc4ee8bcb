package io.amp.keycloak.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The permissions claim of the demo users: department roles count only on their own system. */
class PermissionsClaimIT {

    private final Oidc oidc = new Oidc(KeycloakServer.get());

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "sam.sales   | drchrono         | account-receivables-access sword-tools",
            "sam.sales   | drchrono-staging | ''",
            "carla.cx    | drchrono         | biller-btg sword-tools",
            "ivan.impl   | drchrono         | break-the-glass sword-tools",
            "dev.dana    | drchrono         | ''",
            "dev.dana    | drchrono-staging | bizdev-permissions sword-tools view-escalations-dashboard",
            "mia.manager | drchrono         | ''",
    })
    @DisplayName("Given a workforce user, then the access token lists the permissions of their roles on that system")
    void workforcePermissions(String username, String client, String expected) {
        Map<String, Object> claims = Oidc.claims(oidc.accessToken("workforce", client, username));

        assertThat(claims).containsEntry("permissions", keys(expected));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "dr.sun.all      | access-all-messages-for-practice-group access-to-message-center",
            "dr.sun.own      | access-to-message-center",
            "st.sun.settings | access-to-message-center",
            "erin.er         | emergency-access",
            "rita.review     | break-the-glass-review",
    })
    @DisplayName("Given a practice user, then the ehr token carries their effective permissions (Account Settings withheld without Settings)")
    void practiceUsers(String username, String expected) {
        assertThat(Oidc.claims(oidc.accessToken("practice", "ehr", username))).containsEntry("permissions", keys(expected));
    }

    @Test
    @DisplayName("Given a practice user, then the ehr tokens carry the permissions held directly")
    void practicePermissions() {
        Oidc.Response response = oidc.passwordGrant("practice", "ehr", "dr.sun.all", Oidc.DEMO_PASSWORD);

        List<String> expected = List.of("access-all-messages-for-practice-group", "access-to-message-center");
        assertThat(Oidc.claims(response.string("access_token"))).containsEntry("permissions", expected);
        assertThat(Oidc.claims(response.string("id_token"))).containsEntry("permissions", expected);
    }

    private static List<String> keys(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : Arrays.asList(spaceSeparated.trim().split("\\s+"));
    }
}
