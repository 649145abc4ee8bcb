package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.Comment;
import io.amp.keycloak.client.representation.Elevation;
import io.amp.keycloak.client.resource.ElevationsAdminResource;
import io.amp.keycloak.client.resource.ElevationsResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.amp.keycloak.e2e.AmpApi.refusal;
import static io.amp.keycloak.e2e.Elevations.ELEVATED;
import static io.amp.keycloak.e2e.Elevations.access;
import static io.amp.keycloak.e2e.Elevations.actions;
import static io.amp.keycloak.e2e.Elevations.elevation;
import static io.amp.keycloak.e2e.Elevations.permissions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001, Emergency Access: "Select Emergency Access on the login page to temporarily request the
 * Create and Update Patients, Access Scheduling, and Access Clinical Notes system permissions."
 * Every case goes through the practice realm's real login form (HTML posts, as a browser without
 * JavaScript sends them).
 */
class EmergencyAccessIT {

    private static final String REASON = "Patient in the ER, chart needed now";

    private final Elevations elevations = new Elevations();
    private final Oidc oidc = elevations.oidc();
    private final RealmResource practice = KeycloakServer.get().admin().realm("practice");

    @Test
    @DisplayName("erin.er signs in with emergency access and a reason: her token carries the three permissions, marked elevated until the end")
    void elevationGiven() {
        long before = System.currentTimeMillis() / 1000;
        Oidc.Response tokens = elevations.signInToTokens("erin.er", REASON);
        Map<String, Object> claims = access(tokens);

        assertThat(permissions(claims)).containsAll(ELEVATED).contains("emergency-access");
        Map<String, Object> elevation = elevation(claims);
        assertThat(elevation).containsEntry("kind", "emergency-access").containsEntry("permissions", ELEVATED);
        long since = ((Number) elevation.get("since")).longValue();
        long until = ((Number) elevation.get("until")).longValue();
        assertThat(since).isBetween(before - 1, before + 30);
        assertThat(until - since).as("the practice flow's 60 minutes").isBetween(3599L, 3600L);
        assertThat(((Number) claims.get("exp")).longValue()).isLessThan(until);
        assertThat(elevation(Oidc.claims(tokens.string("id_token")))).isEqualTo(elevation);
        Map<String, Object> userInfo = oidc.userInfo("practice", tokens.string("access_token")).body();
        assertThat(userInfo).containsEntry("elevation", elevation);
        Map<String, Object> introspection = oidc.introspect("practice", "ehr", tokens.string("access_token")).body();
        assertThat(introspection).containsEntry("elevation", elevation).containsEntry("active", true);
        for (Map<String, Object> view : List.of(claims, Oidc.claims(tokens.string("id_token")), userInfo, introspection)) {
            assertThat(ClaimsSchema.violations(view)).isEmpty();
        }
        Map<String, Object> withoutEnd = new HashMap<>(claims);
        Map<String, Object> brokenElevation = new HashMap<>(elevation);
        brokenElevation.remove("until");
        withoutEnd.put("elevation", brokenElevation);
        assertThat(ClaimsSchema.violations(withoutEnd)).as("the schema requires the end").isNotEmpty();

        Elevation record = Elevations.findIn(Elevations.mine(tokens.string("access_token")), (String) elevation.get("id"));
        assertThat(record).extracting(Elevation::kind, Elevation::user, Elevation::system, Elevation::reason, Elevation::status)
                .containsExactly("emergency-access", "erin.er", "ehr", REASON, "active");
        List<Map<String, Object>> events = elevations.events((String) elevation.get("id"));
        assertThat(actions(events)).containsExactly("start");
        assertThat(events.get(0)).extracting("details").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("reason", REASON).containsEntry("kind", "emergency-access").containsEntry("user", "erin.er");
        oidc.logout("practice", "ehr", tokens.string("refresh_token"));
    }

    @Test
    @DisplayName("Without the choice, erin.er signs in as usual and nothing is elevated")
    void notChosen() {
        Oidc.Response tokens = elevations.signInToTokens("erin.er", null);
        Map<String, Object> claims = access(tokens);
        assertThat(permissions(claims)).containsExactly("emergency-access");
        assertThat(claims).doesNotContainKey("elevation");
        oidc.logout("practice", "ehr", tokens.string("refresh_token"));
    }

    @Test
    @DisplayName("dr.sun.all, without Emergency Access, chooses it: the page says so and she continues unelevated")
    void refusedWithoutThePermission() {
        Browser browser = new Browser(KeycloakServer.get());
        Browser.Page told = elevations.signIn(browser, "dr.sun.all", REASON);
        assertThat(told.code()).isNull();
        assertThat(told.text()).contains("You do not hold Emergency Access on ehr, so no emergency access was started");
        assertThat(told.html().getElementById("amp-emergency-start")).as("no way to start it anyway").isNull();

        Oidc.Response tokens = elevations.tokens(browser.submit(told, "amp-emergency-access", Map.of(), "amp_emergency_decision", "skip"));
        assertThat(access(tokens)).doesNotContainKey("elevation");
        assertThat(permissions(access(tokens))).doesNotContainAnyElementsOf(ELEVATED);
        assertThat(Elevations.mine(tokens.string("access_token"))).noneMatch(r -> "emergency-access".equals(r.kind()));
    }

    @Test
    @DisplayName("A forged start on the follow-up page of a user without Emergency Access starts nothing")
    void forgedStartRefused() {
        Browser browser = new Browser(KeycloakServer.get());
        Browser.Page told = elevations.signIn(browser, "dr.sun.own", REASON);
        Browser.Page again = browser.submit(told, "amp-emergency-access", Map.of("amp_emergency_reason", REASON),
                "amp_emergency_decision", "start");
        assertThat(again.text()).contains("You do not hold Emergency Access");
        Oidc.Response tokens = elevations.tokens(browser.submit(again, "amp-emergency-access", Map.of(), "amp_emergency_decision", "skip"));
        assertThat(access(tokens)).doesNotContainKey("elevation");
        assertThat(Elevations.mine(tokens.string("access_token"))).noneMatch(r -> "emergency-access".equals(r.kind()));
    }

    @Test
    @DisplayName("A missing reason is asked for, a blank one refused again, and a given one starts the elevation")
    void missingReason() {
        Browser browser = new Browser(KeycloakServer.get());
        Browser.Page asked = elevations.signIn(browser, "erin.er", "");
        assertThat(asked.code()).isNull();
        assertThat(asked.text()).contains("A reason is required for emergency access.");

        Browser.Page blank = browser.submit(asked, "amp-emergency-access", Map.of("amp_emergency_reason", "  \n "),
                "amp_emergency_decision", "start");
        assertThat(blank.text()).contains("A reason is required for emergency access.");

        Oidc.Response tokens = elevations.tokens(browser.submit(blank, "amp-emergency-access",
                Map.of("amp_emergency_reason", "Covering the night shift"), "amp_emergency_decision", "start"));
        assertThat(elevation(access(tokens))).containsEntry("kind", "emergency-access");
        assertThat(Elevations.mine(tokens.string("access_token")).get(0).reason()).isEqualTo("Covering the night shift");
        oidc.logout("practice", "ehr", tokens.string("refresh_token"));
    }

    @Test
    @DisplayName("A reason over 500 characters is refused, nothing is recorded, and erin can continue without elevation")
    void oversizedReason() {
        ElevationsResource adminsView = Elevations.api(oidc.accessToken("practice", "ehr", "rita.review"));
        int recordsBefore = adminsView.emergencyAccesses().size();
        Browser browser = new Browser(KeycloakServer.get());
        Browser.Page refused = elevations.signIn(browser, "erin.er", "x".repeat(501));
        assertThat(refused.code()).isNull();
        assertThat(refused.text()).contains("The reason may have at most 500 characters; it has 501.");
        assertThat(refused.html().getElementById("amp_emergency_reason").text()).as("the reason is kept for editing").hasSize(501);

        Oidc.Response tokens = elevations.tokens(browser.submit(refused, "amp-emergency-access", Map.of(), "amp_emergency_decision", "skip"));
        assertThat(access(tokens)).doesNotContainKey("elevation");
        assertThat(adminsView.emergencyAccesses()).hasSize(recordsBefore);
        oidc.logout("practice", "ehr", tokens.string("refresh_token"));
    }

    @Test
    @DisplayName("Exactly 500 characters are accepted")
    void reasonAtTheLimit() {
        Oidc.Response tokens = elevations.signInToTokens("erin.er", "r".repeat(500));
        assertThat(elevation(access(tokens))).isNotNull();
        oidc.logout("practice", "ehr", tokens.string("refresh_token"));
    }

    @Test
    @DisplayName("Logout ends the elevation at once: the refresh fails, and the record ends with an END event in the logout itself")
    void endedByLogout() {
        Oidc.Response tokens = elevations.signInToTokens("erin.er", REASON);
        String id = (String) elevation(access(tokens)).get("id");

        long before = System.currentTimeMillis();
        Oidc.Response logout = oidc.logout("practice", "ehr", tokens.string("refresh_token"));
        long after = System.currentTimeMillis();
        assertThat(logout.status()).isEqualTo(204);
        assertThat(actions(elevations.events(id))).containsExactly("start", "end");
        Elevation record = elevations.asReviewed(ElevationsResource::emergencyAccesses, id);
        assertThat(record).extracting(Elevation::status, Elevation::endCause).containsExactly("ended", "session-ended");
        assertThat(record.endedAt()).isBetween(before, after);
        assertThat(oidc.refresh("practice", "ehr", tokens.string("refresh_token")).status()).isEqualTo(400);
        assertThat(oidc.introspect("practice", "ehr", tokens.string("access_token")).body()).containsEntry("active", false);
    }

    @Test
    @DisplayName("An administrator signing the session out ends it too: the sweep closes the record within seconds")
    void endedByAdminSignOut() throws InterruptedException {
        Oidc.Response tokens = elevations.signInToTokens("erin.er", REASON);
        String id = (String) elevation(access(tokens)).get("id");
        practice.deleteSession((String) access(tokens).get("sid"), false);
        assertThat(oidc.refresh("practice", "ehr", tokens.string("refresh_token")).status()).isEqualTo(400);
        elevations.awaitAction(id, "end");
        assertThat(elevations.asReviewed(ElevationsResource::emergencyAccesses, id)).extracting(Elevation::status, Elevation::endCause)
                .containsExactly("ended", "session-ended");
    }

    @Test
    @DisplayName("An administrator revokes a running elevation: the next refresh is not elevated; users may not revoke")
    void revokedByAnAdmin() {
        Oidc.Response tokens = elevations.signInToTokens("erin.er", REASON);
        String id = (String) elevation(access(tokens)).get("id");

        // Revoking is the administrators' (admin surface); a practice user's token reaches it and is refused there.
        assertThat(refusal(() -> Elevations.adminApi(tokens.string("access_token")).revoke(id, Comment.none())).status()).isEqualTo(403);
        // Hand-written HTTP: the typed client has, on purpose, no revoke on the user surface.
        assertThat(elevations.httpApi("POST", "elevations/" + id + "/revoke", tokens.string("access_token"), null).status())
                .as("the user surface has no revoke").isIn(404, 405);
        ElevationsAdminResource reviewer = Elevations.adminApi(oidc.accessToken("practice", "ehr", "rita.review"));
        assertThat(refusal(() -> reviewer.revoke(id, Comment.none())).status()).isEqualTo(403);
        assertThat(refusal(reviewer::active).status()).isEqualTo(403);
        ElevationsAdminResource admin = Elevations.adminApi();
        assertThat(admin.active()).extracting(Elevation::id).contains(id);

        assertThat(refusal(() -> admin.revoke(id, new Comment("c".repeat(1001)))).status()).as("an oversized comment").isEqualTo(400);
        // Hand-written HTTP: an unknown field, which the typed client cannot send.
        assertThat(elevations.httpAdminApi("POST", "elevations/" + id + "/revoke", oidc.adminToken(), "{\"why\": \"x\"}").status())
                .as("an unknown field").isEqualTo(400);
        Elevation revoked = admin.revoke(id, new Comment("Not an emergency"));
        assertThat(revoked).extracting(Elevation::status, Elevation::endCause, Elevation::revokedBy, Elevation::revokeComment)
                .containsExactly("ended", "revoked", "admin@master", "Not an emergency");

        Oidc.Response refreshed = oidc.refresh("practice", "ehr", tokens.string("refresh_token"));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(access(refreshed)).doesNotContainKey("elevation");
        assertThat(permissions(access(refreshed))).containsExactly("emergency-access");
        assertThat(refusal(() -> admin.revoke(id, Comment.none())).status()).isEqualTo(409);
        assertThat(refusal(() -> admin.revoke("nope", Comment.none())).status()).isEqualTo(404);
        List<Map<String, Object>> events = elevations.events(id);
        assertThat(actions(events)).containsExactly("start", "revoke");
        assertThat(events.get(1)).extracting("details").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("comment", "Not an emergency").containsEntry("reason", REASON);
        oidc.logout("practice", "ehr", refreshed.string("refresh_token"));
    }

    @Test
    @DisplayName("With a 5 s duration the elevation ends on time: no token outlives it, the first refresh after it drops it")
    void expiresOnTime() throws InterruptedException {
        AuthenticatorConfigRepresentation config = emergencyStepConfig();
        Map<String, String> shipped = new HashMap<>(config.getConfig());
        config.getConfig().put("duration.seconds", "5");
        practice.flows().updateAuthenticatorConfig(config.getId(), config);
        try {
            Oidc.Response tokens = elevations.signInToTokens("erin.er", REASON);
            Map<String, Object> claims = access(tokens);
            String id = (String) elevation(claims).get("id");
            long until = ((Number) elevation(claims).get("until")).longValue();
            assertThat(((Number) claims.get("exp")).longValue()).as("the access token expires with the elevation").isEqualTo(until - 1);
            assertThat(Oidc.claims(tokens.string("id_token")).get("exp")).isEqualTo(claims.get("exp"));
            assertThat(((Number) tokens.body().get("expires_in")).longValue()).isLessThanOrEqualTo(5);
            long endsAt = Elevations.findIn(Elevations.mine(tokens.string("access_token")), id).endsAt();

            // Refresh as fast as we can across the end: every response that completed before the end is
            // elevated, every refresh sent after it is not.
            String refreshToken = tokens.string("refresh_token");
            long lastElevatedSent = -1;
            long firstPlainSent = -1;
            while (firstPlainSent < 0) {
                long sent = System.currentTimeMillis();
                Oidc.Response refreshed = oidc.refresh("practice", "ehr", refreshToken);
                long done = System.currentTimeMillis();
                assertThat(refreshed.status()).isEqualTo(200);
                refreshToken = refreshed.string("refresh_token");
                Map<String, Object> refreshedClaims = access(refreshed);
                if (elevation(refreshedClaims) != null) {
                    assertThat(sent).as("an elevated token from a refresh sent after the end").isLessThan(endsAt);
                    assertThat(((Number) refreshedClaims.get("exp")).longValue()).isLessThan(endsAt / 1000);
                    lastElevatedSent = sent;
                } else {
                    assertThat(done).as("a refresh completed before the end is still elevated").isGreaterThanOrEqualTo(endsAt);
                    assertThat(permissions(refreshedClaims)).doesNotContainAnyElementsOf(ELEVATED);
                    firstPlainSent = sent;
                }
                Thread.sleep(50);
            }
            assertThat(oidc.introspect("practice", "ehr", tokens.string("access_token")).body())
                    .as("the first access token is inactive after the end").containsEntry("active", false);
            System.out.printf("[measure] emergency access end (5 s configured, refreshes every ~50 ms): last elevated refresh"
                            + " sent %d ms before the end; first unelevated refresh sent %+d ms from the end (answered after it);"
                            + " elevated access tokens' exp = end - 1 s (inactive at Keycloak from the end on)%n",
                    endsAt - lastElevatedSent, firstPlainSent - endsAt);

            List<Map<String, Object>> events = elevations.awaitAction(id, "end");
            assertThat(actions(events)).containsExactly("start", "end");
            Elevation record = elevations.asReviewed(ElevationsResource::emergencyAccesses, id);
            assertThat(record).extracting(Elevation::status, Elevation::endCause, Elevation::endedAt).containsExactly("ended", "expired", endsAt);
            oidc.logout("practice", "ehr", refreshToken);
        } finally {
            config.setConfig(shipped);
            practice.flows().updateAuthenticatorConfig(config.getId(), config);
        }
    }

    @Test
    @DisplayName("With OTP configured the second factor still follows; the elevation starts only once the login completes")
    void withOtp() {
        Cleanup cleanup = new Cleanup();
        Fixtures fixtures = new Fixtures(practice, cleanup);
        try {
            String username = Fixtures.uniqueName("otp.er");
            String id = fixtures.user(username);
            practice.users().get(id).roles().clientLevel(fixtures.clientUuid("ehr")).add(fixtures.clientRoles("ehr", "emergency-access"));
            String secret = "amp-otp-secret-" + id.substring(0, 8);
            CredentialRepresentation otp = new CredentialRepresentation();
            otp.setType("otp");
            otp.setUserLabel("test authenticator");
            otp.setSecretData("{\"value\":\"" + secret + "\"}");
            otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"period\":30,\"algorithm\":\"HmacSHA1\",\"counter\":0}");
            UserRepresentation user = practice.users().get(id).toRepresentation();
            user.setCredentials(List.of(otp));
            practice.users().get(id).update(user);

            Browser browser = new Browser(KeycloakServer.get());
            Browser.Page otpPage = elevations.signIn(browser, username, REASON);
            assertThat(otpPage.code()).isNull();
            assertThat(otpPage.html().getElementById("kc-otp-login-form")).as("the OTP step follows:%n%s", otpPage.text()).isNotNull();
            assertThat(elevations.asReviewed(ElevationsResource::emergencyAccesses, "none")).isNull();
            int before = Elevations.api(oidc.accessToken("practice", "ehr", "rita.review")).emergencyAccesses().size();

            Browser.Page wrong = browser.submit(otpPage, "kc-otp-login-form", Map.of("otp", "000000".equals(Totp.code(secret,
                    System.currentTimeMillis())) ? "111111" : "000000"), "login", "Sign In");
            assertThat(wrong.code()).isNull();
            assertThat(Elevations.api(oidc.accessToken("practice", "ehr", "rita.review")).emergencyAccesses())
                    .as("nothing starts before the second factor passes").hasSize(before);

            Oidc.Response tokens = elevations.tokens(browser.submit(wrong, "kc-otp-login-form",
                    Map.of("otp", Totp.code(secret, System.currentTimeMillis())), "login", "Sign In"));
            Map<String, Object> elevation = elevation(access(tokens));
            assertThat(elevation).containsEntry("kind", "emergency-access").containsEntry("permissions", ELEVATED);
            assertThat(actions(elevations.events((String) elevation.get("id")))).containsExactly("start");
            oidc.logout("practice", "ehr", tokens.string("refresh_token"));
        } finally {
            cleanup.run();
        }
    }

    @Test
    @DisplayName("Signing in again in the same session (prompt=login) with emergency access replaces the running elevation")
    void newLoginReplacesTheElevation() {
        Browser browser = new Browser(KeycloakServer.get());
        Oidc.Response first = elevations.tokens(elevations.signIn(browser, "erin.er", "First emergency"));
        String firstId = (String) elevation(access(first)).get("id");

        Browser.Page again = browser.get(java.net.URI.create(KeycloakServer.get().realmUrl("practice")
                + "/protocol/openid-connect/auth?client_id=ehr&response_type=code&scope=openid&prompt=login&redirect_uri="
                + java.net.URLEncoder.encode(Browser.REDIRECT_URI, java.nio.charset.StandardCharsets.UTF_8)));
        Oidc.Response second = elevations.tokens(browser.submit(again, "kc-form-login",
                Elevations.loginForm("erin.er", "Second emergency"), null, null));
        Map<String, Object> claims = access(second);
        assertThat(claims.get("sid")).as("the same session").isEqualTo(access(first).get("sid"));
        assertThat(elevation(claims).get("id")).isNotEqualTo(firstId);

        assertThat(actions(elevations.events(firstId))).containsExactly("start", "end");
        assertThat(elevations.asReviewed(ElevationsResource::emergencyAccesses, firstId)).extracting(Elevation::status, Elevation::endCause)
                .containsExactly("ended", "session-ended");
        oidc.logout("practice", "ehr", second.string("refresh_token"));
    }

    @Test
    @DisplayName("Offline tokens are never elevated: the elevation belongs to the signed-in session")
    void offlineTokensNotElevated() {
        // The demo users may not hold offline tokens; erin may, for this test only.
        String erin = practice.users().searchByUsername("erin.er", true).get(0).getId();
        List<RoleRepresentation> offlineAccess = List.of(practice.roles().get("offline_access").toRepresentation());
        practice.users().get(erin).roles().realmLevel().add(offlineAccess);
        try {
            offlineLogin();
        } finally {
            practice.users().get(erin).roles().realmLevel().remove(offlineAccess);
        }
    }

    private void offlineLogin() {
        Browser browser = new Browser(KeycloakServer.get());
        Browser.Page login = browser.authorize("practice", "ehr", "openid offline_access");
        Oidc.Response tokens = elevations.tokens(browser.submit(login, "kc-form-login", Elevations.loginForm("erin.er", REASON), null, null));
        assertThat(Oidc.claims(tokens.string("refresh_token"))).containsEntry("typ", "Offline");
        assertThat(elevation(access(tokens))).as("the signed-in session's own token").isNotNull();

        Oidc.Response offline = oidc.refresh("practice", "ehr", tokens.string("refresh_token"));
        assertThat(offline.status()).as("%s", offline.body()).isEqualTo(200);
        assertThat(access(offline)).doesNotContainKey("elevation");
        assertThat(permissions(access(offline))).doesNotContainAnyElementsOf(ELEVATED);
    }

    @Test
    @DisplayName("The practice realm's browser flow has the step right after the password form, before conditional OTP")
    void flowPlacement() {
        List<String> providers = practice.flows().getExecutions("amp browser forms").stream()
                .filter(execution -> execution.getLevel() == 0)
                .map(execution -> execution.getProviderId() != null ? execution.getProviderId() : execution.getDisplayName()).toList();
        assertThat(providers).containsExactly("auth-username-password-form", "amp-emergency-access", "amp browser conditional otp");
        assertThat(practice.toRepresentation().getBrowserFlow()).isEqualTo("amp browser");
    }

    private AuthenticatorConfigRepresentation emergencyStepConfig() {
        AuthenticationExecutionInfoRepresentation step = practice.flows().getExecutions("amp browser forms").stream()
                .filter(execution -> "amp-emergency-access".equals(execution.getProviderId())).findFirst().orElseThrow();
        return practice.flows().getAuthenticatorConfig(step.getAuthenticationConfig());
    }
}
