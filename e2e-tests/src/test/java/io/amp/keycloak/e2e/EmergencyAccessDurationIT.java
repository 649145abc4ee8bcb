package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.HashMap;
import java.util.Map;

import static io.amp.keycloak.e2e.Elevations.access;
import static io.amp.keycloak.e2e.Elevations.elevation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long an emergency access lasts: the login step's own duration, else the realm's (Realm
 * settings > AMP), else 60 minutes; and a duration that is not one refuses emergency access with a
 * page that says so and an error in the log, instead of a default taking its place. Keycloak 26.7
 * saves whatever an authenticator config holds (no validation hook), which this class shows too.
 */
class EmergencyAccessDurationIT {

    private static final String REASON = "Duration test";
    private static final String REFUSED_REASON = "Duration test, refused";

    private final Cleanup cleanup = new Cleanup();
    private final KeycloakServer server = KeycloakServer.get();
    private final RealmResource practice = server.admin().realm("practice");
    private final Elevations elevations = new Elevations();
    private final Oidc oidc = elevations.oidc();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @Test
    @DisplayName("Given the realm's duration and a step without one (as shipped), then an emergency access lasts the realm's; given the step's own, the step's")
    void theStepsDurationElseTheRealms() {
        AmpTab tab = new AmpTab("practice");
        tab.restoreAfterwards(cleanup);
        assertThat(stepConfig().getConfig()).as("the practice realm's step sets no duration").doesNotContainKey("duration.seconds");

        tab.saved(Map.of("emergency-seconds", "120"));
        assertThat(lasts()).isBetween(119L, 120L);

        setStepDuration("300");
        assertThat(lasts()).as("the step's own duration wins").isBetween(299L, 300L);
    }

    @Test
    @DisplayName("Given the realm's permissions and duration, then the page that asks for a reason names what emergency access grants there and for how long")
    void thePageNamesTheRealmsSettings() {
        AmpTab tab = new AmpTab("practice");
        tab.restoreAfterwards(cleanup);
        Browser.Page asked = elevations.signIn(new Browser(server), "erin.er", "");
        assertThat(asked.html().getElementById("amp-emergency-explain").text())
                .startsWith("Emergency access adds Create and Update Patients, Access Scheduling, Access Clinical Notes for 60 minutes.");

        tab.saved(Map.of("elevation-permissions", "access-scheduling,access-reports", "emergency-seconds", "120"));
        asked = elevations.signIn(new Browser(server), "erin.er", "");
        assertThat(asked.html().getElementById("amp-emergency-explain").text())
                .startsWith("Emergency access adds Access Scheduling, Access Reports for 2 minutes.");
    }

    @Test
    @DisplayName("Given a step duration that is not a number of seconds, then Keycloak saves it, and the step refuses emergency access with a page and an error in the log, never a default")
    void aBadStepDurationRefusesEmergencyAccess() {
        setStepDuration("1h");
        assertThat(stepConfig().getConfig()).as("Keycloak 26.7 does not validate authenticator configs when saved")
                .containsEntry("duration.seconds", "1h");
        ServerLog log = ServerLog.mark(server);

        Browser browser = new Browser(server);
        Browser.Page refused = elevations.signIn(browser, "erin.er", REFUSED_REASON);
        assertThat(refused.code()).isNull();
        assertThat(refused.text()).contains("Emergency access is not available: its duration is misconfigured in this realm");
        assertThat(refused.html().getElementById("amp_emergency_reason")).as("no reason to give: nothing can start").isNull();
        // Asking again changes nothing; continuing signs erin in without elevation.
        Browser.Page again = browser.submit(refused, "amp-emergency-access", Map.of("amp_emergency_reason", REFUSED_REASON),
                "amp_emergency_decision", "start");
        assertThat(again.text()).contains("its duration is misconfigured");
        Oidc.Response tokens = elevations.tokens(browser.submit(again, "amp-emergency-access", Map.of(), "amp_emergency_decision", "skip"));
        assertThat(access(tokens)).doesNotContainKey("elevation");
        assertThat(Elevations.mine(tokens.string("access_token"))).noneMatch(record -> REFUSED_REASON.equals(record.reason()));
        oidc.logout("practice", "ehr", tokens.string("refresh_token"));

        assertThat(log.since()).anySatisfy(line -> assertThat(line).contains("ERROR", "Emergency access refused to erin.er in realm practice",
                "duration.seconds", "'1h'", "from 1 to 28800"));

        // A sign-in without the choice goes through, and the log says the step is broken.
        ServerLog plain = ServerLog.mark(server);
        Oidc.Response signedIn = elevations.signInToTokens("dr.sun.all", null);
        assertThat(access(signedIn)).doesNotContainKey("elevation");
        oidc.logout("practice", "ehr", signedIn.string("refresh_token"));
        assertThat(plain.since()).anySatisfy(line -> assertThat(line).contains("WARN", "Emergency access step of realm practice",
                "'1h'", "emergency access is refused until it is fixed"));
    }

    @Test
    @DisplayName("Given a realm duration set around the tab that is not a number of seconds, then emergency access is refused the same way, naming the realm attribute")
    void aBadRealmDurationRefusesEmergencyAccess() {
        AmpTab tab = new AmpTab("practice");
        tab.restoreAfterwards(cleanup);
        assertThat(tab.save(Map.of("emergency-seconds", "ten minutes")).status()).as("the tab refuses it").isEqualTo(400);
        RealmRepresentation realm = practice.toRepresentation();
        Map<String, String> attributes = new HashMap<>(realm.getAttributes());
        attributes.put("amp.elevation.emergency-seconds", "ten minutes");
        realm.setAttributes(attributes);
        practice.update(realm);
        ServerLog log = ServerLog.mark(server);

        Browser browser = new Browser(server);
        Browser.Page refused = elevations.signIn(browser, "erin.er", REFUSED_REASON);
        assertThat(refused.text()).contains("its duration is misconfigured");
        Oidc.Response tokens = elevations.tokens(browser.submit(refused, "amp-emergency-access", Map.of(), "amp_emergency_decision", "skip"));
        assertThat(access(tokens)).doesNotContainKey("elevation");
        oidc.logout("practice", "ehr", tokens.string("refresh_token"));
        assertThat(log.since()).anySatisfy(line -> assertThat(line).contains("ERROR", "amp.elevation.emergency-seconds", "'ten minutes'"));
    }

    /** erin.er's emergency access, signed in now: how long it lasts, in seconds, from its elevation claim. */
    private long lasts() {
        Oidc.Response tokens = elevations.signInToTokens("erin.er", REASON);
        Map<String, Object> elevation = elevation(access(tokens));
        assertThat(elevation).as("erin.er is elevated").isNotNull();
        oidc.logout("practice", "ehr", tokens.string("refresh_token"));
        return ((Number) elevation.get("until")).longValue() - ((Number) elevation.get("since")).longValue();
    }

    private AuthenticatorConfigRepresentation stepConfig() {
        AuthenticationExecutionInfoRepresentation step = practice.flows().getExecutions("amp browser forms").stream()
                .filter(execution -> "amp-emergency-access".equals(execution.getProviderId())).findFirst().orElseThrow();
        return practice.flows().getAuthenticatorConfig(step.getAuthenticationConfig());
    }

    /** Sets the step's own duration through the admin API, as the console's step settings do; put back after the test. */
    private void setStepDuration(String seconds) {
        AuthenticatorConfigRepresentation config = stepConfig();
        Map<String, String> shipped = new HashMap<>(config.getConfig());
        cleanup.add(() -> {
            config.setConfig(shipped);
            practice.flows().updateAuthenticatorConfig(config.getId(), config);
            assertThat(stepConfig().getConfig()).isEqualTo(shipped);
        });
        Map<String, String> changed = new HashMap<>(shipped);
        changed.put("duration.seconds", seconds);
        config.setConfig(changed);
        practice.flows().updateAuthenticatorConfig(config.getId(), config);
    }
}
