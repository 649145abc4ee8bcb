package io.amp.keycloak.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, "What was found", items 1 to 7: each finding replayed the way the outside tester made
 * it, against the suite's server, asserting the corrected answer of the README's "Answers, races and audit" (
 * 403 before any lookup for a caller who may not act at all, 404 for what the caller may not
 * reach or what does not exist, 400 for bad bodies, 415 for the wrong media type, never 5xx).
 * Each test is named after its finding.
 */
class FindingsReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEACON_PRIMARY = "5b0c2a4e-3c1f-4d7a-9e55-be0000000001";

    private final KeycloakServer server = KeycloakServer.get();
    private final Cleanup cleanup = new Cleanup();
    private final Oidc oidc = new Oidc(server);
    private final Portal portal = new Portal();
    private final RaceScenarios races = new RaceScenarios(server);
    private final String acme = portal.accountId("acme-health");
    /** Acme's users on the user surface, where its Account and Department Admins call. */
    private final String accountUsers = Portal.USER_API + "accounts/" + acme + "/users";
    /** The same on the admin surface, where realm administrators (master admin, realm-management role holders) call. */
    private final String adminAccountUsers = Portal.ADMIN_API + "accounts/" + acme + "/users";
    private final List<String> practiceRefreshTokens = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        practiceRefreshTokens.forEach(token -> oidc.logout("practice", "ehr", token));
        practiceRefreshTokens.clear();
        cleanup.run();
    }

    // ---------------------------------------------------------------- helpers

    static String json(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** An Acme user created through AMP by the master admin; removed by the cleanup. Returns the id. */
    private String accountUser(String role, String... departments) {
        String username = Fixtures.uniqueName("replay");
        Oidc.Response created = oidc.send("POST", adminAccountUsers, oidc.adminToken(), json(fields("username", username,
                "email", username + "@acme-health.example", "firstName", "Replay", "lastName", "User", "role", role,
                "departments", List.of(departments))));
        Portal.expect(created, 201);
        String id = created.string("id");
        cleanup.add(() -> portal.realm().users().delete(id).close());
        return id;
    }

    private UserRepresentation portalUser(String id) {
        return portal.realm().users().get(id).toRepresentation();
    }

    private List<String> realmRoles(String userId) {
        return portal.realm().users().get(userId).roles().realmLevel().listAll().stream().map(role -> role.getName()).toList();
    }

    /** A portal user holding realm-management view-realm and view-users, nothing else; returns a token. */
    private String realmViewer() {
        String username = Fixtures.uniqueName("realm.viewer");
        Fixtures fixtures = new Fixtures(portal.realm(), cleanup);
        String id = fixtures.user(username);
        portal.realm().users().get(id).roles().clientLevel(fixtures.clientUuid("realm-management"))
                .add(fixtures.clientRoles("realm-management", "view-realm", "view-users"));
        return portal.token(username);
    }

    private Oidc.Response practiceSession(String username) {
        Oidc.Response tokens = Portal.expect(oidc.passwordGrant("practice", "ehr", username, Oidc.DEMO_PASSWORD), 200);
        practiceRefreshTokens.add(tokens.string("refresh_token"));
        return tokens;
    }

    private String practiceUser() {
        String username = Fixtures.uniqueName("replay.practice");
        new Fixtures(realmOf("practice"), cleanup).user(username, Map.of("user-type", List.of("provider")));
        return username;
    }

    private RealmResource realmOf(String name) {
        return server.admin().realm(name);
    }

    private Oidc.Response askBreakTheGlass(String token, String reason) {
        return oidc.send("POST", Elevations.API + "break-the-glass", token, json(fields("reason", reason, "durationMinutes", 10)));
    }

    private String rita() {
        return practiceSession("rita.review").string("access_token");
    }

    private static Map<String, Object> find(List<Map<String, Object>> items, String id) {
        return items == null ? null : items.stream().filter(item -> id.equals(item.get("id"))).findFirst().orElse(null);
    }

    /** Access requests: a request for a Sales member by {@code requester}; the requester cancels it afterwards if still pending. */
    private String accessRequest(String requester, String subject) {
        String id = submittedRequest(requester, subject);
        cleanup.add(RaceScenarios.tolerant(() -> oidc.send("POST", RaceScenarios.REQUESTS + "/" + id + "/cancel", races.workforceToken(requester), null)));
        return id;
    }

    /** As {@link #accessRequest}, for a test that removes the requester itself (and decides what is left). */
    private String submittedRequest(String requester, String subject) {
        Oidc.Response submitted = oidc.send("POST", RaceScenarios.REQUESTS, races.workforceToken(requester),
                RaceScenarios.accessRequest(subject, "drchrono", "sales-user"));
        return Portal.expect(submitted, 201).string("id");
    }

    private Map<String, Object> requestAsSeenBy(String username, String id) {
        return find(oidc.send("GET", RaceScenarios.REQUESTS + "/mine", races.workforceToken(username), null).items(), id);
    }

    // ---------------------------------------------------------------- 1

    @Test
    @DisplayName("Finding 1: concurrent approve and deny of one request, and concurrent submissions, each have exactly one winner")
    void finding1_concurrentDecisionsHaveOneWinner() {
        List<AssertionError> failures = new ArrayList<>();
        // 26 reviewers answered 200 for one request when found; duplicates of 2 to 3 pending submissions.
        for (Runnable race : List.<Runnable>of(() -> races.accessRequestDecisions(26), () -> races.breakTheGlassDecisions(26),
                () -> races.accessRequestSubmissions(10), () -> races.breakTheGlassSubmissions(10))) {
            try {
                race.run();
            } catch (AssertionError e) {
                failures.add(e);
            }
        }
        assertThat(failures).as("races with more than one winner or a record that does not match its effect").isEmpty();
    }

    // ---------------------------------------------------------------- 2

    @Test
    @DisplayName("Finding 2: a realm viewer (view-realm, view-users) reads account users but every write is 403 and changes nothing")
    void finding2_viewRightsNeverWrite() {
        String target = accountUser("department-viewer", Portal.RADIOLOGY);
        UserRepresentation before = portalUser(target);
        String viewer = realmViewer();
        String[] consultant = races.consultant(cleanup);
        SoftAssertions softly = new SoftAssertions();

        softly.assertThat(oidc.send("GET", adminAccountUsers, viewer, null).status()).as("GET users as a realm viewer").isEqualTo(200);
        Oidc.Response edited = oidc.send("PUT", adminAccountUsers + "/" + target, viewer,
                json(fields("email", "changed-" + before.getUsername() + "@acme-health.example", "firstName", "Changed", "lastName", "Changed")));
        softly.assertThat(edited.status()).as("PUT accounts/{id}/users/{userId} as a realm viewer: %s", edited.body()).isEqualTo(403);
        softly.assertThat(oidc.send("PUT", "admin/realms/portal/users/" + target, viewer, json(fields("firstName", "Changed"))).status())
                .as("Keycloak's own PUT users/{id} to the same token").isEqualTo(403);

        Oidc.Response created = oidc.send("POST", adminAccountUsers, viewer, json(fields("username", Fixtures.uniqueName("viewer.made"),
                "email", Fixtures.uniqueName("viewer.made") + "@acme-health.example", "role", "department-viewer",
                "departments", List.of(Portal.RADIOLOGY))));
        if (created.status() == 201) {
            String id = created.string("id");
            cleanup.add(() -> portal.realm().users().delete(id).close());
        }
        softly.assertThat(created.status()).as("POST accounts/{id}/users as a realm viewer").isEqualTo(403);
        Oidc.Response granted = oidc.send("POST", Portal.ADMIN_API + "sites/acme-cardio-south/grants", viewer, json(fields("email", consultant[1])));
        if (granted.status() == 201) {
            cleanup.add(() -> portal.removeGrant("acme-cardio-south", granted.string("id")));
        }
        softly.assertThat(granted.status()).as("POST grants as a realm viewer").isEqualTo(403);
        String north = oidc.send("GET", Portal.ADMIN_API + "sites/acme-cardio-north/grants", oidc.adminToken(), null).items().get(0).get("id").toString();
        Oidc.Response toggled = oidc.send("PUT", Portal.ADMIN_API + "sites/acme-cardio-north/grants/" + north, viewer, json(fields("enabled", false)));
        if (toggled.status() == 200) {
            cleanup.add(() -> oidc.send("PUT", Portal.ADMIN_API + "sites/acme-cardio-north/grants/" + north, oidc.adminToken(), "{\"enabled\": true}"));
        }
        softly.assertThat(toggled.status()).as("PUT grant as a realm viewer").isEqualTo(403);
        softly.assertThat(oidc.send("PUT", Portal.ADMIN_API + "accounts/" + acme + "/departments/" + Portal.RADIOLOGY, viewer,
                json(fields("name", "Radiology"))).status()).as("PUT department as a realm viewer").isEqualTo(403);

        UserRepresentation after = portalUser(target);
        softly.assertThat(after.getEmail()).as("email after the viewer's edit").isEqualTo(before.getEmail());
        softly.assertThat(after.getFirstName()).as("first name after the viewer's edit").isEqualTo(before.getFirstName());
        softly.assertThat(after.getLastName()).as("last name after the viewer's edit").isEqualTo(before.getLastName());
        softly.assertAll();
    }

    // ---------------------------------------------------------------- 3

    @Test
    @DisplayName("Finding 3: role and profile edits stay within the caller's reach; a user shared with another department or account keeps their standing there")
    void finding3_roleEditsStayInReach() {
        String dan = portal.token("dan.dept");
        String alice = portal.token("alice.admin");
        SoftAssertions softly = new SoftAssertions();

        // A Department Admin of Cardiology promotes a user of Cardiology and Radiology.
        String shared = accountUser("department-viewer", Portal.CARDIOLOGY, Portal.RADIOLOGY);
        Oidc.Response promoted = oidc.send("PUT", accountUsers + "/" + shared, dan, json(fields("role", "department-admin")));
        softly.assertThat(promoted.status()).as("dan.dept promotes a Cardiology+Radiology viewer: %s", promoted.body()).isEqualTo(403);
        softly.assertThat(realmRoles(shared)).as("realm roles of the shared user afterwards")
                .contains("department-viewer").doesNotContain("department-admin");
        Oidc.Response renamed = oidc.send("PUT", accountUsers + "/" + shared, dan,
                json(fields("email", "moved-" + shared.substring(0, 8) + "@acme-health.example")));
        softly.assertThat(renamed.status()).as("dan.dept re-emails the shared user: %s", renamed.body()).isEqualTo(403);
        softly.assertThat(portalUser(shared).getEmail()).as("email of the shared user").doesNotStartWith("moved-");

        // ... and cannot re-email or demote Radiology's Department Admin, a user outside his reach. Seed 002 lists the
        // account's Department Admins and Viewers to him, so the answer is 403 (listed, not his to change), not 404.
        String radiologyAdmin = accountUser("department-admin", Portal.RADIOLOGY);
        String emailBefore = portalUser(radiologyAdmin).getEmail();
        softly.assertThat(oidc.send("PUT", accountUsers + "/" + radiologyAdmin, dan, json(fields("email", "x-" + emailBefore))).status())
                .as("dan.dept re-emails Radiology's admin").isEqualTo(403);
        softly.assertThat(oidc.send("PUT", accountUsers + "/" + radiologyAdmin, dan, json(fields("role", "department-viewer"))).status())
                .as("dan.dept demotes Radiology's admin").isEqualTo(403);
        softly.assertThat(oidc.send("PUT", accountUsers + "/" + UUID.randomUUID(), dan, json(fields("role", "department-viewer"))).status())
                .as("dan.dept edits an unknown user id").isEqualTo(404);
        softly.assertThat(portalUser(radiologyAdmin).getEmail()).isEqualTo(emailBefore);
        softly.assertThat(realmRoles(radiologyAdmin)).as("Radiology admin's roles").contains("department-admin");

        // An Account Admin of Acme promotes a user who also belongs to Beacon Care.
        String twoAccounts = accountUser("department-viewer", Portal.CARDIOLOGY);
        String admin = oidc.adminToken();
        String beacon = portal.accountId("beacon-care");
        Portal.expect(oidc.send("POST", "admin/realms/portal/organizations/" + beacon + "/members", admin, "\"" + twoAccounts + "\""), 201);
        Portal.expect(oidc.send("PUT", "admin/realms/portal/organizations/" + beacon + "/groups/" + BEACON_PRIMARY + "/members/" + twoAccounts,
                admin, null), 204);
        Oidc.Response raised = oidc.send("PUT", accountUsers + "/" + twoAccounts, alice, json(fields("role", "account-admin")));
        softly.assertThat(raised.status()).as("alice.admin promotes a user of Acme and Beacon to account-admin: %s", raised.body())
                .isEqualTo(403);
        softly.assertThat(realmRoles(twoAccounts)).as("realm roles of the two-account user")
                .contains("department-viewer").doesNotContain("account-admin");
        softly.assertAll();
    }

    // ---------------------------------------------------------------- 4

    @Test
    @DisplayName("Finding 4: ordinary input gets a 4xx, never a 500: another realm's organization, long names, double DELETE, multipart")
    void finding4_ordinaryInputIsNever500() throws InterruptedException {
        SoftAssertions softly = new SoftAssertions();
        String admin = oidc.adminToken();

        // An organization id of another realm on every accounts/{id}/... path: 404.
        String otherRealm = Fixtures.uniqueName("replay-org-realm");
        RealmRepresentation representation = new RealmRepresentation();
        representation.setRealm(otherRealm);
        representation.setEnabled(true);
        representation.setOrganizationsEnabled(true);
        server.admin().realms().create(representation);
        cleanup.add(() -> server.admin().realm(otherRealm).remove());
        Portal.expect(oidc.send("POST", "admin/realms/" + otherRealm + "/organizations", admin,
                json(fields("name", "Elsewhere", "alias", "elsewhere", "domains", List.of(Map.of("name", "elsewhere.example"))))), 201);
        String foreign = oidc.get("admin/realms/" + otherRealm + "/organizations", admin).items().get(0).get("id").toString();
        String someUser = accountUser("department-viewer", Portal.CARDIOLOGY);
        String base = Portal.ADMIN_API + "accounts/" + foreign;
        for (String[] call : new String[][] {
                {"GET", base + "/details", null},
                {"GET", base + "/departments", null},
                {"POST", base + "/departments", json(fields("name", "Foreign"))},
                {"PUT", base + "/departments/" + Portal.CARDIOLOGY, json(fields("name", "Foreign"))},
                {"GET", base + "/sites", null},
                {"POST", base + "/departments/" + Portal.CARDIOLOGY + "/sites", json(fields("key", Fixtures.uniqueName("foreign-site")))},
                {"GET", base + "/users", null},
                {"POST", base + "/users", json(fields("username", Fixtures.uniqueName("foreign"), "email", Fixtures.uniqueName("foreign") + "@x.example",
                        "role", "department-viewer", "departments", List.of()))},
                {"PUT", base + "/users/" + someUser, json(fields("firstName", "Foreign"))},
        }) {
            Oidc.Response response = oidc.send(call[0], call[1], admin, call[2]);
            softly.assertThat(response.status()).as("%s %s with another realm's organization id: %s", call[0], call[1], response.body())
                    .isEqualTo(404);
        }

        // First or last name over 255 characters, on create and edit: 400, nothing stored.
        String longName = "N".repeat(300);
        String username = Fixtures.uniqueName("longname");
        Oidc.Response created = oidc.send("POST", adminAccountUsers, admin, json(fields("username", username, "email", username + "@acme-health.example",
                "firstName", longName, "role", "department-viewer", "departments", List.of(Portal.CARDIOLOGY))));
        if (created.status() == 201) {
            String id = created.string("id");
            cleanup.add(() -> portal.realm().users().delete(id).close());
        }
        softly.assertThat(created.status()).as("create with a 300-character firstName: %s", created.body()).isEqualTo(400);
        softly.assertThat(portal.realm().users().searchByUsername(username, true)).as("user created anyway").isEmpty();
        Oidc.Response editedFirst = oidc.send("PUT", adminAccountUsers + "/" + someUser, admin, json(fields("firstName", longName)));
        Oidc.Response editedLast = oidc.send("PUT", adminAccountUsers + "/" + someUser, admin, json(fields("lastName", longName)));
        softly.assertThat(editedFirst.status()).as("edit with a 300-character firstName: %s", editedFirst.body()).isEqualTo(400);
        softly.assertThat(editedLast.status()).as("edit with a 300-character lastName: %s", editedLast.body()).isEqualTo(400);
        softly.assertThat(portalUser(someUser).getFirstName()).isEqualTo("Replay");
        softly.assertThat(portalUser(someUser).getLastName()).isEqualTo("User");

        // Two concurrent DELETEs of one grant: 204 and 404.
        try {
            races.concurrentGrantDeletes();
        } catch (AssertionError e) {
            softly.fail("two concurrent DELETEs of one grant: " + e.getMessage());
        }

        // A multipart/form-data body on acknowledge and revoke: 415, and the record unchanged.
        Elevations elevations = new Elevations();
        Oidc.Response erin = elevations.signInToTokens("erin.er", "Replay of finding 4");
        practiceRefreshTokens.add(erin.string("refresh_token"));
        String elevation = (String) Elevations.elevation(Elevations.access(erin)).get("id");
        String rita = rita();
        Oidc.Response acknowledged = oidc.multipart("POST", Elevations.API + "emergency-access/" + elevation + "/acknowledge", rita, "comment", "seen");
        softly.assertThat(acknowledged.status()).as("multipart acknowledge: %s", acknowledged.body()).isEqualTo(415);
        Oidc.Response revoked = oidc.multipart("POST", Elevations.ADMIN_API + "elevations/" + elevation + "/revoke", oidc.adminToken(), "comment", "stop");
        softly.assertThat(revoked.status()).as("multipart revoke: %s", revoked.body()).isEqualTo(415);
        Map<String, Object> record = find(oidc.get(Elevations.API + "emergency-access", rita).items(), elevation);
        softly.assertThat(record).as("erin's emergency access as reviewers see it").isNotNull();
        if (record != null) {
            softly.assertThat(record).as("not acknowledged by the multipart call").doesNotContainKey("acknowledgedBy");
        }
        softly.assertThat(find(oidc.get(Elevations.ADMIN_API + "elevations/active", oidc.adminToken()).items(), elevation))
                .as("still running after the multipart revoke").isNotNull();
        softly.assertAll();
    }

    // ---------------------------------------------------------------- 5

    private static final Map<String, String> HOSTILE_NAMES = new LinkedHashMap<>();
    private static final Map<String, String> HOSTILE_EMAILS = new LinkedHashMap<>();

    static {
        HOSTILE_NAMES.put("NUL", "bad\u0000name");
        HOSTILE_NAMES.put("CR/LF", "bad\r\nname");
        HOSTILE_NAMES.put("U+202E", "bad\u202Ename");
        HOSTILE_NAMES.put("U+200B", "bad\u200Bname");
        HOSTILE_NAMES.put("HTML", "<img src=x onerror=alert(1)>");
        HOSTILE_EMAILS.put("NUL", "bad\u0000x@acme-health.example");
        HOSTILE_EMAILS.put("CR/LF", "bad\r\nx@acme-health.example");
        HOSTILE_EMAILS.put("U+202E", "bad\u202Ex@acme-health.example");
        HOSTILE_EMAILS.put("U+200B", "bad\u200Bx@acme-health.example");
        HOSTILE_EMAILS.put("HTML", "<b>x</b>@acme-health.example");
    }

    @Test
    @DisplayName("Finding 5: what Keycloak would refuse is refused: hostile usernames and emails, blank-looking comments, trailing garbage, no Content-Type")
    void finding5_inputKeycloakWouldRefuse() {
        SoftAssertions softly = new SoftAssertions();
        String admin = oidc.adminToken();
        int usersBefore = oidc.get(adminAccountUsers, admin).items().size();

        // Usernames and emails with NUL, CR/LF, U+202E, U+200B and HTML: 400 on create ...
        HOSTILE_NAMES.forEach((kind, value) -> {
            Oidc.Response response = oidc.send("POST", adminAccountUsers, admin, json(fields("username", value,
                    "email", Fixtures.uniqueName("hostile") + "@acme-health.example", "role", "department-viewer", "departments", List.of(Portal.CARDIOLOGY))));
            removeIfCreated(response);
            softly.assertThat(response.status()).as("create with a username holding %s: %s", kind, response.body()).isEqualTo(400);
        });
        HOSTILE_EMAILS.forEach((kind, value) -> {
            Oidc.Response response = oidc.send("POST", adminAccountUsers, admin, json(fields("username", Fixtures.uniqueName("hostile"),
                    "email", value, "role", "department-viewer", "departments", List.of(Portal.CARDIOLOGY))));
            removeIfCreated(response);
            softly.assertThat(response.status()).as("create with an email holding %s: %s", kind, response.body()).isEqualTo(400);
        });
        softly.assertThat(oidc.get(adminAccountUsers, oidc.adminToken()).items()).as("account users after the hostile creates").hasSize(usersBefore);

        // ... and on edit (email and names), the user unchanged.
        String target = accountUser("department-viewer", Portal.CARDIOLOGY);
        UserRepresentation before = portalUser(target);
        HOSTILE_EMAILS.forEach((kind, value) -> {
            Oidc.Response response = oidc.send("PUT", adminAccountUsers + "/" + target, admin, json(fields("email", value)));
            softly.assertThat(response.status()).as("edit to an email holding %s: %s", kind, response.body()).isEqualTo(400);
        });
        HOSTILE_NAMES.forEach((kind, value) -> {
            Oidc.Response response = oidc.send("PUT", adminAccountUsers + "/" + target, admin, json(fields("firstName", value)));
            softly.assertThat(response.status()).as("edit to a firstName holding %s: %s", kind, response.body()).isEqualTo(400);
        });
        UserRepresentation after = portalUser(target);
        softly.assertThat(after.getEmail()).as("email after hostile edits").isEqualTo(before.getEmail());
        softly.assertThat(after.getFirstName()).as("first name after hostile edits").isEqualTo(before.getFirstName());

        // A "required" comment or reason of one zero-width space: 400.
        String requester = practiceUser();
        Oidc.Response session = practiceSession(requester);
        Oidc.Response blankReason = askBreakTheGlass(session.string("access_token"), "\u200B");
        softly.assertThat(blankReason.status()).as("break-the-glass reason of one U+200B: %s", blankReason.body()).isEqualTo(400);
        // Where the blank reason was wrongly taken, that request is the one to review (a second would be 409).
        String btg = blankReason.status() == 201 ? blankReason.string("id")
                : Portal.expect(askBreakTheGlass(session.string("access_token"), "Replay of finding 5"), 201).string("id");
        Oidc.Response blankComment = oidc.send("POST", Elevations.API + "break-the-glass/" + btg + "/approve", rita(), json(fields("comment", "\u200B")));
        softly.assertThat(blankComment.status()).as("approval comment of one U+200B: %s", blankComment.body()).isEqualTo(400);
        softly.assertThat(find(oidc.get(Elevations.API + "mine", session.string("access_token")).items(), btg))
                .as("the request after the blank approval").containsEntry("status", "pending");

        String subject = races.salesMember(cleanup, "replay.subject");
        Oidc.Response blankJustification = oidc.send("POST", RaceScenarios.REQUESTS, races.workforceToken(subject),
                RaceScenarios.accessRequest(subject, "drchrono", "sales-user").replace("race test", "\\u200B"));
        if (blankJustification.status() == 201) {
            String id = blankJustification.string("id");
            cleanup.add(RaceScenarios.tolerant(() -> oidc.send("POST", RaceScenarios.REQUESTS + "/" + id + "/cancel", races.workforceToken(subject), null)));
        }
        softly.assertThat(blankJustification.status()).as("justification of one U+200B: %s", blankJustification.body()).isEqualTo(400);
        String request = accessRequest(subject, subject);
        Oidc.Response blankDecision = oidc.send("POST", RaceScenarios.REQUESTS + "/" + request + "/deny", races.workforceToken("mia.manager"),
                json(fields("reason", "\u200B")));
        softly.assertThat(blankDecision.status()).as("decision reason of one U+200B: %s", blankDecision.body()).isEqualTo(400);
        softly.assertThat(requestAsSeenBy(subject, request)).as("the access request after the blank decision").containsEntry("status", "pending");

        // Trailing garbage after the JSON body: 400, nothing created.
        String[] consultant = races.consultant(cleanup);
        Oidc.Response trailing = oidc.send("POST", Portal.ADMIN_API + "sites/acme-cardio-south/grants", admin,
                json(fields("email", consultant[1])) + " trailing");
        removeGrantIfCreated(trailing);
        softly.assertThat(trailing.status()).as("grant with trailing garbage: %s", trailing.body()).isEqualTo(400);
        Oidc.Response trailingObject = oidc.send("POST", Portal.ADMIN_API + "sites/acme-cardio-south/grants", admin,
                json(fields("email", consultant[1])) + "{}");
        removeGrantIfCreated(trailingObject);
        softly.assertThat(trailingObject.status()).as("grant followed by a second JSON object: %s", trailingObject.body()).isEqualTo(400);
        Oidc.Response trailingDecision = oidc.send("POST", RaceScenarios.REQUESTS + "/" + request + "/deny", races.workforceToken("mia.manager"),
                json(fields("reason", "no")) + "]");
        softly.assertThat(trailingDecision.status()).as("decision with trailing garbage: %s", trailingDecision.body()).isEqualTo(400);

        // A body without Content-Type: 415; text/plain: 415.
        Oidc.Response untyped = oidc.send("POST", Portal.ADMIN_API + "sites/acme-cardio-south/grants", admin, null, json(fields("email", consultant[1])));
        removeGrantIfCreated(untyped);
        softly.assertThat(untyped.status()).as("grant with a body and no Content-Type: %s", untyped.body()).isEqualTo(415);
        Oidc.Response plain = oidc.send("POST", Portal.ADMIN_API + "sites/acme-cardio-south/grants", admin, "text/plain", json(fields("email", consultant[1])));
        removeGrantIfCreated(plain);
        softly.assertThat(plain.status()).as("grant with Content-Type text/plain: %s", plain.body()).isEqualTo(415);
        Oidc.Response untypedDecision = oidc.send("POST", RaceScenarios.REQUESTS + "/" + request + "/deny", races.workforceToken("mia.manager"), null,
                json(fields("reason", "no")));
        softly.assertThat(untypedDecision.status()).as("decision with a body and no Content-Type: %s", untypedDecision.body()).isEqualTo(415);
        softly.assertThat(races.grantsOf(consultant[0], consultant[1], oidc.adminToken())).as("grants after the refused calls").isEmpty();
        softly.assertThat(requestAsSeenBy(subject, request)).as("the access request after the refused decisions").containsEntry("status", "pending");
        softly.assertAll();
    }

    private void removeIfCreated(Oidc.Response response) {
        if (response.status() == 201 && response.string("id") != null) {
            String id = response.string("id");
            cleanup.add(() -> portal.realm().users().delete(id).close());
        }
    }

    private void removeGrantIfCreated(Oidc.Response response) {
        if (response.status() == 201 && response.string("id") != null) {
            String id = response.string("id");
            cleanup.add(() -> portal.removeGrant("acme-cardio-south", id));
        }
    }

    // ---------------------------------------------------------------- 6

    @Test
    @DisplayName("Finding 6: one answer per situation: no oracles for emails, usernames or ids; 403 for own decisions and others' cancels; no outside ids")
    void finding6_oneAnswerPerSituation() {
        SoftAssertions softly = new SoftAssertions();

        // Grant by email: "no such user" and "not a consultant" answer alike.
        String alice = portal.token("alice.admin");
        Oidc.Response unknown = oidc.send("POST", Portal.USER_API + "sites/acme-cardio-south/grants", alice,
                json(fields("email", Fixtures.uniqueName("nobody") + "@nowhere.example")));
        Oidc.Response notConsultant = oidc.send("POST", Portal.USER_API + "sites/acme-cardio-south/grants", alice,
                json(fields("email", "vera.viewer@acme-health.example")));
        removeGrantIfCreated(notConsultant);
        softly.assertThat(notConsultant.status()).as("grant to a non-consultant's email (%s) vs an unknown email (%s)", notConsultant.body(),
                unknown.body()).isEqualTo(unknown.status());
        softly.assertThat(notConsultant.status()).as("grant to an email that is no consultant's").isEqualTo(400);
        softly.assertThat(notConsultant.string("errorMessage")).as("message for a non-consultant's email").isEqualTo(unknown.string("errorMessage"));

        // Request on behalf: an unknown subject and an existing one outside the department answer alike.
        String carla = races.workforceToken("carla.cx");
        String nobody = Fixtures.uniqueName("nobody.here");
        Oidc.Response forNobody = oidc.send("POST", RaceScenarios.REQUESTS, carla, RaceScenarios.accessRequest(nobody, "drchrono", "sales-admin"));
        Oidc.Response forIvan = oidc.send("POST", RaceScenarios.REQUESTS, carla, RaceScenarios.accessRequest("ivan.impl", "drchrono", "sales-admin"));
        if (forIvan.status() == 201) {
            String id = forIvan.string("id");
            cleanup.add(RaceScenarios.tolerant(() -> oidc.send("POST", RaceScenarios.REQUESTS + "/" + id + "/cancel", races.workforceToken("carla.cx"), null)));
        }
        softly.assertThat(forIvan.status()).as("request for ivan.impl in Sales, which he is not in: %s", forIvan.body()).isEqualTo(400);
        softly.assertThat(forNobody.status()).as("request for an unknown user: %s", forNobody.body()).isEqualTo(forIvan.status());
        String nobodyMessage = String.valueOf(forNobody.string("errorMessage")).replace(nobody, "<subject>");
        String ivanMessage = String.valueOf(forIvan.string("errorMessage")).replace("ivan.impl", "<subject>");
        softly.assertThat(nobodyMessage).as("message for an unknown subject vs an existing one outside the department").isEqualTo(ivanMessage);

        // A non-reviewer gets the same answer for an existing and an unknown break-the-glass id.
        String requester = practiceUser();
        String btg = Portal.expect(askBreakTheGlass(practiceSession(requester).string("access_token"), "Replay of finding 6"), 201).string("id");
        String notReviewer = practiceSession("dr.sun.all").string("access_token");
        for (String action : List.of("approve", "deny")) {
            Oidc.Response existing = oidc.send("POST", Elevations.API + "break-the-glass/" + btg + "/" + action, notReviewer, json(fields("comment", "ok")));
            Oidc.Response missing = oidc.send("POST", Elevations.API + "break-the-glass/" + UUID.randomUUID() + "/" + action, notReviewer,
                    json(fields("comment", "ok")));
            softly.assertThat(existing.status()).as("non-reviewer %s of an existing request", action).isEqualTo(403);
            softly.assertThat(missing.status()).as("non-reviewer %s of an unknown id (existing: %s)", action, existing.status()).isEqualTo(403);
        }

        // Deciding one's own access request, or one made for oneself: 403; cancelling another's or an unknown one: 403.
        String approverSubject = races.salesMember(cleanup, "replay.approver");
        RealmResource workforce = realmOf("workforce");
        String approverId = workforce.users().searchByUsername(approverSubject, true).get(0).getId();
        workforce.users().get(approverId).roles().realmLevel().add(List.of(workforce.roles().get("access-approver").toRepresentation()));
        String other = races.salesMember(cleanup, "replay.subject");
        String madeByApprover = accessRequest(approverSubject, other);
        String forApprover = accessRequest("carla.cx", approverSubject);
        String approver = races.workforceToken(approverSubject);
        Oidc.Response ownMade = oidc.send("POST", RaceScenarios.REQUESTS + "/" + madeByApprover + "/approve", approver, json(fields("reason", "mine")));
        Oidc.Response ownFor = oidc.send("POST", RaceScenarios.REQUESTS + "/" + forApprover + "/deny", approver, json(fields("reason", "me")));
        softly.assertThat(ownMade.status()).as("approving a request one made: %s", ownMade.body()).isEqualTo(403);
        softly.assertThat(ownFor.status()).as("deciding a request made for oneself: %s", ownFor.body()).isEqualTo(403);
        Oidc.Response othersCancel = oidc.send("POST", RaceScenarios.REQUESTS + "/" + madeByApprover + "/cancel", races.workforceToken("carla.cx"), null);
        softly.assertThat(othersCancel.status()).as("cancelling a request another made: %s", othersCancel.body()).isEqualTo(403);
        softly.assertThat(oidc.send("POST", RaceScenarios.REQUESTS + "/" + UUID.randomUUID() + "/cancel", races.workforceToken("carla.cx"), null)
                .status()).as("cancelling an unknown request").isEqualTo(403);
        softly.assertThat(requestAsSeenBy(other, madeByApprover)).as("the request after the refused calls").containsEntry("status", "pending");
        softly.assertThat(requestAsSeenBy(approverSubject, forApprover)).as("the request for the approver").containsEntry("status", "pending");

        // A Department Admin sees no department id outside his reach.
        accountUser("department-viewer", Portal.CARDIOLOGY, Portal.RADIOLOGY);
        String dan = portal.token("dan.dept");
        List<Map<String, Object>> users = oidc.get(accountUsers, dan).items();
        softly.assertThat(users).as("dan.dept's users").isNotNull();
        if (users != null) {
            for (Map<String, Object> user : users) {
                softly.assertThat(departmentsOf(user)).as("departments of %s as dan.dept sees them", user.get("username"))
                        .isSubsetOf(Portal.CARDIOLOGY);
            }
        }
        for (String path : List.of("accounts", "accounts/" + acme + "/details", "accounts/" + acme + "/departments", "accounts/" + acme + "/sites",
                "accounts/" + acme + "/users")) {
            Oidc.Response response = oidc.get(Portal.USER_API + path, dan);
            softly.assertThat(response.status()).as("GET %s as dan.dept", path).isEqualTo(200);
            softly.assertThat(response.body().toString()).as("GET %s as dan.dept names no department outside Cardiology", path)
                    .doesNotContain(Portal.RADIOLOGY).doesNotContain(BEACON_PRIMARY);
        }

        // A grant by the master admin shows "realm administrator".
        String[] consultant = races.consultant(cleanup);
        Oidc.Response granted = Portal.expect(oidc.send("POST", Portal.ADMIN_API + "sites/acme-cardio-south/grants", oidc.adminToken(),
                json(fields("email", consultant[1]))), 201);
        cleanup.add(() -> portal.removeGrant("acme-cardio-south", granted.string("id")));
        softly.assertThat(granted.string("grantedBy")).as("grantedBy of the master admin's grant").isEqualTo("realm administrator");
        softly.assertThat(find(oidc.get(Portal.USER_API + "sites/acme-cardio-south/grants", alice).items(), granted.string("id")))
                .as("the grant as alice.admin lists it").containsEntry("grantedBy", "realm administrator");
        softly.assertAll();
    }

    // ---------------------------------------------------------------- 7

    @Test
    @DisplayName("Finding 7: a deleted user's pending requests are cancelled (kept as history), running elevations end; a deleted realm's requests go")
    void finding7_dataLifecycle() throws InterruptedException {
        SoftAssertions softly = new SoftAssertions();
        RealmResource workforce = realmOf("workforce");
        RealmResource practice = realmOf("practice");
        String mia = races.workforceToken("mia.manager");

        // A deleted subject: carla's request for them is cancelled, kept in her history.
        String subject = races.salesMember(cleanup, "replay.gone");
        String forSubject = accessRequest("carla.cx", subject);
        // A deleted requester: their request for another stays visible to that subject, cancelled.
        String requester = races.salesMember(cleanup, "replay.gone.requester");
        String witness = races.salesMember(cleanup, "replay.witness");
        String byRequester = submittedRequest(requester, witness);
        cleanup.add(RaceScenarios.tolerant(() -> {
            String approver = races.workforceToken("mia.manager");
            for (String id : List.of(forSubject, byRequester)) {
                oidc.send("POST", RaceScenarios.REQUESTS + "/" + id + "/deny", approver, json(fields("reason", "test cleanup")));
            }
        }));
        workforce.users().delete(workforce.users().searchByUsername(subject, true).get(0).getId()).close();
        workforce.users().delete(workforce.users().searchByUsername(requester, true).get(0).getId()).close();

        List<Map<String, Object>> pending = oidc.get(RaceScenarios.REQUESTS + "/pending", races.workforceToken("mia.manager")).items();
        softly.assertThat(find(pending, forSubject)).as("the deleted subject's request among the pending").isNull();
        softly.assertThat(find(pending, byRequester)).as("the deleted requester's request among the pending").isNull();
        softly.assertThat(requestAsSeenBy("carla.cx", forSubject)).as("carla's request for the deleted user, in her history")
                .isNotNull().containsEntry("status", "cancelled");
        softly.assertThat(requestAsSeenBy(witness, byRequester)).as("the deleted requester's request, in the subject's history")
                .isNotNull().containsEntry("status", "cancelled");

        // A deleted requester's pending break-the-glass request is no longer pending; their running elevation ends.
        String rita = rita();
        String waiting = practiceUser();
        String pendingBtg = Portal.expect(askBreakTheGlass(practiceSession(waiting).string("access_token"), "Replay of finding 7, pending"), 201)
                .string("id");
        String elevated = practiceUser();
        String runningBtg = Portal.expect(askBreakTheGlass(practiceSession(elevated).string("access_token"), "Replay of finding 7, running"), 201)
                .string("id");
        Portal.expect(oidc.send("POST", Elevations.API + "break-the-glass/" + runningBtg + "/approve", rita, json(fields("comment", "ok"))), 200);
        cleanup.add(RaceScenarios.tolerant(() -> oidc.send("POST", Elevations.API + "break-the-glass/" + pendingBtg + "/deny", rita(),
                json(fields("comment", "test cleanup")))));
        practice.users().delete(practice.users().searchByUsername(waiting, true).get(0).getId()).close();
        practice.users().delete(practice.users().searchByUsername(elevated, true).get(0).getId()).close();

        softly.assertThat(find(oidc.get(Elevations.API + "break-the-glass/pending", rita).items(), pendingBtg))
                .as("the deleted user's break-the-glass request among the pending").isNull();
        Map<String, Object> kept = find(oidc.get(Elevations.API + "break-the-glass/past", rita).items(), pendingBtg);
        softly.assertThat(kept).as("the deleted user's break-the-glass request, kept in history (past)").isNotNull();
        if (kept != null) {
            softly.assertThat(kept).as("the deleted user's break-the-glass request").containsEntry("status", "ended")
                    .containsEntry("endCause", "user-removed");
        }
        boolean stillActive = true;
        long deadline = System.currentTimeMillis() + 10_000;
        while (stillActive && System.currentTimeMillis() < deadline) {
            stillActive = find(oidc.get(Elevations.ADMIN_API + "elevations/active", oidc.adminToken()).items(), runningBtg) != null;
            if (stillActive) {
                Thread.sleep(500);
            }
        }
        softly.assertThat(stillActive).as("the deleted user's elevation still listed as running after 10 s").isFalse();
        Map<String, Object> ended = find(oidc.get(Elevations.API + "break-the-glass/past", rita).items(), runningBtg);
        softly.assertThat(ended).as("the deleted user's elevation in history").isNotNull();
        if (ended != null) {
            softly.assertThat(ended).as("the deleted user's elevation").containsEntry("status", "ended")
                    .containsEntry("endCause", "user-removed");
        }

        // A deleted realm's access requests go with it: a realm made again with the same id and name shows none.
        String realmName = Fixtures.uniqueName("replay-lifecycle");
        String realmId = UUID.randomUUID().toString();
        createLifecycleRealm(realmId, realmName);
        cleanup.add(() -> {
            try {
                server.admin().realm(realmName).remove();
            } catch (jakarta.ws.rs.NotFoundException e) {
                // removed by the test
            }
        });
        String api = "realms/" + realmName + "/amp/requests";
        String requesterToken = oidc.accessToken(realmName, "replay-app", "req");
        Oidc.Response submitted = oidc.send("POST", api, requesterToken, json(fields("organization", "Replay Org", "department", "replay-dept",
                "system", "replay-app", "roles", List.of("dept-role"), "justification", "before the realm goes")));
        softly.assertThat(submitted.status()).as("request in the short-lived realm: %s", submitted.body()).isEqualTo(201);
        softly.assertThat(oidc.get(api + "/pending", oidc.accessToken(realmName, "replay-app", "appr")).items()).as("pending before").hasSize(1);
        server.admin().realm(realmName).remove();
        createLifecycleRealm(realmId, realmName);
        Oidc.Response after = oidc.get(api + "/pending", oidc.accessToken(realmName, "replay-app", "appr"));
        softly.assertThat(after.status()).as("pending in the realm made again: %s", after.body()).isEqualTo(200);
        softly.assertThat(after.items()).as("requests of the deleted realm, seen from the realm made again with its id").isEmpty();
        softly.assertThat(oidc.get(api + "/mine", oidc.accessToken(realmName, "replay-app", "req")).items()).as("the requester's history").isEmpty();
        softly.assertAll();
    }

    /**
     * A small realm with one system (client replay-app) whose department role dept-role belongs to
     * department replay-dept, a requester in that department and an approver; fixed id and name.
     */
    private void createLifecycleRealm(String id, String name) {
        Map<String, Object> user = fields("enabled", true, "emailVerified", true, "firstName", "Replay", "lastName", "User",
                "credentials", List.of(fields("type", "password", "value", Oidc.DEMO_PASSWORD, "temporary", false)));
        Map<String, Object> requester = new LinkedHashMap<>(user);
        requester.putAll(fields("username", "req", "email", "req@replay.example", "groups", List.of("/departments/replay-dept")));
        Map<String, Object> approver = new LinkedHashMap<>(user);
        approver.putAll(fields("username", "appr", "email", "appr@replay.example", "realmRoles", List.of("access-approver")));
        Map<String, Object> realm = fields("id", id, "realm", name, "enabled", true,
                "attributes", Map.of("amp.organizations", "Replay Org"),
                "roles", fields("realm", List.of(fields("name", "access-approver")),
                        "client", Map.of("replay-app", List.of(
                                fields("name", "perm-a", "attributes", Map.of("kind", List.of("permission"))),
                                fields("name", "dept-role", "composite", true,
                                        "composites", Map.of("client", Map.of("replay-app", List.of("perm-a"))),
                                        "attributes", Map.of("kind", List.of("department-role"), "department", List.of("replay-dept")))))),
                "groups", List.of(fields("name", "departments", "subGroups", List.of(fields("name", "replay-dept")))),
                "clients", List.of(fields("clientId", "replay-app", "enabled", true, "publicClient", false, "secret", Oidc.DEMO_CLIENT_SECRET,
                        "directAccessGrantsEnabled", true, "standardFlowEnabled", false)),
                "users", List.of(requester, approver));
        Portal.expect(oidc.send("POST", "admin/realms", oidc.adminToken(), json(realm)), 201);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> departmentsOf(Map<String, Object> user) {
        Object departments = user.get("departments");
        return departments instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
