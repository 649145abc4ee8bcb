package io.amp.keycloak.e2e;

import io.amp.keycloak.client.AmpClient;
import io.amp.keycloak.client.representation.AccessRequest;
import io.amp.keycloak.client.representation.NewAccessRequest;
import io.amp.keycloak.client.representation.Reason;
import io.amp.keycloak.client.resource.AccessRequestsResource;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientResponseFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.amp.keycloak.e2e.AmpApi.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm's own administrators on the access-request API (a workforce user with realm-management
 * realm-admin, the demo's {@code realm.admin}): every request of the realm, newest first, paged and
 * filtered by status; and a decision on any pending request, whatever its department, never their
 * own nor one for themselves, decided once in the database against an approver deciding the same
 * request. Everyone else: 403.
 */
class RealmAdminRequestsIT {

    private static final String SALES = "account-managers-and-sales-teams";
    private static final String REALM_ADMIN = "realm.admin";

    private final Cleanup cleanup = new Cleanup();
    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final RealmResource workforce = server.admin().realm("workforce");
    private final Fixtures fixtures = new Fixtures(workforce, cleanup);

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    private String token(String username) {
        return oidc.accessToken("workforce", "drchrono", username);
    }

    private static AccessRequestsResource api(String accessToken) {
        return AmpApi.as(accessToken).realm("workforce").requests();
    }

    /** A fresh user in Sales; returns the username. */
    private String salesMember(String prefix) {
        String username = Fixtures.uniqueName(prefix);
        String id = fixtures.user(username);
        workforce.users().get(id).joinGroup(workforce.getGroupByPath("/departments/" + SALES).getId());
        return username;
    }

    /** carla.cx asks for sales-user on drchrono-staging for a fresh Sales member; the request is closed afterwards. */
    private AccessRequest pendingRequest() {
        String subject = salesMember("admin.subject");
        AccessRequest request = api(token("carla.cx")).submit(new NewAccessRequest(subject, "DrChrono", SALES, "drchrono-staging",
                List.of("sales-user"), "realm admin test", null));
        cleanup.add(() -> cancelQuietly(request.id()));
        return request;
    }

    private void cancelQuietly(String id) {
        try {
            api(token("carla.cx")).cancel(id);
        } catch (WebApplicationException decided) {
            // decided already
        }
    }

    @Test
    @DisplayName("Given three new requests, then the realm admin lists every request newest first, a page at a time, and by status")
    void listsEveryRequestNewestFirst() throws InterruptedException {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(pendingRequest().id());
            Thread.sleep(5);
        }
        List<String> newestFirst = List.of(created.get(2), created.get(1), created.get(0));
        AccessRequestsResource admin = api(token(REALM_ADMIN));

        assertThat(admin.all(null, null, null)).extracting(AccessRequest::id).startsWith(newestFirst.toArray(String[]::new));
        assertThat(admin.all(null, 0, 3)).extracting(AccessRequest::id).isEqualTo(newestFirst);
        assertThat(admin.all(null, 1, 1)).extracting(AccessRequest::id).containsExactly(created.get(1));
        assertThat(admin.all("pending", 0, 2)).extracting(AccessRequest::id).containsExactly(created.get(2), created.get(1));
        assertThat(admin.all(null, 0, 100)).hasSizeLessThanOrEqualTo(100).extracting(AccessRequest::createdAt)
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));

        api(token("mia.manager")).deny(created.get(0), new Reason("not this quarter"));
        assertThat(admin.all("pending", 0, 1000)).extracting(AccessRequest::id).contains(created.get(1), created.get(2))
                .doesNotContain(created.get(0));
        assertThat(admin.all("denied", 0, 1000)).extracting(AccessRequest::id).contains(created.get(0))
                .allSatisfy(id -> assertThat(id).isNotIn(created.get(1), created.get(2)));
        assertThat(admin.all("denied", 0, 1000)).extracting(AccessRequest::status).containsOnly("denied");
        assertThat(admin.all("approved", 0, 1000)).extracting(AccessRequest::id).doesNotContainAnyElementsOf(created);
    }

    @Test
    @DisplayName("Given a bad status, first or max, then 400 with the reason")
    void badParameters() {
        AccessRequestsResource admin = api(token(REALM_ADMIN));

        assertBadRequest(() -> admin.all("open", null, null), "'status' must be one of pending, approved, denied, cancelled");
        assertBadRequest(() -> admin.all("PENDING", null, null), "'status'");
        assertBadRequest(() -> admin.all(null, -1, null), "'first' must be a whole number from 0");
        assertBadRequest(() -> admin.all(null, null, 0), "'max' must be a whole number from 1 to 1000");
        assertBadRequest(() -> admin.all(null, null, 1001), "'max' must be a whole number from 1 to 1000");
        Oidc.Response words = oidc.get("realms/workforce/amp/requests/all?first=ten&max=1e3", token(REALM_ADMIN));
        assertThat(words.status()).as("%s", words).isEqualTo(400);
        assertThat(words.string("errorMessage")).contains("'first'");
        assertThat(admin.all(" ", null, null)).as("a blank status is no filter").isNotNull();
    }

    private static void assertBadRequest(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String words) {
        AmpApi.Refusal refused = refusal(call);
        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.message()).contains(words);
    }

    @Test
    @DisplayName("Given an approver, a realm viewer (view-users) or a plain user, then every request of the realm is a 403; so is a decision by anyone who is neither approver nor realm admin")
    void othersAreRefused() {
        String viewer = AuthorizationMatrixIT.realmViewer("workforce", cleanup);
        String id = pendingRequest().id();
        for (String username : List.of("mia.manager", viewer, "sam.sales")) {
            AmpApi.Refusal refused = refusal(() -> api(token(username)).all(null, null, null));
            assertThat(refused.status()).as("%s", username).isEqualTo(403);
            assertThat(refused.message()).contains("administrators (manage-users)");
        }
        for (String target : List.of(id, "no-such-request")) {
            AmpApi.Refusal refused = refusal(() -> api(token(viewer)).approve(target, new Reason("viewing is not deciding")));
            assertThat(refused.status()).as("a realm viewer deciding %s", target).isEqualTo(403);
        }
        assertThat(api(token("mia.manager")).pending()).extracting(AccessRequest::id).contains(id);
    }

    @Test
    @DisplayName("Given a request of a department an approver is scoped away from, then that approver gets 404 and the realm admin approves it: the roles are granted and the decision is theirs")
    void decidesAnyDepartment() {
        String scoped = Fixtures.uniqueName("scoped.approver");
        String scopedId = fixtures.user(scoped, Map.of("amp.approver-departments", List.of("implementation-team")));
        workforce.users().get(scopedId).roles().realmLevel().add(List.of(workforce.roles().get("access-approver").toRepresentation()));
        AccessRequest request = pendingRequest();

        assertThat(refusal(() -> api(token(scoped)).approve(request.id(), new Reason("not mine"))).status()).isEqualTo(404);
        AccessRequest approved = api(token(REALM_ADMIN)).approve(request.id(), new Reason("approved by the realm admin"));

        assertThat(approved).extracting(AccessRequest::status, AccessRequest::decidedBy, AccessRequest::decisionReason)
                .containsExactly("approved", REALM_ADMIN, "approved by the realm admin");
        assertThat(permissions(oidc.accessToken("workforce", "drchrono-staging", request.subject())))
                .containsExactly("account-receivables-access", "sword-tools");
        assertThat(refusal(() -> api(token(REALM_ADMIN)).deny(request.id(), new Reason("changed my mind"))).status())
                .as("decided is decided").isEqualTo(409);
        assertThat(refusal(() -> api(token(REALM_ADMIN)).deny("no-such-request", new Reason("x"))).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("Given a request a realm admin made, or one made for a realm admin, then that realm admin may not decide it (403), as approvers may not")
    void neverTheirOwn() {
        String subject = salesMember("admin.subject");
        AccessRequest byAdmin = api(token(REALM_ADMIN)).submit(new NewAccessRequest(subject, "DrChrono", SALES, "drchrono",
                List.of("sales-user"), "asked by the realm admin", null));
        cleanup.add(() -> api(token(REALM_ADMIN)).cancel(byAdmin.id()));
        AmpApi.Refusal own = refusal(() -> api(token(REALM_ADMIN)).approve(byAdmin.id(), new Reason("mine")));
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.message()).contains("they made");

        String admin = AuthorizationMatrixIT.realmAdministrator("workforce", cleanup);
        workforce.users().get(AuthorizationMatrixIT.userId("workforce", admin))
                .joinGroup(workforce.getGroupByPath("/departments/" + SALES).getId());
        AccessRequest forAdmin = api(token("carla.cx")).submit(new NewAccessRequest(admin, "DrChrono", SALES, "drchrono",
                List.of("sales-user"), "for the other realm admin", null));
        cleanup.add(() -> cancelQuietly(forAdmin.id()));
        AmpApi.Refusal forThemselves = refusal(() -> api(token(admin)).deny(forAdmin.id(), new Reason("me")));
        assertThat(forThemselves.status()).isEqualTo(403);
        assertThat(forThemselves.message()).contains("for themselves");
        assertThat(api(token(REALM_ADMIN)).all("pending", 0, 1000)).extracting(AccessRequest::id)
                .as("both still wait").contains(byAdmin.id(), forAdmin.id());
    }

    @Test
    @DisplayName("Given an approver and the realm admin deciding one request at once, five times over, then each time exactly one 200 and one 409, and the record, the role and the events follow the winner")
    void approverAndRealmAdminRace() {
        String mia = token("mia.manager");
        String admin = token(REALM_ADMIN);
        ThreadLocal<Integer> status = new ThreadLocal<>();
        ClientResponseFilter recorder = (request, response) -> status.set(response.getStatus());
        try (AmpClient asMia = AmpClient.createStrict(server.baseUri().toString(), () -> mia, recorder);
             AmpClient asAdmin = AmpClient.createStrict(server.baseUri().toString(), () -> admin, recorder)) {
            List<AmpClient> racers = List.of(asMia, asAdmin);
            for (int round = 0; round < 5; round++) {
                AccessRequest request = pendingRequest();
                int approver = round % 2;
                Race.Outcome outcome = Race.run("access request: approver and realm admin decide one request, round " + round, 2,
                        i -> (i == approver ? "approve" : "deny") + " by " + (i == 0 ? "mia.manager" : REALM_ADMIN),
                        i -> decide(racers.get(i).realm("workforce").requests(), request.id(), i == approver, status));

                assertThat(outcome.calls()).extracting(Race.Call::status).as(outcome.line()).containsExactlyInAnyOrder(200, 409);
                Race.Call winner = outcome.winningCalls().get(0);
                String expected = winner.label().startsWith("approve") ? "approved" : "denied";
                AccessRequest stored = api(token(REALM_ADMIN)).all(null, 0, 1000).stream()
                        .filter(item -> item.id().equals(request.id())).findFirst().orElseThrow();
                assertThat(stored.status()).as("the record follows %s", winner.label()).isEqualTo(expected);
                assertThat(stored.decidedBy()).isEqualTo(winner.label().endsWith("mia.manager") ? "mia.manager" : REALM_ADMIN);
                assertThat(permissions(oidc.accessToken("workforce", "drchrono-staging", request.subject())))
                        .as("the subject holds sales-user <=> approved").isEqualTo("approved".equals(expected)
                                ? List.of("account-receivables-access", "sword-tools") : List.of());
                assertThat(updateEvents(request.id())).as("one decision event").isEqualTo(1);
            }
        }
    }

    private static Oidc.Response decide(AccessRequestsResource requests, String id, boolean approve, ThreadLocal<Integer> status) {
        status.remove();
        try {
            Reason reason = new Reason("race: " + (approve ? "approve" : "deny"));
            AccessRequest answer = approve ? requests.approve(id, reason) : requests.deny(id, reason);
            return new Oidc.Response(status.get(), Map.of("status", answer.status()));
        } catch (WebApplicationException refused) {
            return new Oidc.Response(AmpClient.status(refused), Map.of("errorMessage", String.valueOf(AmpClient.error(refused).text())));
        }
    }

    private long updateEvents(String requestId) {
        Oidc.Response events = oidc.get("admin/realms/workforce/admin-events?resourcePath=requests/" + requestId + "&max=100",
                oidc.adminToken());
        assertThat(events.status()).isEqualTo(200);
        return events.items().stream().filter(event -> "UPDATE".equals(event.get("operationType"))).count();
    }

    @SuppressWarnings("unchecked")
    private static List<String> permissions(String accessToken) {
        return (List<String>) Oidc.claims(accessToken).get("permissions");
    }
}
