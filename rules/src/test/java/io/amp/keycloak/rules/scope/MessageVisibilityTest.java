package io.amp.keycloak.rules.scope;

import io.amp.keycloak.rules.scope.MessageVisibility.Decision;
import io.amp.keycloak.rules.scope.MessageVisibility.Subject;
import io.amp.keycloak.rules.scope.MessageVisibility.UserType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.amp.keycloak.rules.scope.MessageVisibility.ALL;
import static io.amp.keycloak.rules.scope.MessageVisibility.NONE;
import static io.amp.keycloak.rules.scope.MessageVisibility.OWN_ASSIGNED;
import static io.amp.keycloak.rules.scope.MessageVisibility.OWN_ASSIGNED_PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;

class MessageVisibilityTest {

    private static Subject subject(UserType type, String setting, String permission) {
        return new Subject(type, setting.equals("On"), permission.equals("On"), true);
    }

    /**
     * Seed 001's table, row by row. Rows 5 to 8 repeat user kinds with other results: they are read
     * as pairs of a provider and a staff member whose primary provider that provider is, showing
     * the count rule ("the staff member's unread message count is tied to their primary
     * provider's access"). The primary provider column is that reading; "-" is no primary provider.
     */
    @ParameterizedTest(name = "row {0}: {1} PG {2} permission {3} (primary provider {4}) -> {5} / count {6}")
    @DisplayName("Seed 001 message table")
    @CsvSource(delimiter = '|', value = {
            " 1 | PROVIDER | On  | On  | -      | ALL                  | ALL",
            " 2 | STAFF    | On  | On  | -      | ALL                  | ALL",
            " 3 | PROVIDER | On  | Off | -      | OWN_ASSIGNED         | OWN_ASSIGNED",
            " 4 | STAFF    | On  | Off | -      | OWN_ASSIGNED_PRIMARY | OWN_ASSIGNED_PRIMARY",
            " 5 | PROVIDER | On  | On  | -      | ALL                  | ALL",
            " 6 | STAFF    | On  | Off | On/On  | OWN_ASSIGNED_PRIMARY | ALL",
            " 7 | PROVIDER | On  | Off | -      | OWN_ASSIGNED         | OWN_ASSIGNED",
            " 8 | STAFF    | On  | On  | On/Off | ALL                  | ALL",
            " 9 | PROVIDER | Off | On  | -      | OWN_ASSIGNED         | OWN_ASSIGNED",
            "10 | STAFF    | Off | On  | -      | OWN_ASSIGNED_PRIMARY | OWN_ASSIGNED_PRIMARY",
            "11 | PROVIDER | Off | Off | -      | OWN_ASSIGNED         | OWN_ASSIGNED",
            "12 | STAFF    | Off | Off | -      | OWN_ASSIGNED_PRIMARY | OWN_ASSIGNED_PRIMARY",
    })
    void seedTable(int row, UserType type, String setting, String permission, String primary,
                   MessageVisibility visibility, MessageVisibility count) {
        Subject primaryProvider = primary.equals("-") ? null
                : subject(UserType.PROVIDER, primary.split("/")[0], primary.split("/")[1]);

        Decision decision = MessageVisibility.decide(subject(type, setting, permission), primaryProvider);

        assertThat(decision).isEqualTo(new Decision(visibility, count));
    }

    @Test
    @DisplayName("Given the practice-group setting off, then a primary provider with the permission does not lift the staff count")
    void countRuleNeedsSharing() {
        Decision decision = MessageVisibility.decide(subject(UserType.STAFF, "Off", "Off"), subject(UserType.PROVIDER, "Off", "On"));

        assertThat(decision).isEqualTo(new Decision(OWN_ASSIGNED_PRIMARY, OWN_ASSIGNED_PRIMARY));
    }

    @Test
    @DisplayName("Given no Access to Message Center, then nothing is visible and there is no count")
    void noMessageCenter() {
        Decision decision = MessageVisibility.decide(new Subject(UserType.STAFF, true, true, false), subject(UserType.PROVIDER, "On", "On"));

        assertThat(decision).isEqualTo(new Decision(NONE, NONE));
    }

    @Test
    @DisplayName("Claim values are lower-case snake case")
    void claimValues() {
        assertThat(OWN_ASSIGNED_PRIMARY.claimValue()).isEqualTo("own_assigned_primary");
        assertThat(ALL.claimValue()).isEqualTo("all");
        assertThat(OWN_ASSIGNED.claimValue()).isEqualTo("own_assigned");
    }
}
