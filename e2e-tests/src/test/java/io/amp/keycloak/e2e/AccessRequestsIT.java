package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.AccessRequest;
import io.amp.keycloak.client.representation.NewAccessRequest;
import io.amp.keycloak.client.representation.Reason;
import io.amp.keycloak.client.resource.AccessRequestsResource;
import jakarta.ws.rs.WebApplicationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;

import java.util.List;
import java.util.Map;

import static io.amp.keycloak.e2e.AmpApi.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/** The AMP process of seed 000 in the workforce realm: request, approve or deny, provision, expire. */
class AccessRequestsIT {

    private static final String SALES = "account-managers-and-sales-teams";

    private final Cleanup cleanup = new Cleanup();
    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private final RealmResource realm = KeycloakServer.get().admin().realm("workforce");
    private final Fixtures fixtures = new Fixtures(realm, cleanup);

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    private String token(String username) {
        return oidc.accessToken("workforce", "drchrono", username);
    }

    /** The user surface: access requests are made and decided by the realm's users, with a token of the workforce realm (null: none). */
    private static AccessRequestsResource api(String accessToken) {
        return AmpApi.as(accessToken).realm("workforce").requests();
    }

    /** A request of the Sales department at DrChrono. */
    private static NewAccessRequest request(String subject, String system, String role, Long endsAt) {
        return request("DrChrono", SALES, subject, system, role, endsAt);
    }

    private static NewAccessRequest request(String organization, String department, String subject, String system, String role, Long endsAt) {
        return new NewAccessRequest(subject, organization, department, system, List.of(role), "covering the Q4 push", endsAt);
    }

    /** The same request as JSON, for the calls that stay hand-written. */
    private static String json(String subject, String system, String role) {
        return "{\"subject\": \"" + subject + "\", \"organization\": \"DrChrono\", \"department\": \"" + SALES + "\","
                + " \"system\": \"" + system + "\", \"roles\": [\"" + role + "\"], \"justification\": \"covering the Q4 push\"}";
    }

    private void revokeAfterwards(String username, String system, String role) {
        fixtures.takeGrantedRoleBackAfterwards(username, system, role);
    }

    @Test
    @DisplayName("Given carla asks on behalf of sam for Sales - Admin on staging and mia approves, then only sam's staging token changes")
    void approvedOnBehalf() {
        List<String> productionBefore = permissions(oidc.accessToken("workforce", "drchrono", "sam.sales"));
        AccessRequest submitted = api(token("carla.cx")).submit(request("sam.sales", "drchrono-staging", "sales-admin", null));
        revokeAfterwards("sam.sales", "drchrono-staging", "sales-admin");
        assertThat(submitted).extracting(AccessRequest::status, AccessRequest::requester, AccessRequest::subject)
                .containsExactly("pending", "carla.cx", "sam.sales");
        AccessRequestsResource mia = api(token("mia.manager"));
        assertThat(mia.pending()).extracting(AccessRequest::id).contains(submitted.id());

        AccessRequest approved = mia.approve(submitted.id(), new Reason("approved for Q4"));

        assertThat(approved).extracting(AccessRequest::status, AccessRequest::decidedBy, AccessRequest::decisionReason)
                .containsExactly("approved", "mia.manager", "approved for Q4");
        assertThat(approved.createdAt()).isPositive();
        assertThat(approved.decidedAt()).isNotNull();
        assertThat(permissions(oidc.accessToken("workforce", "drchrono-staging", "sam.sales"))).containsExactly(
                "account-receivables-access", "sword-tools", "unsuspend-account", "view-escalations-dashboard");
        assertThat(permissions(oidc.accessToken("workforce", "drchrono", "sam.sales"))).isEqualTo(productionBefore);
        assertThat(api(token("sam.sales")).mine()).extracting(AccessRequest::id).contains(submitted.id());
        assertThat(realm.getAdminEvents().stream()
                .filter(event -> ("requests/" + submitted.id()).equals(event.getResourcePath())))
                .allSatisfy(event -> assertThat(event.getResourceType()).isEqualTo("AMP_ACCESS_REQUEST"))
                .extracting(event -> event.getOperationType()).containsExactlyInAnyOrder("CREATE", "UPDATE");
    }

    @Test
    @DisplayName("Given an approval with a short end, then the roles count until the end and not after, and the clean-up removes the mapping")
    void endsOnTime() throws InterruptedException {
        String username = Fixtures.uniqueName("temp.sales");
        String userId = salesMember(username);
        long endsAt = System.currentTimeMillis() + 6_000;
        AccessRequest submitted = api(token("carla.cx")).submit(request(username, "drchrono", "sales-user", endsAt));
        api(token("mia.manager")).approve(submitted.id(), new Reason("temp"));

        Oidc.Response tokens = oidc.passwordGrant("workforce", "drchrono", username, Oidc.DEMO_PASSWORD);
        assertThat(permissions(tokens.string("access_token"))).containsExactly("account-receivables-access", "sword-tools");
        Thread.sleep(Math.max(0, endsAt - System.currentTimeMillis()) + 200);

        Oidc.Response refreshed = Portal.expect(oidc.refresh("workforce", "drchrono", tokens.string("refresh_token")), 200);
        assertThat(permissions(refreshed.string("access_token"))).isEmpty();

        // The suite's server runs the clean-up every 2 s: the mapping and its end go, within a few runs.
        long deadline = System.currentTimeMillis() + 15_000;
        List<String> mapped;
        do {
            Thread.sleep(500);
            mapped = realm.users().get(userId).roles().clientLevel(fixtures.clientUuid("drchrono")).listAll().stream()
                    .map(role -> role.getName()).toList();
        } while (mapped.contains("sales-user") && System.currentTimeMillis() < deadline);
        assertThat(mapped).doesNotContain("sales-user");
        Map<String, List<String>> attributes = realm.users().get(userId).toRepresentation().getAttributes();
        assertThat(attributes == null ? Map.of() : attributes).doesNotContainKey("amp.role-expiry");
    }

    @Test
    @DisplayName("Given bad requests, then each gets its 4xx with a reason, and nothing waits or changes")
    void refusals() {
        AccessRequestsResource carla = api(token("carla.cx"));
        AccessRequestsResource mia = api(token("mia.manager"));
        int pendingBefore = mia.pending().size();

        assertRefused(() -> carla.submit(request("sam.sales", "drchrono", "developer-admin", null)), 400,
                "not open to department");
        assertThat(refusal(() -> carla.submit(request("sam.sales", "no-such-system", "sales-user", null))).status()).isEqualTo(400);
        assertThat(refusal(() -> carla.submit(request("sam.sales", "drchrono", "sales-user", null))).status()).isEqualTo(409);
        // Whether the named user exists or not, one answer: the form reveals no usernames.
        assertRefused(() -> carla.submit(request("nobody.here", "drchrono", "sales-admin", null)), 400,
                "'nobody.here' is not in department 'account-managers-and-sales-teams'");
        assertRefused(() -> carla.submit(request("carla.cx", "drchrono", "sales-admin", null)), 400,
                "You are not in department 'account-managers-and-sales-teams'");
        assertRefused(() -> carla.submit(request("Elsewhere Inc", SALES, "sam.sales", "drchrono", "sales-admin", null)), 400,
                "No organization 'Elsewhere Inc'");
        assertRefused(() -> carla.submit(request("sam.sales", "drchrono", "sales-admin", 1L)), 400,
                "future");
        assertThat(refusal(() -> carla.submit(new NewAccessRequest(null, null, null, "drchrono", null, null, null))).status())
                .as("only a system").isEqualTo(400);
        assertThat(refusal(() -> api(null).submit(request("sam.sales", "drchrono", "sales-admin", null))).status()).isEqualTo(401);

        assertThat(mia.pending()).hasSize(pendingBefore);
    }

    @Test
    @DisplayName("Nobody approves their own request or one for themselves; only approvers decide; decided is decided")
    void decisionRules() {
        String approverName = Fixtures.uniqueName("temp.approver");
        String approverId = salesMember(approverName);
        realm.users().get(approverId).roles().realmLevel().add(List.of(realm.roles().get("access-approver").toRepresentation()));
        AccessRequestsResource carla = api(token("carla.cx"));
        AccessRequestsResource mia = api(token("mia.manager"));
        AccessRequestsResource approver = api(token(approverName));
        String forApprover = carla.submit(request(approverName, "drchrono", "sales-user", null)).id();
        String byMia = mia.submit(request("DrChrono", "implementation-team", "ivan.impl", "drchrono", "implementation-admin", null)).id();

        assertRefused(() -> approver.approve(forApprover, new Reason("me")), 403, "for themselves");
        assertRefused(() -> mia.approve(byMia, new Reason("mine")), 403, "they made");
        assertThat(refusal(() -> api(token("sam.sales")).deny(byMia, new Reason("no"))).status()).isEqualTo(403);
        assertThat(refusal(() -> api(token("sam.sales")).pending()).status()).isEqualTo(403);
        assertThat(refusal(() -> carla.cancel(byMia)).status()).isEqualTo(403);
        assertThat(refusal(() -> carla.cancel("no-such-request")).status()).isEqualTo(403);

        assertThat(mia.deny(forApprover, new Reason("not needed")).status()).isEqualTo("denied");
        assertThat(refusal(() -> mia.approve(forApprover, new Reason("changed"))).status()).isEqualTo(409);
        assertThat(mia.cancel(byMia).status()).isEqualTo("cancelled");
        assertThat(refusal(() -> mia.approve("no-such-request", new Reason("x"))).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("Given an approver scoped to the Implementation Team, then they see and decide only that department's requests")
    void approverScopedToDepartments() {
        String approverName = Fixtures.uniqueName("impl.approver");
        String approverId = fixtures.user(approverName, Map.of("amp.approver-departments", List.of("implementation-team")));
        realm.users().get(approverId).roles().realmLevel().add(List.of(realm.roles().get("access-approver").toRepresentation()));
        AccessRequestsResource carla = api(token("carla.cx"));
        String sales = carla.submit(request("sam.sales", "drchrono-staging", "sales-user", null)).id();
        String implementation = carla.submit(request("DrChrono", "implementation-team", "ivan.impl", "drchrono", "implementation-admin", null)).id();
        cleanup.add(() -> cancelQuietly(sales));
        cleanup.add(() -> cancelQuietly(implementation));
        AccessRequestsResource approver = api(token(approverName));

        assertThat(approver.pending()).extracting(AccessRequest::id).contains(implementation).doesNotContain(sales);
        // A request outside the approver's departments is as unknown to them as a missing one.
        assertThat(refusal(() -> approver.deny(sales, new Reason("no"))).status()).isEqualTo(404);
        assertThat(refusal(() -> approver.deny("no-such-request", new Reason("no"))).status()).isEqualTo(404);
        assertThat(api(token("mia.manager")).pending()).extracting(AccessRequest::id).contains(sales, implementation);
    }

    /** Asserts that {@code call} is refused with {@code status} and a message holding {@code words}. */
    private static void assertRefused(ThrowingCallable call, int status, String words) {
        AmpApi.Refusal refused = refusal(call);
        assertThat(refused.status()).as("%s", refused).isEqualTo(status);
        assertThat(refused.message()).contains(words);
    }

    /** Cancels carla's request after a test, whatever became of it meanwhile. */
    private void cancelQuietly(String id) {
        try {
            api(token("carla.cx")).cancel(id);
        } catch (WebApplicationException decidedOrGone) {
            // no longer pending
        }
    }

    /** Hand-written HTTP: the old admin path, which the typed client has, on purpose, no method for. */
    @Test
    @DisplayName("Access requests are served on the user surface only: the old admin path is gone, whoever calls it")
    void noAdminPath() {
        String old = "admin/realms/workforce/amp-access-requests/requests";
        // A valid token of the realm's own user: Keycloak's admin root accepts it, and finds no such extension.
        Oidc.Response mine = oidc.get(old + "/mine", token("sam.sales"));
        assertThat(mine.status()).as("%s", mine.body()).isEqualTo(404);
        assertThat(oidc.send("POST", old, token("carla.cx"), json("sam.sales", "drchrono", "sales-admin")).status())
                .isEqualTo(404);
        assertThat(oidc.get(old + "/pending", token("mia.manager")).status()).isEqualTo(404);
        // Not even the master admin has an admin path for them any more.
        assertThat(oidc.get(old + "/pending", oidc.adminToken()).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("Only a token of the workforce realm is accepted: the master admin and users of other realms get 401")
    void tokensOfOtherRealmsAreUnauthorized() {
        // Changed with the move to /realms/{realm}/amp: these were 403 "Use a token of realm workforce" on the admin
        // path; the user surface takes a bearer token of its own realm only, so Keycloak's bearer check answers 401.
        AccessRequestsResource masterAdmin = api(oidc.adminToken());
        assertThat(refusal(masterAdmin::mine).status()).as("the master admin").isEqualTo(401);
        assertThat(refusal(masterAdmin::pending).status()).as("the master admin").isEqualTo(401);
        assertThat(refusal(() -> masterAdmin.submit(request("sam.sales", "drchrono", "sales-admin", null))).status())
                .as("the master admin").isEqualTo(401);
        String practiceUser = oidc.accessToken("practice", "ehr", "dr.sun.all");
        assertThat(refusal(() -> api(practiceUser).mine()).status()).as("a user of the practice realm").isEqualTo(401);
        assertThat(api(token("sam.sales")).mine()).as("a workforce user").isNotNull();
    }

    /** A fixture user in the Sales department, the department the test requests name. */
    private String salesMember(String username) {
        String id = fixtures.user(username);
        realm.users().get(id).joinGroup(realm.getGroupByPath("/departments/account-managers-and-sales-teams").getId());
        return id;
    }

    @SuppressWarnings("unchecked")
    private static List<String> permissions(String accessToken) {
        return (List<String>) Oidc.claims(accessToken).get("permissions");
    }
}
