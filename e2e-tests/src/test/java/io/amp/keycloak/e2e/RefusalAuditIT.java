package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.AccountUserChanges;
import io.amp.keycloak.client.representation.Comment;
import io.amp.keycloak.client.representation.Reason;
import io.amp.keycloak.client.resource.AccessRequestsResource;
import io.amp.keycloak.client.resource.ElevationsResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.amp.keycloak.e2e.AmpApi.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/** Every 403 of an AMP endpoint leaves one line in the audit category io.amp.audit: who, where, what, on what, when, why. */
class RefusalAuditIT {

    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final Portal portal = new Portal();
    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @Test
    @DisplayName("Given a Department Viewer refused a user edit, then the audit names the caller, client, realm, operation and target, without the body")
    void refusedWriteIsAudited() throws InterruptedException {
        String acme = portal.accountId("acme-health");
        String target = portal.realm().users().searchByUsername("dan.dept", true).get(0).getId();
        ServerLog log = ServerLog.mark(server);

        AmpApi.Refusal refused = refusal(() -> Portal.api(portal.token("vera.viewer")).accounts().get(acme).users()
                .update(target, new AccountUserChanges(null, "secret-body-text", null, null, null)));

        assertThat(refused.status()).isEqualTo(403);
        List<String> lines = audit(log, 1);
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .contains("AMP refused 403", "realm=\"portal\"", "user=\"vera.viewer@portal\"", "client=\"portal\"",
                        "operation=\"PUT /realms/portal/amp/consultant-access/accounts/" + acme + "/users/" + target + "\"",
                        "target=", acme, target, "at=20")
                .doesNotContain("secret-body-text", "Bearer"));
        // The target is the ids the caller named, in the path's order, nothing of its fixed parts (realm, surface, API
        // name), also when the refusal comes before any id is read (here: a viewer has no reach at all).
        assertThat(targetOf(lines.get(0))).as(lines.get(0)).isEqualTo(acme + "/" + target);
    }

    @Test
    @DisplayName("Given a caller without Break the Glass Review, then each refused review is audited, whatever the id")
    void refusedReviewIsAudited() throws InterruptedException {
        ServerLog log = ServerLog.mark(server);
        ElevationsResource drSunOwn = Elevations.api(oidc.accessToken("practice", "ehr", "dr.sun.own"));

        assertThat(refusal(() -> drSunOwn.denyBreakTheGlass("no-such-id", new Comment("no"))).status()).isEqualTo(403);
        assertThat(refusal(drSunOwn::pendingBreakTheGlass).status()).isEqualTo(403);

        assertThat(audit(log, 2)).hasSize(2).allSatisfy(line -> assertThat(line).contains("user=\"dr.sun.own@practice\"", "client=\"ehr\"",
                "realm=\"practice\"")).anySatisfy(line -> assertThat(line).contains("target=\"no-such-id\""));
    }

    /** Hand-written HTTP: the path's escapes are the point, sent exactly as written, which the typed client would encode its own way. */
    @Test
    @DisplayName("Given ids carrying line breaks, then the audit shows them escaped on the one line of the refusal, and no forged line appears")
    void idsCannotForgeAuditLines() throws Exception {
        ServerLog log = ServerLog.mark(server);
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                server.uri(Portal.USER_API + "accounts/x%0a2026-11-30%2003:33:10,000%20WARN%20forged=1%0d/users"))
                .header("Authorization", "Bearer " + portal.token("vera.viewer")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(audit(log, 1)).singleElement().satisfies(line -> assertThat(line).contains("x\\u000a2026-11-30", "forged=1\\u000d"));
        assertThat(log.since()).noneMatch(line -> line.startsWith("2026-11-30 03:33:10,000"));
    }

    /** Hand-written HTTP: the path's escapes are the point, sent exactly as written, which the typed client would encode its own way. */
    @Test
    @DisplayName("Given ids carrying text shaped like more fields, then it stays inside the quoted target and adds no field")
    void idsCannotForgeAuditFields() throws InterruptedException {
        ServerLog log = ServerLog.mark(server);
        String token = oidc.accessToken("practice", "ehr", "dr.sun.all");

        assertThat(oidc.send("POST", Elevations.ADMIN_API + "elevations/x%20user%3D%22admin%40master%22%20reason%3Dforged/revoke",
                token, null).status()).isEqualTo(403);

        assertThat(audit(log, 1)).singleElement().satisfies(line -> assertThat(line)
                .contains("target=\"x user=\\\"admin@master\\\" reason=forged\"")
                .containsOnlyOnce("user=\"").containsOnlyOnce(" reason=\""));
    }

    @Test
    @DisplayName("Given a workforce user who is no approver, then each refused decision and the refused queue are audited")
    void refusedApprovalsAreAudited() throws InterruptedException {
        ServerLog log = ServerLog.mark(server);
        AccessRequestsResource sam = requests(oidc.accessToken("workforce", "drchrono", "sam.sales"));

        assertThat(refusal(sam::pending).status()).isEqualTo(403);
        assertThat(refusal(() -> sam.approve("some-id", new Reason("x"))).status()).isEqualTo(403);

        assertThat(audit(log, 2)).hasSize(2).allSatisfy(line -> assertThat(line).contains("user=\"sam.sales@workforce\""));
    }

    @Test
    @DisplayName("Given no token, or a token of another realm, on /realms/{realm}/amp, then the 401 is audited too, without the token")
    void unauthorizedOnTheUserSurfaceIsAudited() throws InterruptedException {
        String practiceToken = oidc.accessToken("practice", "ehr", "dr.sun.all");
        ServerLog log = ServerLog.mark(server);

        assertThat(refusal(() -> requests(null).mine()).status()).isEqualTo(401);
        assertThat(refusal(() -> requests(practiceToken).mine()).status()).isEqualTo(401);

        List<String> lines = audit(log, 2);
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("AMP refused 401", "realm=\"workforce\"", "operation=\"GET /realms/workforce/amp/requests/mine\"")
                .doesNotContain(practiceToken, "Bearer"));
        assertThat(lines.get(0)).contains("user=\"anonymous\"");
    }

    /** Hand-written HTTP: the path's escapes are the point, sent exactly as written, which the typed client would encode its own way. */
    @Test
    @DisplayName("Given ids that are escapes themselves (%25zz, %2561) or hide a slash (%2F), then the refusal is audited with the id JAX-RS used and the path as sent, never a 500")
    void encodedIdsAreAuditedAsSent() throws Exception {
        String vera = portal.token("vera.viewer");
        ServerLog log = ServerLog.mark(server);

        assertThat(raw("GET", Portal.USER_API + "sites/%25zz/grants", vera)).isEqualTo(403);
        assertThat(raw("GET", Portal.USER_API + "sites/%25zz/grants", null)).isEqualTo(401);
        assertThat(raw("GET", Portal.ADMIN_API + "sites/%25zz/grants", vera)).isEqualTo(403);
        assertThat(raw("GET", Portal.USER_API + "sites/%2561cme-rad-main/grants", vera)).isEqualTo(403);
        assertThat(raw("GET", Portal.USER_API + "accounts/x/users/a%2Fb", vera)).isEqualTo(403);

        List<String> lines = audit(log, 5);
        assertThat(lines).hasSize(5);
        assertThat(targetOf(lines.get(0))).isEqualTo("%zz");
        assertThat(lines.get(1)).contains("AMP refused 401", "operation=\"GET /realms/portal/amp/consultant-access/sites/%25zz/grants\"");
        assertThat(targetOf(lines.get(2))).isEqualTo("%zz");
        // JAX-RS decodes once: the id asked for is "%61cme-rad-main", not the site acme-rad-main.
        assertThat(targetOf(lines.get(3))).isEqualTo("%61cme-rad-main");
        assertThat(lines.get(3)).contains("operation=\"GET /realms/portal/amp/consultant-access/sites/%2561cme-rad-main/grants\"");
        assertThat(targetOf(lines.get(4))).isEqualTo("x/a/b");
        assertThat(lines.get(4)).contains("/users/a%2Fb\"");
    }

    /** Hand-written HTTP: Authorization headers the typed client never sends. */
    @Test
    @DisplayName("Given an Authorization header Keycloak cannot parse (another scheme, a token with a space), then the 401 is audited too")
    void malformedAuthorizationIsAudited() throws Exception {
        ServerLog log = ServerLog.mark(server);
        for (String header : List.of("Basic YWRtaW46YWRtaW4=", "Bearer a b", "Negotiate abc")) {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(server.uri(RaceScenarios.REQUESTS + "/mine")).header("Authorization", header).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(header).isEqualTo(401);
        }
        assertThat(audit(log, 3)).hasSize(3).allSatisfy(line -> assertThat(line)
                .contains("AMP refused 401", "reason=\"malformed Authorization header\"").doesNotContain("YWRtaW46YWRtaW4="));
    }

    /** The access-request API of the workforce realm, called with {@code accessToken} (null: none). */
    private static AccessRequestsResource requests(String accessToken) {
        return AmpApi.as(accessToken).realm("workforce").requests();
    }

    /** The status of a call whose path is sent exactly as written (java.net.URI keeps its escapes). */
    private int raw(String method, String path, String token) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(server.uri(path))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The value of the audit line's target field, unquoted. */
    private static String targetOf(String line) {
        java.util.regex.Matcher target = java.util.regex.Pattern.compile(" target=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
        assertThat(target.find()).as("a target field in %s", line).isTrue();
        return target.group(1);
    }

    /** The audit lines written since the mark, waiting briefly for the log to be flushed. */
    private static List<String> audit(ServerLog log, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> lines;
        do {
            lines = log.since().stream().filter(line -> line.contains("[io.amp.audit]")).toList();
            if (lines.size() >= expected) {
                return lines;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return lines;
    }
}
