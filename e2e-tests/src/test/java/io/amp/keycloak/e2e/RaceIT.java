package io.amp.keycloak.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, "Build" 7, the race tests on the suite's shared server (embedded H2): concurrent
 * decisions of one request leave one winner, a record that matches the effect and one event;
 * concurrent submissions leave one pending; a storm of grant, toggle and remove calls leaves the
 * state of a committed call. {@link PostgresIT} runs the same scenarios on PostgreSQL.
 */
class RaceIT {

    private final RaceScenarios races = new RaceScenarios(KeycloakServer.get());

    @Test
    @DisplayName("50 concurrent approve/deny of one access request: one 200, 49 409, record = effect, one UPDATE event")
    void accessRequestDecisions() {
        races.accessRequestDecisions(50);
    }

    @Test
    @DisplayName("50 concurrent approve/deny of one break-the-glass request: one 200, 49 409, elevated <=> approved, one decision event")
    void breakTheGlassDecisions() {
        races.breakTheGlassDecisions(50);
    }

    @Test
    @DisplayName("20 concurrent submissions of one access request: one 201, 19 409, one pending")
    void accessRequestSubmissions() {
        races.accessRequestSubmissions(20);
    }

    @Test
    @DisplayName("20 concurrent break-the-glass requests of one session: one 201, 19 409, one pending")
    void breakTheGlassSubmissions() {
        races.breakTheGlassSubmissions(20);
    }

    @Test
    @DisplayName("10 concurrent sign-ins of one user with emergency access: every login succeeds, one elevation is left running")
    void emergencyLogins() {
        races.emergencyLogins(10);
    }

    @Test
    @DisplayName("50 concurrent grant/toggle/remove calls on one consultant's grant: no 5xx, at most one grant, in the state of a committed call")
    void grantStorm() {
        races.grantStorm(50);
    }

    @Test
    @DisplayName("Two concurrent DELETEs of one grant: 204 and 404")
    void concurrentGrantDeletes() {
        races.concurrentGrantDeletes();
    }

    @Test
    @DisplayName("DELETE then DELETE of one grant: 204 then 404; a toggle of the removed grant: 404")
    void sequentialGrantDeletes() {
        races.sequentialGrantDeletes();
    }
}
