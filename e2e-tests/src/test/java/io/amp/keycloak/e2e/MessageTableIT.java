package io.amp.keycloak.e2e;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001's message table, one test per row, with the demo users of DESIGN section 6. Rows 5
 * to 8 are read as provider and staff pairs (the staff member's primary provider is the row
 * before): the unread count of a staff member follows their primary provider's access.
 */
class MessageTableIT {

    private final Oidc oidc = new Oidc(KeycloakServer.get());

    @ParameterizedTest(name = "row {0}: {1} ({2}) -> {3} / count {4}")
    @DisplayName("Given a practice user, then access_scope.messages follows the seed's table")
    @CsvSource(delimiter = '|', value = {
            " 1 | dr.sun.all      | Provider, PG on, permission on                         | all                  | all",
            " 2 | st.sun.all      | Staff, PG on, permission on                            | all                  | all",
            " 3 | dr.sun.own      | Provider, PG on, permission off                        | own_assigned         | own_assigned",
            " 4 | st.sun.settings | Staff, PG on, permission off, primary provider off     | own_assigned_primary | own_assigned_primary",
            " 5 | dr.sun.all      | Provider, PG on, permission on (primary of st.sun.own) | all                  | all",
            " 6 | st.sun.own      | Staff, PG on, permission off, primary provider on      | own_assigned_primary | all",
            " 7 | dr.sun.own      | Provider, PG on, permission off (primary of st.sun.all)| own_assigned         | own_assigned",
            " 8 | st.sun.all      | Staff, PG on, permission on, primary provider off      | all                  | all",
            " 9 | dr.har.all      | Provider, PG off, permission on                        | own_assigned         | own_assigned",
            "10 | st.har.all      | Staff, PG off, permission on                           | own_assigned_primary | own_assigned_primary",
            "11 | dr.har.own      | Provider, PG off, permission off                       | own_assigned         | own_assigned",
            "12 | st.har.own      | Staff, PG off, permission off                          | own_assigned_primary | own_assigned_primary",
    })
    void row(int row, String username, String situation, String visibility, String unreadCount) {
        Map<String, Object> claims = Oidc.claims(oidc.accessToken("practice", "ehr", username));

        assertThat(claims).extractingByKey("access_scope").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("messages", Map.of("visibility", visibility, "unread_count", unreadCount));
        assertThat(ClaimsSchema.violations(claims)).isEmpty();
    }
}
