package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second outside test, run against the server after the first round of fixes, replayed: each
 * test is one thing it found (privileged users edited by customer admins, a consultant level
 * counted as an admin level, racing edits of one user, view-realm reading users, oracles on group
 * paths and client ids, an approval for someone who left the department), and of the third
 * (approvals that shortened a permanent grant or granted a role no longer open to the department,
 * a misleading login message, held and pending roles of others told apart), asserting the
 * corrected answer; and of the fourth (an admin's grant undone by an earlier approval's end, a
 * running record of a signed-out session blocking a new request, one bad role-expiry value failing
 * every token, a group moved out of the consultant groups keeping its sites). The emergency-access
 * login races are in {@link RaceScenarios}; the audit findings in {@link RefusalAuditIT}.
 */
class OutsideTestReplayIT {

    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final Portal portal = new Portal();
    private final RealmResource realm = portal.realm();
    private final Cleanup cleanup = new Cleanup();
    private final Fixtures fixtures = new Fixtures(realm, cleanup);
    private final String acme = portal.accountId("acme-health");
    /** Acme's users on the user surface, where its Account and Department Admins call. */
    private final String users = Portal.USER_API + "accounts/" + acme + "/users";
    /** The same on the admin surface, where the realm's administrators (realm-management role holders) call. */
    private final String adminUsers = Portal.ADMIN_API + "accounts/" + acme + "/users";
    private final RealmResource workforce = server.admin().realm("workforce");
    private final Fixtures workforceFixtures = new Fixtures(workforce, cleanup);
    private final RaceScenarios races = new RaceScenarios(server);

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    /** A portal user with these realm roles (and realm-management roles), a member of Acme in Cardiology; returns the id. */
    private String cardiologyMember(String prefix, List<String> realmRoles, String... realmManagementRoles) {
        String username = Fixtures.uniqueName(prefix);
        String id = fixtures.user(username);
        realm.users().get(id).roles().realmLevel().add(realmRoles.stream().map(role -> realm.roles().get(role).toRepresentation()).toList());
        if (realmManagementRoles.length > 0) {
            realm.users().get(id).roles().clientLevel(fixtures.clientUuid("realm-management"))
                    .add(fixtures.clientRoles("realm-management", realmManagementRoles));
        }
        String admin = oidc.adminToken();
        Portal.expect(oidc.send("POST", "admin/realms/portal/organizations/" + acme + "/members", admin, "\"" + id + "\""), 201);
        Portal.expect(oidc.send("PUT", "admin/realms/portal/organizations/" + acme + "/groups/" + Portal.CARDIOLOGY + "/members/" + id,
                admin, null), 204);
        return id;
    }

    private String usernameOf(String id) {
        return realm.users().get(id).toRepresentation().getUsername();
    }

    /** A request of {@code subject} for sales-admin on drchrono ending in an hour; returns its id. */
    private String requestForAnHour(String subject) {
        String request = RaceScenarios.accessRequest(subject, "drchrono", "sales-admin")
                .replace("}", ", \"endsAt\": " + (System.currentTimeMillis() + 3_600_000L) + "}");
        return Portal.expect(oidc.send("POST", RaceScenarios.REQUESTS, races.workforceToken(subject), request), 201).string("id");
    }

    /** mia.manager's decision ({@code approve} or {@code deny}) on a request. */
    private Oidc.Response decide(String requestId, String decision, String reason) {
        return oidc.send("POST", RaceScenarios.REQUESTS + "/" + requestId + "/" + decision, races.workforceToken("mia.manager"),
                "{\"reason\": \"" + reason + "\"}");
    }

    private void approve(String requestId) {
        Portal.expect(decide(requestId, "approve", "ok"), 200);
    }

    /** The client roles mapped to a workforce user on one system. */
    private List<String> mappedRoles(String userId, String clientId) {
        return workforce.users().get(userId).roles().clientLevel(workforceFixtures.clientUuid(clientId)).listAll().stream()
                .map(role -> role.getName()).toList();
    }

    private String workforceId(String username) {
        return workforce.users().searchByUsername(username, true).get(0).getId();
    }

    private List<String> roleExpiries(String userId) {
        Map<String, List<String>> attributes = workforce.users().get(userId).toRepresentation().getAttributes();
        return attributes == null ? List.of() : attributes.getOrDefault("amp.role-expiry", List.of());
    }

    private void grantInKeycloak(String userId, String role) {
        workforce.users().get(userId).roles().clientLevel(workforceFixtures.clientUuid("drchrono"))
                .add(workforceFixtures.clientRoles("drchrono", role));
    }

    @Test
    @DisplayName("Given a Cardiology member who is also a realm admin, or a consultant, then Department and Account Admins neither see nor edit them")
    void customerAdminsLeaveMorePowerfulUsersAlone() {
        String realmAdmin = cardiologyMember("priv.user", List.of("department-viewer"), "realm-admin");
        String consultant = cardiologyMember("cardio.consultant", List.of("department-viewer", "partner-consultant"));

        for (String caller : List.of("dan.dept", "alice.admin")) {
            String token = portal.token(caller);
            for (String target : List.of(realmAdmin, consultant)) {
                Oidc.Response edited = oidc.send("PUT", users + "/" + target, token, "{\"email\": \"owned@evil.example\", \"role\": \"department-admin\"}");
                assertThat(edited.status()).as("%s edits %s", caller, usernameOf(target)).isEqualTo(404);
                assertThat(oidc.send("GET", users, token, null).items()).extracting(user -> user.get("id")).doesNotContain(target);
            }
        }
        assertThat(realm.users().get(realmAdmin).toRepresentation().getEmail()).endsWith("@example.com");
        assertThat(realm.users().get(consultant).toRepresentation().getEmail()).endsWith("@example.com");
        assertThat(realm.users().get(consultant).roles().realmLevel().listAll()).extracting(role -> role.getName())
                .doesNotContain("department-admin");
    }

    @Test
    @DisplayName("Given a Department Admin who also holds a consultant level, then that level opens no user management: no Account Admins made, no self-promotion")
    void consultantLevelIsNoAdminLevel() {
        String kim = cardiologyMember("kim.partner", List.of("department-admin", "partner-consultant"));
        String token = portal.token(usernameOf(kim));
        String puppet = Fixtures.uniqueName("kim.puppet");

        Oidc.Response created = oidc.send("POST", users, token, "{\"username\": \"" + puppet + "\", \"email\": \"" + puppet
                + "@partner.example\", \"role\": \"account-admin\", \"departments\": [\"" + Portal.CARDIOLOGY + "\"]}");
        Oidc.Response promoted = oidc.send("PUT", users + "/" + kim, token, "{\"role\": \"account-admin\"}");

        assertThat(created.status()).isEqualTo(403);
        assertThat(realm.users().searchByUsername(puppet, true)).isEmpty();
        assertThat(promoted.status()).as("kim holds more than a Department Admin manages, himself included").isEqualTo(404);
        assertThat(realm.users().get(kim).roles().realmLevel().listAll()).extracting(role -> role.getName()).doesNotContain("account-admin");
        assertThat(oidc.send("GET", Portal.USER_API + "accounts/" + acme + "/details", token, null).body()).doesNotContainKey("contract");
    }

    @Test
    @DisplayName("Given an Account Admin and a Department Admin editing one user at once, then the edits run one after the other: never two levels, never a department lost")
    void editsOfOneUserAreSerialized() {
        String target = cardiologyMember("race.user", List.of("department-viewer"));
        String alice = portal.token("alice.admin");
        String dan = portal.token("dan.dept");
        for (int round = 0; round < 10; round++) {
            realm.users().get(target).roles().realmLevel().remove(List.of(realm.roles().get("account-admin").toRepresentation(),
                    realm.roles().get("department-admin").toRepresentation()));
            realm.users().get(target).roles().realmLevel().add(List.of(realm.roles().get("department-viewer").toRepresentation()));
            oidc.send("DELETE", "admin/realms/portal/organizations/" + acme + "/groups/" + Portal.RADIOLOGY + "/members/" + target,
                    oidc.adminToken(), null);

            Race.Outcome roles = Race.run("one user: account-admin by alice, department-admin by dan", 2, i -> i == 0 ? "alice" : "dan",
                    i -> oidc.send("PUT", users + "/" + target, i == 0 ? alice : dan,
                            i == 0 ? "{\"role\": \"account-admin\"}" : "{\"role\": \"department-admin\"}"));
            List<String> levels = realm.users().get(target).roles().realmLevel().listAll().stream().map(role -> role.getName())
                    .filter(role -> role.endsWith("-admin") || role.equals("department-viewer")).toList();
            assertThat(levels).as("round %d: %s", round, roles.line()).hasSize(1);
            assertThat(roles.serverErrors()).isZero();

            realm.users().get(target).roles().realmLevel().remove(List.of(realm.roles().get("account-admin").toRepresentation(),
                    realm.roles().get("department-admin").toRepresentation()));
            realm.users().get(target).roles().realmLevel().add(List.of(realm.roles().get("department-viewer").toRepresentation()));
            Race.Outcome departments = Race.run("one user: Cardiology+Radiology by alice, Cardiology by dan", 2, i -> i == 0 ? "alice" : "dan",
                    i -> oidc.send("PUT", users + "/" + target, i == 0 ? alice : dan, i == 0
                            ? "{\"departments\": [\"" + Portal.CARDIOLOGY + "\", \"" + Portal.RADIOLOGY + "\"]}"
                            : "{\"departments\": [\"" + Portal.CARDIOLOGY + "\"]}"));
            boolean aliceWon = departments.calls().get(0).response().status() == 200;
            Object groups = oidc.send("GET", users, alice, null).items().stream().filter(user -> target.equals(user.get("id")))
                    .findFirst().orElseThrow().get("departments");
            assertThat(aliceWon).as("round %d: %s", round, departments.line()).isTrue();
            assertThat(groups).as("round %d: dan may not take the user out of Radiology", round)
                    .isEqualTo(List.of(Portal.CARDIOLOGY, Portal.RADIOLOGY));
        }
    }

    @Test
    @DisplayName("Given realm admins, then view-realm alone lists no account's users, view-users does, and manage-users edits without view-realm")
    void usersNeedUserRights() {
        String viewRealm = portal.token(usernameOf(realmUser("ops.viewrealm", "view-realm")));
        String viewUsers = portal.token(usernameOf(realmUser("ops.viewusers", "view-users")));
        String manageUsers = portal.token(usernameOf(realmUser("ops.manageusers", "manage-users")));
        String target = cardiologyMember("ops.target", List.of("department-viewer"));

        assertThat(oidc.send("GET", adminUsers, viewRealm, null).status()).isEqualTo(403);
        assertThat(oidc.send("GET", Portal.ADMIN_API + "accounts", viewRealm, null).status()).isEqualTo(200);
        assertThat(oidc.send("GET", adminUsers, viewUsers, null).items()).extracting(user -> user.get("id")).contains(target);
        assertThat(oidc.send("PUT", adminUsers + "/" + target, viewUsers, "{\"firstName\": \"Nope\"}").status()).isEqualTo(403);
        assertThat(oidc.send("PUT", adminUsers + "/" + target, manageUsers, "{\"firstName\": \"Managed\"}").status()).isEqualTo(200);
        assertThat(realm.users().get(target).toRepresentation().getFirstName()).isEqualTo("Managed");
    }

    private String realmUser(String prefix, String... realmManagementRoles) {
        String id = fixtures.user(Fixtures.uniqueName(prefix));
        realm.users().get(id).roles().clientLevel(fixtures.clientUuid("realm-management"))
                .add(fixtures.clientRoles("realm-management", realmManagementRoles));
        return id;
    }

    @Test
    @DisplayName("Given a grant to a group path, then a group outside the consultant groups and a missing one get the same answer")
    void groupPathsAreNoOracle() {
        String secret = Fixtures.uniqueName("secret-project");
        fixtures.group(null, secret, Map.of());
        String dan = portal.token("dan.dept");

        Oidc.Response existing = oidc.send("POST", Portal.USER_API + "sites/acme-cardio-south/grants", dan, "{\"group\": \"/" + secret + "\"}");
        Oidc.Response missing = oidc.send("POST", Portal.USER_API + "sites/acme-cardio-south/grants", dan, "{\"group\": \"/no-" + secret + "\"}");

        assertThat(existing.status()).isEqualTo(400).isEqualTo(missing.status());
        assertThat(existing.string("errorMessage").replace(secret, "X")).isEqualTo(missing.string("errorMessage").replace("no-" + secret, "X"));
    }

    @Test
    @DisplayName("Given a delegated admin who may view users but not clients, then explain answers alike for a client without a catalog and a missing one")
    void explainIsNoClientOracle() {
        RealmResource practice = server.admin().realm("practice");
        Fixtures practiceFixtures = new Fixtures(practice, cleanup);
        String username = Fixtures.uniqueName("ops.viewusers");
        String id = practiceFixtures.user(username);
        practice.users().get(id).roles().clientLevel(practiceFixtures.clientUuid("realm-management"))
                .add(practiceFixtures.clientRoles("realm-management", "view-users"));
        String token = oidc.accessToken("practice", "ehr", username);
        String explain = "admin/realms/practice/amp-permissions/users/" + practice.users().searchByUsername("dr.sun.all", true).get(0).getId()
                + "/clients/";

        Oidc.Response management = oidc.send("GET", explain + "realm-management/explain", token, null);
        Oidc.Response missing = oidc.send("GET", explain + "no-such-client/explain", token, null);

        assertThat(management.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(oidc.send("GET", explain + "ehr/explain", token, null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given a request whose subject left the department before the decision, then approval is refused and no role is granted")
    void approvalRechecksTheDepartment() {
        String subject = races.salesMember(cleanup, "leaver");
        String subjectId = workforceId(subject);
        Oidc.Response submitted = Portal.expect(oidc.send("POST", RaceScenarios.REQUESTS, races.workforceToken(subject),
                RaceScenarios.accessRequest(subject, "drchrono", "sales-user")), 201);
        workforce.users().get(subjectId).leaveGroup(workforce.getGroupByPath("/departments/" + RaceScenarios.SALES).getId());

        Oidc.Response approved = decide(submitted.string("id"), "approve", "welcome");

        assertThat(approved.status()).isEqualTo(409);
        assertThat(approved.string("errorMessage")).contains("no longer in department");
        assertThat(mappedRoles(subjectId, "drchrono")).doesNotContain("sales-user");
        decide(submitted.string("id"), "deny", "left");
    }

    @Test
    @DisplayName("Given a role an admin granted for good while its request waited, then approving the request with an end leaves it for good")
    void approvalNeverShortensAGrant() {
        String subject = races.salesMember(cleanup, "held.for.good");
        String request = requestForAnHour(subject);
        grantInKeycloak(workforceId(subject), "sales-admin");

        approve(request);

        assertThat(roleExpiries(workforceId(subject))).as("no end on a role held for good").isEmpty();
    }

    @Test
    @DisplayName("Given a role moved to another department while its request waited, then approval is refused and nothing is granted")
    void approvalRechecksEligibility() {
        String subject = races.salesMember(cleanup, "moved.role");
        String subjectId = workforceId(subject);
        Oidc.Response submitted = Portal.expect(oidc.send("POST", RaceScenarios.REQUESTS, races.workforceToken(subject),
                RaceScenarios.accessRequest(subject, "drchrono-staging", "sales-admin")), 201);
        var role = workforce.clients().get(workforceFixtures.clientUuid("drchrono-staging")).roles().get("sales-admin");
        var representation = role.toRepresentation();
        List<String> department = representation.getAttributes().get("department");
        representation.getAttributes().put("department", List.of("rcm-team"));
        role.update(representation);
        cleanup.add(() -> {
            representation.getAttributes().put("department", department);
            role.update(representation);
        });

        Oidc.Response approved = decide(submitted.string("id"), "approve", "ok");

        assertThat(approved.status()).isEqualTo(409);
        assertThat(mappedRoles(subjectId, "drchrono-staging")).doesNotContain("sales-admin");
        decide(submitted.string("id"), "deny", "moved");
    }

    @Test
    @DisplayName("Given a request for someone else, then a role they hold and one waiting for them read alike")
    void heldAndPendingOfOthersReadAlike() {
        String subject = races.salesMember(cleanup, "other.person");
        String carla = races.workforceToken("carla.cx");
        Oidc.Response first = Portal.expect(oidc.send("POST", RaceScenarios.REQUESTS, carla,
                RaceScenarios.accessRequest(subject, "drchrono", "sales-admin")), 201);
        cleanup.add(RaceScenarios.tolerant(() -> oidc.send("POST", RaceScenarios.REQUESTS + "/" + first.string("id") + "/cancel",
                races.workforceToken("carla.cx"), null)));

        Oidc.Response pending = oidc.send("POST", RaceScenarios.REQUESTS, carla, RaceScenarios.accessRequest(subject, "drchrono", "sales-admin"));
        Oidc.Response held = oidc.send("POST", RaceScenarios.REQUESTS, carla, RaceScenarios.accessRequest("sam.sales", "drchrono", "sales-user"));

        assertThat(pending.status()).isEqualTo(409).isEqualTo(held.status());
        assertThat(pending.string("errorMessage").replace("sales-admin", "R")).isEqualTo(held.string("errorMessage").replace("sales-user", "R"));
    }

    @Test
    @DisplayName("Given an emergency reason with a direction override, then the login page says why, not that it is too long")
    void reasonMessageSaysWhy() {
        Browser browser = new Browser(server);
        Browser.Page page = browser.submit(browser.authorize("practice", "ehr"), "kc-form-login",
                Elevations.loginForm("erin.er", "patient \u202egnp.exe"), null, null);

        assertThat(page.code()).isNull();
        assertThat(page.text()).contains("visible text").doesNotContain("at most");
    }

    @Test
    @DisplayName("Given a role approved with an end, then an administrator granting it again in Keycloak grants it for good")
    void adminGrantOutlivesAnApprovedEnd() {
        String subject = races.salesMember(cleanup, "admin.granted");
        approve(requestForAnHour(subject));
        assertThat(roleExpiries(workforceId(subject))).isNotEmpty();

        grantInKeycloak(workforceId(subject), "sales-admin");

        assertThat(roleExpiries(workforceId(subject))).isEmpty();
    }

    @Test
    @DisplayName("Given the admin's mapping call sent with a trailing slash, then the grant is for good all the same")
    void adminGrantWithTrailingSlash() {
        String subject = races.salesMember(cleanup, "slash.granted");
        approve(requestForAnHour(subject));
        String role = oidc.send("GET", "admin/realms/workforce/clients/" + workforceFixtures.clientUuid("drchrono") + "/roles/sales-admin",
                oidc.adminToken(), null).string("id");

        Portal.expect(oidc.send("POST", "admin/realms/workforce/users/" + workforceId(subject) + "/role-mappings/clients/"
                + workforceFixtures.clientUuid("drchrono") + "/", oidc.adminToken(), "[{\"id\": \"" + role + "\", \"name\": \"sales-admin\"}]"), 204);

        assertThat(roleExpiries(workforceId(subject))).isEmpty();
    }

    @Test
    @DisplayName("Given a running break-the-glass elevation whose session an admin signed out, then the user may ask again at once")
    void signedOutElevationFreesItsPlace() {
        RealmResource practice = server.admin().realm("practice");
        String requester = races.practiceUser(cleanup);
        String requesterId = practice.users().searchByUsername(requester, true).get(0).getId();
        String first = Portal.expect(oidc.passwordGrant("practice", "ehr", requester, Oidc.DEMO_PASSWORD), 200).string("access_token");
        Oidc.Response asked = Portal.expect(oidc.send("POST", Elevations.API + "break-the-glass", first,
                "{\"reason\": \"Chart needed\", \"durationMinutes\": 30}"), 201);
        Portal.expect(oidc.send("POST", Elevations.API + "break-the-glass/" + asked.string("id") + "/approve",
                oidc.accessToken("practice", "ehr", "rita.review"), "{\"comment\": \"ok\"}"), 200);
        practice.users().get(requesterId).logout();

        Oidc.Response again = Portal.expect(oidc.passwordGrant("practice", "ehr", requester, Oidc.DEMO_PASSWORD), 200);
        Oidc.Response second = oidc.send("POST", Elevations.API + "break-the-glass", again.string("access_token"),
                "{\"reason\": \"Chart needed again\", \"durationMinutes\": 30}");

        assertThat(second.status()).as("%s", second.body()).isEqualTo(201);
        oidc.logout("practice", "ehr", again.string("refresh_token"));
    }

    @Test
    @DisplayName("Given an unreadable role-expiry value, then it is ignored and the user's tokens are issued")
    void unreadableExpiryIsIgnored() {
        String subject = races.salesMember(cleanup, "bad.expiry");
        var user = workforce.users().get(workforce.users().searchByUsername(subject, true).get(0).getId());
        var representation = user.toRepresentation();
        representation.setAttributes(Map.of("amp.role-expiry", List.of("x/y@9999999999999999999", "garbage")));
        user.update(representation);

        assertThat(oidc.passwordGrant("workforce", "drchrono", subject, Oidc.DEMO_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given a granted consultant group moved out from under the consultant groups, then its members lose its sites")
    void groupsOutsideTheConsultantTreeCarryNoGrants() {
        String team = Fixtures.uniqueName("Sub Team");
        String groupId = fixtures.group("/consultant-groups/Partner Analysts", team, Map.of());
        String member = Fixtures.uniqueName("sub.member");
        String memberId = fixtures.user(member);
        realm.users().get(memberId).roles().realmLevel().add(List.of(realm.roles().get("partner-consultant").toRepresentation()));
        realm.users().get(memberId).joinGroup(groupId);
        Oidc.Response grant = Portal.expect(oidc.send("POST", Portal.ADMIN_API + "sites/acme-cardio-south/grants", oidc.adminToken(),
                "{\"group\": \"/consultant-groups/Partner Analysts/" + team + "\"}"), 201);
        cleanup.add(() -> portal.removeGrant("acme-cardio-south", grant.string("id")));
        assertThat(Portal.sites(Oidc.claims(portal.token(member)))).contains("acme-cardio-south");

        GroupRepresentation moved = realm.groups().group(groupId).toRepresentation();
        realm.groups().add(moved).close();

        assertThat(Portal.sites(Oidc.claims(portal.token(member)))).doesNotContain("acme-cardio-south");
    }
}
