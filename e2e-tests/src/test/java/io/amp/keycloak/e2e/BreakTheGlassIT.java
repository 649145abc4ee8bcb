package io.amp.keycloak.e2e;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.amp.keycloak.client.representation.Comment;
import io.amp.keycloak.client.representation.Elevation;
import io.amp.keycloak.client.representation.NewBreakTheGlass;
import io.amp.keycloak.client.resource.ElevationsResource;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.amp.keycloak.e2e.AmpApi.refusal;
import static io.amp.keycloak.e2e.Elevations.ELEVATED;
import static io.amp.keycloak.e2e.Elevations.access;
import static io.amp.keycloak.e2e.Elevations.actions;
import static io.amp.keycloak.e2e.Elevations.api;
import static io.amp.keycloak.e2e.Elevations.elevation;
import static io.amp.keycloak.e2e.Elevations.mine;
import static io.amp.keycloak.e2e.Elevations.permissions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001, Break the Glass Review: "Review and approve break-the-glass requests" (turned off:
 * "Can't view or approve break-the-glass requests"). rita.review holds it; the requesters are
 * other practice users signed in to the EHR.
 */
class BreakTheGlassIT {

    private final Elevations elevations = new Elevations();
    private final Oidc oidc = elevations.oidc();
    private final List<String> refreshTokens = new ArrayList<>();

    @AfterEach
    void signOut() {
        refreshTokens.forEach(token -> oidc.logout("practice", "ehr", token));
        refreshTokens.clear();
    }

    /** A signed-in session of the EHR; signed out after the test, which also ends its pending requests. */
    private Oidc.Response signIn(String username) {
        Oidc.Response tokens = oidc.passwordGrant("practice", "ehr", username, Oidc.DEMO_PASSWORD);
        assertThat(tokens.status()).isEqualTo(200);
        refreshTokens.add(tokens.string("refresh_token"));
        return tokens;
    }

    private String rita() {
        return signIn("rita.review").string("access_token");
    }

    private static Elevation ask(String accessToken, String reason, int minutes) {
        return api(accessToken).breakTheGlass(new NewBreakTheGlass(reason, minutes));
    }

    @Test
    @DisplayName("rita.review approves dr.sun.own's request: his next token is elevated from that moment for the asked duration")
    void approved() {
        Oidc.Response requester = signIn("dr.sun.own");
        Elevation asked = ask(requester.string("access_token"), "Unconscious patient, no chart access", 30);
        assertThat(asked).extracting(Elevation::kind, Elevation::status, Elevation::user, Elevation::system, Elevation::durationSeconds)
                .containsExactly("break-the-glass", "pending", "dr.sun.own", "ehr", 1800L);
        String id = asked.id();
        assertThat(access(oidc.refresh("practice", "ehr", requester.string("refresh_token")))).as("pending elevates nothing")
                .doesNotContainKey("elevation");

        String rita = rita();
        ElevationsResource asRita = api(rita);
        assertThat(asRita.pendingBreakTheGlass()).extracting(Elevation::id).contains(id);
        long approvedAt = System.currentTimeMillis() / 1000;
        Elevation approved = asRita.approveBreakTheGlass(id, new Comment("Confirmed with the ER"));
        assertThat(approved).extracting(Elevation::status, Elevation::reviewer, Elevation::reviewComment)
                .containsExactly("active", "rita.review", "Confirmed with the ER");

        Oidc.Response refreshed = oidc.refresh("practice", "ehr", requester.string("refresh_token"));
        Map<String, Object> claims = access(refreshed);
        assertThat(permissions(claims)).containsAll(ELEVATED);
        Map<String, Object> elevation = elevation(claims);
        assertThat(elevation).containsEntry("kind", "break-the-glass").containsEntry("id", id).containsEntry("permissions", ELEVATED);
        long since = ((Number) elevation.get("since")).longValue();
        assertThat(since).isBetween(approvedAt - 1, approvedAt + 5);
        assertThat(((Number) elevation.get("until")).longValue() - since).isBetween(1799L, 1800L);

        assertThat(asRita.pendingBreakTheGlass()).extracting(Elevation::id).doesNotContain(id);
        assertThat(asRita.pastBreakTheGlass()).extracting(Elevation::id).contains(id);
        List<Map<String, Object>> events = elevations.events(id);
        assertThat(actions(events)).containsExactly("request", "approve");
        assertThat(events).allSatisfy(event -> assertThat(event).extracting("details")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("reason", "Unconscious patient, no chart access"));
        assertThat(events.get(1)).extracting("details").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("comment", "Confirmed with the ER");
    }

    @Test
    @DisplayName("Reviewers are mailed a new request at once, with its reason; the requester is mailed the decision")
    void mails() {
        try (MailCatcher smtp = new MailCatcher(KeycloakServer.get().admin().realm("practice"), "amp@practice.example")) {
            Oidc.Response requester = signIn("st.har.own");
            String id = ask(requester.string("access_token"), "Locked out of the schedule during a code", 15).id();
            MimeMessage toReviewer = smtp.await(1)[0];
            assertThat(MailCatcher.recipients(toReviewer)).containsExactly("rita.review@example.com");
            assertThat(AccessRequestMailIT.subject(toReviewer)).isEqualTo("Break-the-glass request from st.har.own");
            assertThat(GreenMailUtil.getBody(toReviewer)).contains("Locked out of the schedule during a code").contains("15 minutes");

            api(rita()).approveBreakTheGlass(id, new Comment("Go ahead"));
            MimeMessage decision = smtp.await(2)[1];
            assertThat(MailCatcher.recipients(decision)).containsExactly("st.har.own@example.com");
            assertThat(AccessRequestMailIT.subject(decision)).isEqualTo("Your break-the-glass request: approved");
            assertThat(GreenMailUtil.getBody(decision)).contains("Go ahead").contains("rita.review");
        }
    }

    @Test
    @DisplayName("Nobody reviews their own request: rita's own approval is refused and the request stays pending")
    void selfApprovalRefused() {
        String rita = rita();
        String id = ask(rita, "Covering a colleague", 10).id();
        assertThat(refusal(() -> api(rita).approveBreakTheGlass(id, new Comment("fine"))))
                .isEqualTo(new AmpApi.Refusal(403, "Nobody reviews their own break-the-glass request"));
        assertThat(refusal(() -> api(rita).denyBreakTheGlass(id, new Comment("no"))).status()).isEqualTo(403);
        assertThat(mine(rita).get(0).status()).isEqualTo("pending");
    }

    @Test
    @DisplayName("A denied request elevates nothing and shows with the reviewer's comment among past requests")
    void denied() {
        Oidc.Response requester = signIn("st.sun.all");
        String id = ask(requester.string("access_token"), "Need to reschedule everyone", 60).id();
        ElevationsResource rita = api(rita());
        Elevation denied = rita.denyBreakTheGlass(id, new Comment("Use the front desk"));
        assertThat(denied).extracting(Elevation::status, Elevation::reviewComment).containsExactly("denied", "Use the front desk");
        assertThat(access(oidc.refresh("practice", "ehr", requester.string("refresh_token")))).doesNotContainKey("elevation");
        assertThat(Elevations.findIn(rita.pastBreakTheGlass(), id)).extracting(Elevation::status).isEqualTo("denied");
        assertThat(refusal(() -> rita.approveBreakTheGlass(id, new Comment("changed my mind"))).status())
                .as("decided is decided").isEqualTo(409);
        assertThat(actions(elevations.events(id))).containsExactly("request", "deny");
    }

    /** Hand-written HTTP: most of these bodies are malformed on purpose (no duration, a fraction, an unknown field, not JSON), which the typed client cannot send. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no reason|{\"durationMinutes\": 10}|400|A reason is required",
            "blank reason|{\"reason\": \" \", \"durationMinutes\": 10}|400|non-empty",
            "reason over 500 characters|{\"reason\": \"LONG\", \"durationMinutes\": 10}|400|at most 500",
            "no duration|{\"reason\": \"r\"}|400|'durationMinutes' is required",
            "zero minutes|{\"reason\": \"r\", \"durationMinutes\": 0}|400|between 1 and 480",
            "too many minutes|{\"reason\": \"r\", \"durationMinutes\": 481}|400|between 1 and 480",
            "fractional minutes|{\"reason\": \"r\", \"durationMinutes\": 1.5}|400|whole number",
            "unknown field|{\"reason\": \"r\", \"durationMinutes\": 5, \"user\": \"x\"}|400|Unknown field 'user'",
            "not JSON|reason=r|400|not valid JSON",
    })
    void badRequestsRefused(String name, String body, int status, String message) {
        String token = signIn("dr.har.own").string("access_token");
        Oidc.Response response = elevations.httpApi("POST", "break-the-glass", token, body.replace("LONG", "x".repeat(501)));
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.string("errorMessage")).contains(message);
        assertThat(mine(token)).as("nothing recorded").noneMatch(r -> "pending".equals(r.status()));
    }

    @Test
    @DisplayName("Who may do what: anonymous callers, non-reviewers, a second request, unknown ids, missing comments")
    void authorization() {
        Oidc.Response requester = signIn("dr.har.all");
        String token = requester.string("access_token");
        assertThat(refusal(() -> ask(null, "r", 5)).status()).isEqualTo(401);
        assertThat(refusal(() -> api(null).pendingBreakTheGlass()).status()).isEqualTo(401);

        String id = ask(token, "First", 5).id();
        assertThat(refusal(() -> ask(token, "Second", 5)).status()).isEqualTo(409);

        ElevationsResource notReviewer = api(signIn("dr.sun.all").string("access_token"));
        assertThat(refusal(notReviewer::pendingBreakTheGlass).status()).isEqualTo(403);
        assertThat(refusal(notReviewer::pastBreakTheGlass).status()).isEqualTo(403);
        assertThat(refusal(notReviewer::emergencyAccesses).status()).isEqualTo(403);
        assertThat(refusal(() -> notReviewer.approveBreakTheGlass(id, new Comment("ok"))).status()).isEqualTo(403);
        assertThat(refusal(() -> api(token).approveBreakTheGlass(id, new Comment("ok"))).status())
                .as("the requester is no reviewer either").isEqualTo(403);

        String rita = rita();
        assertThat(refusal(() -> api(rita).approveBreakTheGlass(id, Comment.none())).status()).as("no comment").isEqualTo(400);
        // Hand-written HTTP: a comment that is not a string, which the typed client cannot send.
        assertThat(elevations.httpApi("POST", "break-the-glass/" + id + "/approve", rita, "{\"comment\": 5}").status()).isEqualTo(400);
        assertThat(refusal(() -> api(rita).approveBreakTheGlass(id, new Comment("c".repeat(1001)))).status()).isEqualTo(400);
        assertThat(refusal(() -> api(rita).approveBreakTheGlass("unknown", new Comment("ok"))).status()).isEqualTo(404);
        // Changed with the move to /realms/{realm}/amp: this was a 403 on the admin path. The user surface takes a
        // token of the practice realm only, so a master-realm admin (no practice reviewer either) is a 401 there.
        assertThat(refusal(() -> api(oidc.adminToken()).approveBreakTheGlass(id, new Comment("ok"))).status())
                .as("a master-realm admin has no practice token").isEqualTo(401);
        assertThat(refusal(() -> api(oidc.accessToken("workforce", "drchrono", "mia.manager")).approveBreakTheGlass(id, new Comment("ok")))
                .status()).as("a token of another realm").isEqualTo(401);
        assertThat(Elevations.findIn(mine(token), id)).extracting(Elevation::status).isEqualTo("pending");
    }

    @Test
    @DisplayName("Asking and reviewing are on the user surface only: the admin path serves none of it, to anyone")
    void noAdminPathForAskingAndReviewing() {
        String token = signIn("dr.har.own").string("access_token");
        String rita = rita();
        String body = "{\"reason\": \"r\", \"durationMinutes\": 5}";
        // /admin/realms/practice/amp-elevation keeps only elevations/active and elevations/{id}/revoke: no method there
        // matches these paths (404), or one matches the path but not the verb (405). Hand-written HTTP: the typed
        // client has, on purpose, no method for these paths.
        assertThat(elevations.httpAdminApi("POST", "break-the-glass", token, body).status()).as("a practice user asking there")
                .isIn(404, 405);
        assertThat(elevations.httpAdminApi("POST", "break-the-glass", oidc.adminToken(), body).status()).as("the master admin asking there")
                .isIn(404, 405);
        assertThat(elevations.httpAdminApi("GET", "break-the-glass/pending", rita, null).status()).isIn(404, 405);
        assertThat(elevations.httpAdminApi("GET", "elevations/mine", token, null).status()).isIn(404, 405);
        assertThat(elevations.httpAdminApi("GET", "emergency-access", rita, null).status()).isIn(404, 405);
        assertThat(mine(token)).as("nothing was asked through the admin path").noneMatch(r -> "pending".equals(r.status()));
        // The master admin has no way to ask on the user surface either: a token of master is 401 there.
        assertThat(refusal(() -> ask(oidc.adminToken(), "r", 5)).status()).isEqualTo(401);
        assertThat(refusal(() -> api(oidc.adminToken()).pendingBreakTheGlass()).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("A request whose session has ended cannot be approved, and the sweep ends it")
    void sessionEndedBeforeApproval() throws InterruptedException {
        Oidc.Response requester = oidc.passwordGrant("practice", "ehr", "st.har.all", Oidc.DEMO_PASSWORD);
        String id = ask(requester.string("access_token"), "Front desk emergency", 5).id();
        oidc.logout("practice", "ehr", requester.string("refresh_token"));
        String rita = rita();
        AmpApi.Refusal approved = refusal(() -> api(rita).approveBreakTheGlass(id, new Comment("ok")));
        assertThat(approved.status()).isEqualTo(409);
        // Refused either way; which words depends on whether the 2-s sweep ended the request before the approval came.
        assertThat(approved.message()).containsAnyOf("session has ended", "The request is ended already");
        elevations.awaitAction(id, "end");
        assertThat(elevations.asReviewed(ElevationsResource::pastBreakTheGlass, id)).extracting(Elevation::status, Elevation::endCause)
                .containsExactly("ended", "session-ended");
    }

    @Test
    @DisplayName("rita.review lists erin.er's emergency access and acknowledges it once; erin cannot acknowledge her own")
    void emergencyAccessAcknowledged() {
        Oidc.Response erin = elevations.signInToTokens("erin.er", "Night shift, locked chart");
        refreshTokens.add(erin.string("refresh_token"));
        String id = (String) elevation(access(erin)).get("id");
        ElevationsResource rita = api(rita());
        assertThat(Elevations.findIn(rita.emergencyAccesses(), id)).extracting(Elevation::reason, Elevation::acknowledgedBy)
                .containsExactly("Night shift, locked chart", null);

        assertThat(refusal(() -> api(erin.string("access_token")).acknowledge(id, Comment.none())).status()).isEqualTo(403);
        Elevation acknowledged = rita.acknowledge(id, new Comment("Reviewed the chart log"));
        assertThat(acknowledged).extracting(Elevation::acknowledgedBy, Elevation::acknowledgeComment)
                .containsExactly("rita.review", "Reviewed the chart log");
        assertThat(refusal(() -> rita.acknowledge(id, Comment.none())).status()).isEqualTo(409);
        assertThat(actions(elevations.events(id))).containsExactly("start", "acknowledge");
    }
}
