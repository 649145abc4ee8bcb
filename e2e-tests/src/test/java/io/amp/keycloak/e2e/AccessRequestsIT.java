package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The AMP process of seed 000 in the workforce realm: request, approve or deny, provision, expire. */
class AccessRequestsIT {

    /** The user surface: access requests are made and decided by the realm's users, with a token of the workforce realm. */
    private static final String API = "realms/workforce/amp/requests";

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

    private static String request(String subject, String system, String role, Long endsAt) {
        return "{\"subject\": \"" + subject + "\", \"organization\": \"DrChrono\", \"department\": \"account-managers-and-sales-teams\","
                + " \"system\": \"" + system + "\", \"roles\": [\"" + role + "\"], \"justification\": \"covering the Q4 push\""
                + (endsAt == null ? "" : ", \"endsAt\": " + endsAt) + "}";
    }

    /** Takes a role granted by a test away again, with its end, so sam.sales stays as shipped. */
    private void revokeAfterwards(String username, String system, String role) {
        cleanup.add(() -> {
            UserRepresentation user = realm.users().searchByUsername(username, true).get(0);
            realm.users().get(user.getId()).roles().clientLevel(fixtures.clientUuid(system)).remove(fixtures.clientRoles(system, role));
            UserRepresentation representation = realm.users().get(user.getId()).toRepresentation();
            if (representation.getAttributes() != null) {
                representation.getAttributes().remove("amp.role-expiry");
                realm.users().get(user.getId()).update(representation);
            }
        });
    }

    @Test
    @DisplayName("Given carla asks on behalf of sam for Sales - Admin on staging and mia approves, then only sam's staging token changes")
    void approvedOnBehalf() {
        List<String> productionBefore = permissions(oidc.accessToken("workforce", "drchrono", "sam.sales"));
        Oidc.Response submitted = oidc.send("POST", API, token("carla.cx"), request("sam.sales", "drchrono-staging", "sales-admin", null));
        assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(201);
        revokeAfterwards("sam.sales", "drchrono-staging", "sales-admin");
        assertThat(submitted.body()).containsEntry("status", "pending").containsEntry("requester", "carla.cx").containsEntry("subject", "sam.sales");
        assertThat(oidc.send("GET", API + "/pending", token("mia.manager"), null).items()).extracting(r -> r.get("id")).contains(submitted.string("id"));

        Oidc.Response approved = oidc.send("POST", API + "/" + submitted.string("id") + "/approve", token("mia.manager"),
                "{\"reason\": \"approved for Q4\"}");

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body()).containsEntry("status", "approved").containsEntry("decidedBy", "mia.manager")
                .containsEntry("decisionReason", "approved for Q4").containsKeys("createdAt", "decidedAt");
        assertThat(permissions(oidc.accessToken("workforce", "drchrono-staging", "sam.sales"))).containsExactly(
                "account-receivables-access", "sword-tools", "unsuspend-account", "view-escalations-dashboard");
        assertThat(permissions(oidc.accessToken("workforce", "drchrono", "sam.sales"))).isEqualTo(productionBefore);
        assertThat(oidc.send("GET", API + "/mine", token("sam.sales"), null).items()).extracting(r -> r.get("id"))
                .contains(submitted.string("id"));
        assertThat(realm.getAdminEvents().stream()
                .filter(event -> ("requests/" + submitted.string("id")).equals(event.getResourcePath())))
                .allSatisfy(event -> assertThat(event.getResourceType()).isEqualTo("AMP_ACCESS_REQUEST"))
                .extracting(event -> event.getOperationType()).containsExactlyInAnyOrder("CREATE", "UPDATE");
    }

    @Test
    @DisplayName("Given an approval with a short end, then the roles count until the end and not after, and the clean-up removes the mapping")
    void endsOnTime() throws InterruptedException {
        String username = Fixtures.uniqueName("temp.sales");
        String userId = salesMember(username);
        long endsAt = System.currentTimeMillis() + 6_000;
        Oidc.Response submitted = Portal.expect(oidc.send("POST", API, token("carla.cx"), request(username, "drchrono", "sales-user", endsAt)), 201);
        Portal.expect(oidc.send("POST", API + "/" + submitted.string("id") + "/approve", token("mia.manager"), "{\"reason\": \"temp\"}"), 200);

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
        String carla = token("carla.cx");
        int pendingBefore = oidc.send("GET", API + "/pending", token("mia.manager"), null).items().size();

        assertThat(oidc.send("POST", API, carla, request("sam.sales", "drchrono", "developer-admin", null)).body().toString())
                .contains("not open to department");
        assertThat(oidc.send("POST", API, carla, request("sam.sales", "no-such-system", "sales-user", null)).status()).isEqualTo(400);
        assertThat(oidc.send("POST", API, carla, request("sam.sales", "drchrono", "sales-user", null)).status()).isEqualTo(409);
        // Whether the named user exists or not, one answer: the form reveals no usernames.
        assertThat(oidc.send("POST", API, carla, request("nobody.here", "drchrono", "sales-admin", null)).body().toString())
                .contains("'nobody.here' is not in department 'account-managers-and-sales-teams'");
        assertThat(oidc.send("POST", API, carla, request("carla.cx", "drchrono", "sales-admin", null)).body().toString())
                .contains("You are not in department 'account-managers-and-sales-teams'");
        assertThat(oidc.send("POST", API, carla, request("sam.sales", "drchrono", "sales-admin", null).replace("DrChrono", "Elsewhere Inc"))
                .body().toString()).contains("No organization 'Elsewhere Inc'");
        assertThat(oidc.send("POST", API, carla, request("sam.sales", "drchrono", "sales-admin", 1L)).body().toString())
                .contains("future");
        assertThat(oidc.send("POST", API, carla, "{\"system\": \"drchrono\"}").status()).isEqualTo(400);
        assertThat(oidc.send("POST", API, null, request("sam.sales", "drchrono", "sales-admin", null)).status()).isEqualTo(401);

        assertThat(oidc.send("GET", API + "/pending", token("mia.manager"), null).items()).hasSize(pendingBefore);
    }

    @Test
    @DisplayName("Nobody approves their own request or one for themselves; only approvers decide; decided is decided")
    void decisionRules() {
        String approverName = Fixtures.uniqueName("temp.approver");
        String approverId = salesMember(approverName);
        realm.users().get(approverId).roles().realmLevel().add(List.of(realm.roles().get("access-approver").toRepresentation()));
        String forApprover = Portal.expect(oidc.send("POST", API, token("carla.cx"), request(approverName, "drchrono", "sales-user", null)), 201)
                .string("id");
        String byMia = Portal.expect(oidc.send("POST", API, token("mia.manager"), request("ivan.impl", "drchrono", "implementation-admin", null)
                .replace("account-managers-and-sales-teams", "implementation-team")), 201).string("id");

        assertThat(oidc.send("POST", API + "/" + forApprover + "/approve", token(approverName), "{\"reason\": \"me\"}").body().toString())
                .contains("for themselves");
        assertThat(oidc.send("POST", API + "/" + byMia + "/approve", token("mia.manager"), "{\"reason\": \"mine\"}").body().toString())
                .contains("they made");
        assertThat(oidc.send("POST", API + "/" + byMia + "/deny", token("sam.sales"), "{\"reason\": \"no\"}").status()).isEqualTo(403);
        assertThat(oidc.send("GET", API + "/pending", token("sam.sales"), null).status()).isEqualTo(403);
        assertThat(oidc.send("POST", API + "/" + forApprover + "/approve", token(approverName), "{\"reason\": \"me\"}").status())
                .isEqualTo(403);
        assertThat(oidc.send("POST", API + "/" + byMia + "/cancel", token("carla.cx"), null).status()).isEqualTo(403);
        assertThat(oidc.send("POST", API + "/no-such-request/cancel", token("carla.cx"), null).status()).isEqualTo(403);

        assertThat(oidc.send("POST", API + "/" + forApprover + "/deny", token("mia.manager"), "{\"reason\": \"not needed\"}").status()).isEqualTo(200);
        assertThat(oidc.send("POST", API + "/" + forApprover + "/approve", token("mia.manager"), "{\"reason\": \"changed\"}").status()).isEqualTo(409);
        assertThat(oidc.send("POST", API + "/" + byMia + "/cancel", token("mia.manager"), null).body()).containsEntry("status", "cancelled");
        assertThat(oidc.send("POST", API + "/no-such-request/approve", token("mia.manager"), "{\"reason\": \"x\"}").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("Given an approver scoped to the Implementation Team, then they see and decide only that department's requests")
    void approverScopedToDepartments() {
        String approverName = Fixtures.uniqueName("impl.approver");
        String approverId = fixtures.user(approverName, Map.of("amp.approver-departments", List.of("implementation-team")));
        realm.users().get(approverId).roles().realmLevel().add(List.of(realm.roles().get("access-approver").toRepresentation()));
        String sales = Portal.expect(oidc.send("POST", API, token("carla.cx"), request("sam.sales", "drchrono-staging", "sales-user", null)), 201)
                .string("id");
        String implementation = Portal.expect(oidc.send("POST", API, token("carla.cx"), request("ivan.impl", "drchrono", "implementation-admin", null)
                .replace("account-managers-and-sales-teams", "implementation-team")), 201).string("id");
        cleanup.add(() -> oidc.send("POST", API + "/" + sales + "/cancel", token("carla.cx"), null));
        cleanup.add(() -> oidc.send("POST", API + "/" + implementation + "/cancel", token("carla.cx"), null));
        String approver = token(approverName);

        assertThat(oidc.send("GET", API + "/pending", approver, null).items()).extracting(r -> r.get("id"))
                .contains(implementation).doesNotContain(sales);
        // A request outside the approver's departments is as unknown to them as a missing one.
        assertThat(oidc.send("POST", API + "/" + sales + "/deny", approver, "{\"reason\": \"no\"}").status()).isEqualTo(404);
        assertThat(oidc.send("POST", API + "/no-such-request/deny", approver, "{\"reason\": \"no\"}").status()).isEqualTo(404);
        assertThat(oidc.send("GET", API + "/pending", token("mia.manager"), null).items()).extracting(r -> r.get("id"))
                .contains(sales, implementation);
    }

    @Test
    @DisplayName("Access requests are served on the user surface only: the old admin path is gone, whoever calls it")
    void noAdminPath() {
        String old = "admin/realms/workforce/amp-access-requests/requests";
        // A valid token of the realm's own user: Keycloak's admin root accepts it, and finds no such extension.
        Oidc.Response mine = oidc.get(old + "/mine", token("sam.sales"));
        assertThat(mine.status()).as("%s", mine.body()).isEqualTo(404);
        assertThat(oidc.send("POST", old, token("carla.cx"), request("sam.sales", "drchrono", "sales-admin", null)).status())
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
        assertThat(oidc.get(API + "/mine", oidc.adminToken()).status()).as("the master admin").isEqualTo(401);
        assertThat(oidc.get(API + "/pending", oidc.adminToken()).status()).as("the master admin").isEqualTo(401);
        assertThat(oidc.send("POST", API, oidc.adminToken(), request("sam.sales", "drchrono", "sales-admin", null)).status())
                .as("the master admin").isEqualTo(401);
        String practiceUser = oidc.accessToken("practice", "ehr", "dr.sun.all");
        assertThat(oidc.get(API + "/mine", practiceUser).status()).as("a user of the practice realm").isEqualTo(401);
        assertThat(oidc.get(API + "/mine", token("sam.sales")).status()).as("a workforce user").isEqualTo(200);
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
