package io.amp.keycloak.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The race scenarios of {@link RaceIT} on a server of another database: locks, isolation and
 * unique constraints behave differently on PostgreSQL and MariaDB than on H2, and these are the
 * tests that find out. A database test class implements this and says which server to race.
 */
interface DatabaseRaces {

    /** The server the races run against. */
    KeycloakServer raceServer();

    @Test
    @DisplayName("50 concurrent approve/deny of one access request: one 200, 49 409, record = effect, one UPDATE event")
    default void accessRequestDecisionRace() {
        new RaceScenarios(raceServer()).accessRequestDecisions(50);
    }

    @Test
    @DisplayName("50 concurrent approve/deny of one break-the-glass request: one winner, elevated <=> approved, one decision event")
    default void breakTheGlassDecisionRace() {
        new RaceScenarios(raceServer()).breakTheGlassDecisions(50);
    }

    @Test
    @DisplayName("20 concurrent submissions of one access request, of one break-the-glass request: one pending each; 10 emergency sign-ins: all succeed, one running")
    default void submissionRaces() {
        RaceScenarios races = new RaceScenarios(raceServer());
        races.accessRequestSubmissions(20);
        races.breakTheGlassSubmissions(20);
        races.emergencyLogins(10);
    }

    @Test
    @DisplayName("50 concurrent grant/toggle/remove calls on one grant, and two DELETEs: the state of a committed call, 204 then 404")
    default void grantRaces() {
        RaceScenarios races = new RaceScenarios(raceServer());
        races.grantStorm(50);
        races.concurrentGrantDeletes();
        races.sequentialGrantDeletes();
    }
}
