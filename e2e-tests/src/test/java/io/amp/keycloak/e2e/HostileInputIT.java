package io.amp.keycloak.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.keycloak.admin.client.resource.RealmResource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against every write operation of the AMP APIs, on the admin surface and on the
 * user surface (found by reflection, sub-resources included, so a new one cannot be forgotten;
 * consultant access is served on both and attacked on both), sent by a caller who IS allowed to
 * write there, so that every
 * refusal is about the input (README, "Answers, races and audit"): malformed and truncated JSON,
 * trailing garbage, duplicate keys, values that are not an object, wrong types, missing and
 * unknown fields, a body over 64 KiB, long strings, control, bidi and zero-width characters,
 * markup, SQL and path traversal text, ids that do not exist or belong to another realm, and
 * other media types.
 *
 * <p>Always: no 5xx; a 4xx carries a JSON object body; a refused request changes nothing (the
 * listings that show the target are read back and compared). A request the README does not decide
 * (markup or SQL text in a free-text or name field) may be accepted: then what it did is undone
 * and the next case gets a fresh target.
 */
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeycloakServer SERVER = KeycloakServer.get();
    private static final Oidc OIDC = new Oidc(SERVER);
    private static final AmpHttp HTTP = new AmpHttp(SERVER);
    private static final CallerTokens TOKENS = new CallerTokens(OIDC);
    private static final Portal PORTAL = new Portal();
    private static final Cleanup CLASS_CLEANUP = new Cleanup();
    private static final List<Cleanup> SPEC_CLEANUPS = new ArrayList<>();

    private static final AtomicInteger SENT = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();
    private static final AtomicInteger SERVER_ERRORS = new AtomicInteger();

    private static final String SALES = "account-managers-and-sales-teams";
    private static final String REQUESTS = RaceScenarios.REQUESTS;
    private static final String BEACON_PRIMARY = "5b0c2a4e-3c1f-4d7a-9e55-be0000000001";

    private static String acme;
    private static String beacon;
    private static String requester;
    private static String reviewer;
    private static String workforceUserId;
    private static String practiceUserId;
    private static String workforceGroupId;
    private static String partnerAnalystsGrantId;
    private static String portalAdministrator;
    private static String ehrUuid;

    // ---- what is expected of a case ----

    /** Allowed statuses; {@code mayAccept}: a 2xx is allowed too (then it is undone). */
    record Expect(Set<Integer> statuses, boolean mayAccept, String description) {
        static final Expect BAD = new Expect(Set.of(400), false, "400");
        static final Expect TOO_LARGE = new Expect(Set.of(413), false, "413");
        static final Expect MEDIA = new Expect(Set.of(415), false, "415");
        static final Expect NOT_FOUND = new Expect(Set.of(404), false, "404");
        static final Expect FORBIDDEN = new Expect(Set.of(403), false, "403");
        static final Expect BAD_OR_ACCEPTED = new Expect(Set.of(400), true, "400 or 2xx");
        static final Expect ACCEPTED = new Expect(Set.of(), true, "2xx");
        static final Expect ANY = new Expect(Set.of(400, 403, 404, 409, 413, 415), true, "any 2xx or 4xx");

        boolean allows(int status) {
            return statuses.contains(status) || mayAccept && status >= 200 && status < 300;
        }
    }

    enum Type { STRING, BOOL, NUMBER, STRINGS }

    record Field(String name, Type type, boolean required, boolean freeText) {
        static Field text(String name, boolean required) {
            return new Field(name, Type.STRING, required, false);
        }

        static Field free(String name, boolean required) {
            return new Field(name, Type.STRING, required, true);
        }
    }

    /** One request of a case: path parameters overriding the target's, a Content-Type (null: none) and a body (null: none). */
    record Sent(Map<String, String> params, String contentType, byte[] body) {
        static Sent json(String json) {
            return new Sent(Map.of(), "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        static Sent json(Map<String, Object> body) {
            return json(write(body));
        }
    }

    record Case(String name, Function<Map<String, Object>, Sent> request, Expect expect) {
    }

    /** What a case acts on: path parameters, the caller, the listings that show it, and how to undo a success. */
    record Target(Map<String, String> params, Supplier<String> token, Supplier<Map<String, Object>> validBody,
                  Supplier<Object> state, Consumer<AmpHttp.Reply> undo) {
    }

    /** A write operation as its allowed caller uses it. */
    record Spec(List<Field> fields, boolean bodyRequired, Function<Cleanup, Target> target, List<Case> extraCases) {
        boolean takesBody() {
            return !fields.isEmpty();
        }
    }

    // ---- fixtures ----

    @BeforeAll
    static void fixtures() {
        acme = PORTAL.accountId("acme-health");
        beacon = PORTAL.accountId("beacon-care");
        RealmResource workforce = SERVER.admin().realm("workforce");
        requester = Fixtures.uniqueName("hostile.requester");
        new Fixtures(workforce, CLASS_CLEANUP).user(requester);
        reviewer = AuthorizationMatrixIT.practiceUser(CLASS_CLEANUP, "hostile.reviewer", "break-the-glass-review");
        workforceUserId = AuthorizationMatrixIT.userId("workforce", "mia.manager");
        practiceUserId = AuthorizationMatrixIT.userId("practice", "rita.review");
        workforceGroupId = workforce.getGroupByPath("/departments/" + SALES).getId();
        portalAdministrator = AuthorizationMatrixIT.realmAdministrator("portal", CLASS_CLEANUP);
        ehrUuid = SERVER.admin().realm("practice").clients().findByClientId("ehr").get(0).getId();
        Oidc.Response grants = Portal.expect(OIDC.send("GET", Portal.ADMIN_API + "sites/acme-cardio-north/grants", TOKENS.admin(), null), 200);
        partnerAnalystsGrantId = (String) grants.items().get(0).get("id");
    }

    @AfterAll
    static void removeFixtures() {
        SPEC_CLEANUPS.forEach(Cleanup::run);
        TOKENS.signOutAll();
        AuthorizationMatrixIT.signOutSessions();
        CLASS_CLEANUP.run();
        System.out.printf("[hostile] requests sent: %d, rejected: %d, 5xx: %d%n", SENT.get(), REJECTED.get(), SERVER_ERRORS.get());
    }

    // ---- the specs of every write operation ----

    static Map<String, Spec> specs() {
        Map<String, Spec> specs = new LinkedHashMap<>();
        // consultant access on the admin surface as the realm admin (master), and on the user surface as Acme's
        // Account Admin; sites are created by realm managers only: there, the portal's own administrator.
        consultantSpecs(specs, "amp-consultant-access/", TOKENS::admin, TOKENS::admin);
        consultantSpecs(specs, "amp/consultant-access/", () -> TOKENS.user("portal", "alice.admin"),
                () -> TOKENS.user("portal", portalAdministrator));

        // amp/requests (user surface), as the requester fixture and mia.manager
        specs.put("POST amp/requests", new Spec(List.of(Field.text("subject", false), Field.text("organization", true),
                Field.text("department", true), Field.text("system", true), new Field("roles", Type.STRINGS, true, false),
                Field.free("justification", true), new Field("endsAt", Type.NUMBER, false, false)), true,
                cleanup -> {
                    String subject = AuthorizationMatrixIT.newSubject(cleanup);
                    Supplier<String> token = () -> TOKENS.user("workforce", requester);
                    return new Target(Map.of(), token,
                            () -> body("subject", subject, "organization", "DrChrono", "department", SALES, "system", "drchrono-staging",
                                    "roles", List.of("sales-user"), "justification", "hostile: covering the Q4 push"),
                            () -> requestsState(), reply -> AuthorizationMatrixIT.closeRequest(id(reply), token.get()));
                },
                List.of(value("a subject of another realm", valid -> with(valid, "subject", "alice.admin"), Expect.BAD),
                        value("a department the subject is not in", valid -> with(valid, "department", "implementation-team"), Expect.BAD),
                        value("a department of another realm", valid -> with(valid, "department", "Cardiology"), Expect.BAD),
                        value("an organization of another realm", valid -> with(valid, "organization", "Acme Health"), Expect.BAD),
                        value("a system of another realm", valid -> with(valid, "system", "ehr"), Expect.BAD),
                        value("a role of another realm", valid -> with(valid, "roles", List.of("break-the-glass-review")), Expect.BAD),
                        value("an end in the past", valid -> with(valid, "endsAt", 1L), Expect.BAD),
                        value("a fractional end", valid -> with(valid, "endsAt", System.currentTimeMillis() + 86_400_000.5), Expect.BAD),
                        rawValue("an end beyond a long", valid -> withRaw(valid, "endsAt", "1e40"), Expect.BAD),
                        value("no roles", valid -> with(valid, "roles", List.of()), Expect.BAD))));

        for (String decision : List.of("approve", "deny")) {
            specs.put("POST amp/requests/{id}/" + decision, new Spec(List.of(Field.free("reason", true)), true,
                    cleanup -> new Target(Map.of("id", pendingRequest(cleanup)), () -> TOKENS.user("workforce", "mia.manager"),
                            () -> body("reason", "hostile: " + decision), HostileInputIT::requestsState, reply -> { }),
                    List.of(path("unknown request", Map.of("id", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                            path("another realm's id", Map.of("id", practiceUserId), Expect.NOT_FOUND))));
        }

        // Cancelling an unknown id is 403, like one made by someone else.
        specs.put("POST amp/requests/{id}/cancel", new Spec(List.of(), false,
                cleanup -> new Target(Map.of("id", pendingRequest(cleanup)), () -> TOKENS.user("workforce", requester), Map::of,
                        HostileInputIT::requestsState, reply -> { }),
                List.of(path("unknown request", Map.of("id", UUID.randomUUID().toString()), Expect.FORBIDDEN),
                        path("another realm's id", Map.of("id", practiceUserId), Expect.FORBIDDEN))));

        // amp/elevations (user surface), as a practice user with a session and the reviewer fixture; amp-elevation
        // (admin surface) as the realm admin
        String elevation = "amp/elevations/";
        specs.put("POST " + elevation + "break-the-glass", new Spec(List.of(Field.free("reason", true),
                new Field("durationMinutes", Type.NUMBER, true, false), Field.text("system", false)), true,
                cleanup -> {
                    String owner = AuthorizationMatrixIT.practiceUser(cleanup, "hostile.owner");
                    String token = AuthorizationMatrixIT.signInOnce(cleanup, owner).string("access_token");
                    return new Target(Map.of(), () -> token,
                            () -> body("reason", "hostile: locked chart", "durationMinutes", 5, "system", "ehr"),
                            () -> elevationState(token), reply -> AuthorizationMatrixIT.closeElevation(id(reply), reviewer));
                },
                List.of(value("an unknown system", valid -> with(valid, "system", "no-such-application"), Expect.BAD),
                        value("a system of another realm", valid -> with(valid, "system", "drchrono"), Expect.BAD),
                        value("a system without the elevation's permissions", valid -> with(valid, "system", "account"), Expect.BAD),
                        value("Keycloak's realm-management as system", valid -> with(valid, "system", "realm-management"), Expect.BAD),
                        value("a client's internal id as system", valid -> with(valid, "system", ehrUuid), Expect.BAD),
                        value("a system in other case", valid -> with(valid, "system", "EHR"), Expect.BAD),
                        value("zero minutes", valid -> with(valid, "durationMinutes", 0), Expect.BAD),
                        value("negative minutes", valid -> with(valid, "durationMinutes", -5), Expect.BAD),
                        value("481 minutes", valid -> with(valid, "durationMinutes", 481), Expect.BAD),
                        value("fractional minutes", valid -> with(valid, "durationMinutes", 1.5), Expect.BAD),
                        rawValue("minutes beyond a long", valid -> withRaw(valid, "durationMinutes", "99999999999999999999999"), Expect.BAD),
                        rawValue("minutes as exponent", valid -> withRaw(valid, "durationMinutes", "1e400"), Expect.BAD))));

        for (String decision : List.of("approve", "deny")) {
            specs.put("POST " + elevation + "break-the-glass/{id}/" + decision, new Spec(List.of(Field.free("comment", true)), true,
                    cleanup -> {
                        String owner = AuthorizationMatrixIT.practiceUser(cleanup, "hostile.owner");
                        String token = AuthorizationMatrixIT.signInOnce(cleanup, owner).string("access_token");
                        String id = AuthorizationMatrixIT.askBreakTheGlass(token);
                        cleanup.add(() -> AuthorizationMatrixIT.closeElevation(id, reviewer));
                        return new Target(Map.of("id", id), () -> TOKENS.user("practice", reviewer),
                                () -> body("comment", "hostile: " + decision), () -> elevationState(token), reply -> { });
                    },
                    List.of(path("unknown request", Map.of("id", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                            path("another realm's id", Map.of("id", workforceUserId), Expect.NOT_FOUND))));
        }

        specs.put("POST " + elevation + "emergency-access/{id}/acknowledge", new Spec(List.of(Field.free("comment", false)), false,
                cleanup -> {
                    String owner = AuthorizationMatrixIT.practiceUser(cleanup, "hostile.er", "emergency-access");
                    Oidc.Response tokens = new Elevations().signInToTokens(owner, "hostile: emergency access");
                    cleanup.add(() -> OIDC.logout("practice", "ehr", tokens.string("refresh_token")));
                    String id = (String) Elevations.elevation(Elevations.access(tokens)).get("id");
                    return new Target(Map.of("id", id), () -> TOKENS.user("practice", reviewer), () -> body("comment", "hostile: seen"),
                            () -> elevationState(tokens.string("access_token")), reply -> { });
                },
                List.of(path("unknown record", Map.of("id", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        path("another realm's id", Map.of("id", workforceUserId), Expect.NOT_FOUND))));

        // Revocation on both surfaces: the master admin on the admin surface, the practice realm's own administrator on the user surface.
        Map<String, Supplier<String>> revokers = Map.of("POST amp-elevation/elevations/{id}/revoke", TOKENS::admin,
                "POST " + elevation + "{id}/revoke", () -> TOKENS.user("practice", "realm.admin"));
        revokers.forEach((operation, revoker) -> specs.put(operation, new Spec(List.of(Field.free("comment", false)), false,
                cleanup -> {
                    String owner = AuthorizationMatrixIT.practiceUser(cleanup, "hostile.owner");
                    String token = AuthorizationMatrixIT.signInOnce(cleanup, owner).string("access_token");
                    String id = AuthorizationMatrixIT.askBreakTheGlass(token);
                    cleanup.add(() -> AuthorizationMatrixIT.closeElevation(id, reviewer));
                    Portal.expect(OIDC.send("POST", Elevations.API + "break-the-glass/" + id + "/approve", TOKENS.user("practice", reviewer),
                            "{\"comment\": \"hostile: running\"}"), 200);
                    return new Target(Map.of("id", id), revoker, () -> body("comment", "hostile: revoked"),
                            () -> elevationState(token), reply -> { });
                },
                List.of(path("unknown elevation", Map.of("id", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        path("another realm's id", Map.of("id", workforceUserId), Expect.NOT_FOUND)))));
        return specs;
    }

    /** The write operations of consultant access under {@code consultant} (an API name and a slash), as {@code caller} uses them. */
    private static void consultantSpecs(Map<String, Spec> specs, String consultant, Supplier<String> caller, Supplier<String> siteCreator) {
        specs.put("POST " + consultant + "accounts/{accountId}/departments", new Spec(List.of(Field.text("name", true)), true,
                cleanup -> new Target(Map.of("accountId", acme), caller,
                        () -> body("name", Fixtures.uniqueName("Hostile Dept")),
                        () -> state(Portal.ADMIN_API + "accounts/" + acme + "/departments", Portal.ADMIN_API + "accounts/" + beacon + "/departments"),
                        reply -> AuthorizationMatrixIT.removeDepartment(id(reply))),
                List.of(path("unknown account", Map.of("accountId", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        path("a user id of another realm as account", Map.of("accountId", workforceUserId), Expect.NOT_FOUND))));

        specs.put("PUT " + consultant + "accounts/{accountId}/departments/{departmentId}", new Spec(List.of(Field.text("name", true)), true,
                cleanup -> new Target(Map.of("accountId", acme, "departmentId", AuthorizationMatrixIT.temporaryDepartment(cleanup)), caller,
                        () -> body("name", Fixtures.uniqueName("Hostile Renamed")),
                        () -> state(Portal.ADMIN_API + "accounts/" + acme + "/departments", Portal.ADMIN_API + "accounts/" + beacon + "/departments"),
                        reply -> { }),
                List.of(path("unknown department", Map.of("departmentId", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        path("another account's department", Map.of("departmentId", BEACON_PRIMARY), Expect.NOT_FOUND),
                        path("another realm's group as department", Map.of("departmentId", workforceGroupId), Expect.NOT_FOUND),
                        path("unknown account", Map.of("accountId", UUID.randomUUID().toString()), Expect.NOT_FOUND))));

        specs.put("POST " + consultant + "accounts/{accountId}/departments/{departmentId}/sites", new Spec(
                List.of(Field.text("key", true), Field.text("name", false)), true,
                cleanup -> new Target(Map.of("accountId", acme, "departmentId", AuthorizationMatrixIT.temporaryDepartment(cleanup)), siteCreator,
                        () -> body("key", Fixtures.uniqueName("hostile-site"), "name", "Hostile Site"),
                        () -> state(Portal.ADMIN_API + "accounts/" + acme + "/sites", Portal.ADMIN_API + "accounts/" + beacon + "/sites"),
                        reply -> { }),
                List.of(path("another account's department", Map.of("departmentId", BEACON_PRIMARY), Expect.NOT_FOUND),
                        path("unknown department", Map.of("departmentId", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        path("another realm's group as department", Map.of("departmentId", workforceGroupId), Expect.NOT_FOUND),
                        value("site key taken by another account's site", valid -> with(valid, "key", "beacon-primary-1"), new Expect(Set.of(409), false, "409")))));

        specs.put("POST " + consultant + "sites/{siteKey}/grants", new Spec(
                List.of(Field.text("email", true), Field.text("group", false), new Field("enabled", Type.BOOL, false, false)), true,
                cleanup -> {
                    String site = hostileSite(cleanup);
                    String consultantUser = PORTAL.consultant(cleanup, "partner-consultant");
                    return new Target(Map.of("siteKey", site), caller,
                            () -> body("email", consultantUser + "@example.com", "enabled", true),
                            () -> state(Portal.ADMIN_API + "sites/" + site + "/grants", Portal.ADMIN_API + "sites/acme-cardio-north/grants"),
                            reply -> PORTAL.removeGrant(site, id(reply)));
                },
                List.of(path("unknown site", Map.of("siteKey", "no-such-site"), Expect.NOT_FOUND),
                        path("a uuid as site", Map.of("siteKey", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        value("email of a user who is no consultant", valid -> with(valid, "email", "alice.admin@acme-health.example"), Expect.BAD),
                        value("email nobody has", valid -> with(valid, "email", "nobody-" + UUID.randomUUID() + "@example.com"), Expect.BAD),
                        value("email of another realm's user", valid -> with(valid, "email", "mia.manager@example.com"), Expect.BAD),
                        value("both group and email", valid -> with(valid, "group", "Partner Analysts"), Expect.BAD),
                        value("a group that is no consultant group", valid -> without(with(valid, "group", "/consultant-groups/../departments"), "email"), Expect.BAD),
                        value("another realm's group", valid -> without(with(valid, "group", "/departments/" + SALES), "email"), Expect.BAD))));

        specs.put("PUT " + consultant + "sites/{siteKey}/grants/{grantId}", new Spec(
                List.of(new Field("enabled", Type.BOOL, true, false)), true,
                cleanup -> {
                    String site = hostileSite(cleanup);
                    String grant = grantOn(cleanup, site);
                    return new Target(Map.of("siteKey", site, "grantId", grant), caller, () -> body("enabled", false),
                            () -> state(Portal.ADMIN_API + "sites/" + site + "/grants", Portal.ADMIN_API + "sites/acme-cardio-north/grants"), reply -> { });
                },
                List.of(path("unknown grant", Map.of("grantId", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        path("a grant of another site", Map.of("grantId", partnerAnalystsGrantId), Expect.NOT_FOUND),
                        path("another realm's user id as grant", Map.of("grantId", workforceUserId), Expect.NOT_FOUND),
                        path("unknown site", Map.of("siteKey", "no-such-site"), Expect.NOT_FOUND))));

        specs.put("DELETE " + consultant + "sites/{siteKey}/grants/{grantId}", new Spec(List.of(), false,
                cleanup -> {
                    String site = hostileSite(cleanup);
                    String grant = grantOn(cleanup, site);
                    return new Target(Map.of("siteKey", site, "grantId", grant), caller, Map::of,
                            () -> state(Portal.ADMIN_API + "sites/" + site + "/grants", Portal.ADMIN_API + "sites/acme-cardio-north/grants"), reply -> { });
                },
                List.of(path("unknown grant", Map.of("grantId", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        path("a grant of another site", Map.of("grantId", partnerAnalystsGrantId), Expect.NOT_FOUND),
                        path("another realm's user id as grant", Map.of("grantId", workforceUserId), Expect.NOT_FOUND),
                        path("unknown site", Map.of("siteKey", "no-such-site"), Expect.NOT_FOUND))));

        specs.put("POST " + consultant + "consultant-groups", new Spec(List.of(Field.text("name", true)), true,
                cleanup -> new Target(Map.of(), caller, () -> body("name", Fixtures.uniqueName("Hostile Group")),
                        () -> state(Portal.ADMIN_API + "consultant-groups"),
                        reply -> KeycloakServer.get().admin().realm("portal").groups().group(id(reply)).remove()),
                List.of(value("a name a sibling has", valid -> with(valid, "name", "Partner Analysts"), new Expect(Set.of(409), false, "409")))));

        specs.put("PUT " + consultant + "consultant-groups/{groupId}", new Spec(List.of(Field.text("name", true)), true,
                cleanup -> new Target(Map.of("groupId", AuthorizationMatrixIT.consultantGroupOnCardioNorth(cleanup)), caller,
                        () -> body("name", Fixtures.uniqueName("Hostile Renamed Group")), () -> state(Portal.ADMIN_API + "consultant-groups"),
                        reply -> { }),
                List.of(path("unknown group", Map.of("groupId", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        path("a department as group", Map.of("groupId", Portal.CARDIOLOGY), Expect.NOT_FOUND),
                        path("another realm's group", Map.of("groupId", workforceGroupId), Expect.NOT_FOUND),
                        value("a name a sibling has", valid -> with(valid, "name", "Partner Analysts"), new Expect(Set.of(409), false, "409")))));

        specs.put("POST " + consultant + "consultant-groups/{groupId}/members", new Spec(List.of(Field.text("email", true)), true,
                cleanup -> {
                    String group = AuthorizationMatrixIT.consultantGroupOnCardioNorth(cleanup);
                    String consultantUser = PORTAL.consultant(cleanup, "partner-consultant");
                    return new Target(Map.of("groupId", group), caller, () -> body("email", consultantUser + "@example.com"),
                            () -> state(Portal.ADMIN_API + "consultant-groups/" + group + "/members"), reply -> { });
                },
                List.of(path("unknown group", Map.of("groupId", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        path("another realm's group", Map.of("groupId", workforceGroupId), Expect.NOT_FOUND),
                        value("email of a user who is no consultant", valid -> with(valid, "email", "alice.admin@acme-health.example"), Expect.BAD),
                        value("email nobody has", valid -> with(valid, "email", "nobody-" + UUID.randomUUID() + "@example.com"), Expect.BAD),
                        value("email of another realm's user", valid -> with(valid, "email", "mia.manager@example.com"), Expect.BAD))));

        specs.put("DELETE " + consultant + "consultant-groups/{groupId}/members/{userId}", new Spec(List.of(), false,
                cleanup -> {
                    String group = AuthorizationMatrixIT.consultantGroupOnCardioNorth(cleanup);
                    String member = AuthorizationMatrixIT.userId("portal", PORTAL.consultant(cleanup, "partner-consultant"));
                    KeycloakServer.get().admin().realm("portal").users().get(member).joinGroup(group);
                    return new Target(Map.of("groupId", group, "userId", member), caller, Map::of,
                            () -> state(Portal.ADMIN_API + "consultant-groups/" + group + "/members"), reply -> { });
                },
                List.of(path("unknown member", Map.of("userId", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        path("another realm's user", Map.of("userId", workforceUserId), Expect.NOT_FOUND),
                        path("unknown group", Map.of("groupId", UUID.randomUUID().toString()), Expect.NOT_FOUND))));

        specs.put("POST " + consultant + "accounts/{accountId}/users", new Spec(List.of(Field.text("username", true), Field.text("email", true),
                Field.text("firstName", false), Field.text("lastName", false), Field.text("role", true),
                new Field("departments", Type.STRINGS, false, false)), true,
                cleanup -> new Target(Map.of("accountId", acme), caller,
                        () -> {
                            String username = Fixtures.uniqueName("hostile.user");
                            cleanup.add(() -> AuthorizationMatrixIT.removeUserNamed("portal", username));
                            return body("username", username, "email", username + "@acme-health.example", "firstName", "Hostile",
                                    "lastName", "User", "role", "department-viewer", "departments", List.of(Portal.CARDIOLOGY));
                        },
                        () -> state(Portal.ADMIN_API + "accounts/" + acme + "/users", Portal.ADMIN_API + "accounts/" + beacon + "/users",
                                "admin/realms/portal/users/count"),
                        reply -> SERVER.admin().realm("portal").users().delete(id(reply)).close()),
                List.of(path("unknown account", Map.of("accountId", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        value("another account's department", valid -> with(valid, "departments", List.of(BEACON_PRIMARY)), Expect.BAD),
                        value("another realm's group as department", valid -> with(valid, "departments", List.of(workforceGroupId)), Expect.BAD),
                        value("a role that is no account role", valid -> with(valid, "role", "btt-admin"), Expect.BAD),
                        value("a role of another realm", valid -> with(valid, "role", "access-approver"), Expect.BAD),
                        value("a taken username", valid -> with(valid, "username", "alice.admin"), new Expect(Set.of(409), false, "409")),
                        value("a taken email", valid -> with(valid, "email", "alice.admin@acme-health.example"), new Expect(Set.of(409), false, "409")))));

        specs.put("PUT " + consultant + "accounts/{accountId}/users/{userId}", new Spec(List.of(Field.text("email", false),
                Field.text("firstName", false), Field.text("lastName", false), Field.text("role", false),
                new Field("departments", Type.STRINGS, false, false)), true,
                cleanup -> {
                    String username = Fixtures.uniqueName("hostile.target");
                    cleanup.add(() -> AuthorizationMatrixIT.removeUserNamed("portal", username));
                    String user = id(HTTP.json("POST", Portal.ADMIN_API + "accounts/" + acme + "/users", TOKENS.admin(),
                            AuthorizationMatrixIT.newUserBody(username)));
                    return new Target(Map.of("accountId", acme, "userId", user), caller,
                            () -> body("firstName", "Hostile", "lastName", "Edit"),
                            () -> state(Portal.ADMIN_API + "accounts/" + acme + "/users", "admin/realms/portal/users/" + user), reply -> { });
                },
                List.of(path("unknown user", Map.of("userId", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        path("another realm's user", Map.of("userId", workforceUserId), Expect.NOT_FOUND),
                        path("unknown account", Map.of("accountId", UUID.randomUUID().toString()), Expect.NOT_FOUND),
                        value("another account's department", valid -> with(valid, "departments", List.of(BEACON_PRIMARY)), Expect.BAD),
                        value("a role that is no account role", valid -> with(valid, "role", "btt-admin"), Expect.BAD),
                        value("a taken email", valid -> with(valid, "email", "alice.admin@acme-health.example"), new Expect(Set.of(409), false, "409")))));
    }

    // ---- the cases ----

    private static final String BIG = "x".repeat(200_000);
    private static final String LONG = "y".repeat(10_000);
    private static final Map<String, String> BAD_CHARACTERS = Map.of(
            "NUL", "\u0000",
            "CR/LF", "\r\n",
            "U+202E (right-to-left override)", "\u202E",
            "U+200B (zero-width space)", "\u200B",
            "U+0007 (bell)", "\u0007");
    /**
     * Free text (justification, reason, comment) may run over lines as browsers send them (CR/LF)
     * and is accepted with them; every other character of the list is refused there as in names.
     */
    private static final Set<String> ALLOWED_IN_FREE_TEXT = Set.of("\r\n");
    private static final Map<String, String> INJECTIONS = Map.of(
            "HTML/script", "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>",
            "SQL injection", "x' OR '1'='1'; DROP TABLE AMP_SITE_GRANT; --",
            "path traversal", "../../../../etc/passwd%00/..\\..\\windows");

    static List<Case> cases(Spec spec) {
        List<Case> cases = new ArrayList<>();
        if (!spec.takesBody()) {
            // No body is read: whatever is sent must not break the endpoint nor change anything when refused.
            cases.add(new Case("a malformed JSON body", valid -> Sent.json("{\"x\": "), Expect.ANY));
            cases.add(new Case("a JSON object body", valid -> Sent.json("{\"unexpected\": true}"), Expect.ANY));
            cases.add(new Case("a 200 KB body", valid -> Sent.json("{\"padding\": \"" + BIG + "\"}"), Expect.TOO_LARGE));
            cases.add(new Case("multipart/form-data", valid -> multipart("{}"), Expect.ANY));
            cases.add(new Case("text/plain", valid -> new Sent(Map.of(), "text/plain", bytes("hello")), Expect.ANY));
            cases.add(new Case("a body without Content-Type", valid -> new Sent(Map.of(), null, bytes("{}")), Expect.ANY));
            cases.addAll(spec.extraCases());
            return cases;
        }

        cases.add(new Case("malformed JSON (single quotes)", valid -> Sent.json(write(valid).replace('"', '\'')), Expect.BAD));
        cases.add(new Case("malformed JSON (bare word)", valid -> Sent.json("{\"" + firstName(valid) + "\": value}"), Expect.BAD));
        cases.add(new Case("truncated JSON", valid -> {
            String json = write(valid);
            return Sent.json(json.substring(0, json.length() / 2));
        }, Expect.BAD));
        cases.add(new Case("trailing garbage after the object", valid -> Sent.json(write(valid) + " garbage"), Expect.BAD));
        cases.add(new Case("a second object after the object", valid -> Sent.json(write(valid) + write(valid)), Expect.BAD));
        cases.add(new Case("a stray closing brace after the object", valid -> Sent.json(write(valid) + "}"), Expect.BAD));
        cases.add(new Case("duplicate keys", valid -> {
            String name = firstName(valid);
            return Sent.json("{\"" + name + "\": " + write(valid.get(name)) + ", " + write(valid).substring(1));
        }, Expect.BAD));
        for (String nonObject : List.of("[]", "\"text\"", "42", "null", "true")) {
            cases.add(new Case("JSON " + nonObject + " instead of an object", valid -> Sent.json(nonObject), Expect.BAD));
        }
        cases.add(new Case("the object inside an array", valid -> Sent.json("[" + write(valid) + "]"), Expect.BAD));
        if (spec.bodyRequired()) {
            cases.add(new Case("an empty body", valid -> new Sent(Map.of(), "application/json", new byte[0]), Expect.BAD));
        }
        if (spec.fields().stream().anyMatch(Field::required)) {
            cases.add(new Case("an empty object", valid -> Sent.json("{}"), Expect.BAD));
        }
        for (Field field : spec.fields()) {
            for (Object wrong : wrongValues(field.type())) {
                cases.add(new Case("'" + field.name() + "' as " + write(wrong), valid -> Sent.json(with(valid, field.name(), wrong)), Expect.BAD));
            }
            if (field.required()) {
                cases.add(new Case("'" + field.name() + "' missing", valid -> Sent.json(without(valid, field.name())), Expect.BAD));
            }
        }
        cases.add(new Case("an unknown field", valid -> Sent.json(with(valid, "unexpectedField", "x")), Expect.BAD));
        cases.add(new Case("a known field in other case", valid -> {
            String name = firstName(valid);
            Map<String, Object> changed = without(valid, name);
            changed.put(Character.toUpperCase(name.charAt(0)) + name.substring(1), valid.get(name));
            return Sent.json(changed);
        }, Expect.BAD));
        cases.add(new Case("a 200 KB body", valid -> {
            String text = textField(spec, valid);
            return Sent.json(text == null ? with(valid, "padding", BIG) : with(valid, text, BIG));
        }, Expect.TOO_LARGE));
        for (Field field : spec.fields()) {
            if (field.type() == Type.STRING) {
                cases.add(new Case("'" + field.name() + "' of 10,000 characters", valid -> Sent.json(with(valid, field.name(), LONG)), Expect.BAD));
                cases.add(new Case("'" + field.name() + "' blank-looking (no-break and ideographic spaces)",
                        valid -> Sent.json(with(valid, field.name(), "\u00A0\u3000")), Expect.BAD));
                BAD_CHARACTERS.forEach((name, character) -> cases.add(new Case("'" + field.name() + "' with " + name,
                        valid -> Sent.json(with(valid, field.name(), spliced(valid.get(field.name()), character))),
                        field.freeText() && ALLOWED_IN_FREE_TEXT.contains(character) ? Expect.ACCEPTED : Expect.BAD)));
                INJECTIONS.forEach((name, text) -> cases.add(new Case("'" + field.name() + "' with " + name,
                        valid -> Sent.json(with(valid, field.name(), text)), Expect.BAD_OR_ACCEPTED)));
            } else if (field.type() == Type.STRINGS) {
                cases.add(new Case("'" + field.name() + "' with a 10,000-character item", valid -> Sent.json(with(valid, field.name(), List.of(LONG))),
                        Expect.BAD));
                BAD_CHARACTERS.forEach((name, character) -> cases.add(new Case("'" + field.name() + "' item with " + name,
                        valid -> Sent.json(with(valid, field.name(), List.of(spliced(firstItem(valid.get(field.name())), character)))), Expect.BAD)));
                INJECTIONS.forEach((name, text) -> cases.add(new Case("'" + field.name() + "' item with " + name,
                        valid -> Sent.json(with(valid, field.name(), List.of(text))), Expect.BAD)));
            }
        }
        cases.add(new Case("multipart/form-data", valid -> multipart(write(valid)), Expect.MEDIA));
        cases.add(new Case("text/plain", valid -> new Sent(Map.of(), "text/plain", bytes(write(valid))), Expect.MEDIA));
        cases.add(new Case("application/x-www-form-urlencoded", valid -> new Sent(Map.of(), "application/x-www-form-urlencoded",
                bytes(firstName(valid) + "=x")), Expect.MEDIA));
        cases.add(new Case("application/xml", valid -> new Sent(Map.of(), "application/xml", bytes("<body/>")), Expect.MEDIA));
        cases.add(new Case("a body without Content-Type", valid -> new Sent(Map.of(), null, bytes(write(valid))), Expect.MEDIA));
        cases.addAll(spec.extraCases());
        return cases;
    }

    private static List<Object> wrongValues(Type type) {
        return switch (type) {
            case STRING -> List.of(42, true, Map.of("a", 1), List.of("x"));
            case BOOL -> List.of("false", 0, Map.of("a", 1), List.of(true));
            case NUMBER -> List.of("5", true, Map.of("a", 1), List.of(5));
            case STRINGS -> List.of("x", List.of(1), List.of(Map.of("a", "x")), Map.of("a", "x"), List.of(""));
        };
    }

    // ---- running them ----

    private static final class Run {
        Target target;
        Object state;
        final Cleanup cleanup = new Cleanup();
    }

    @TestFactory
    List<DynamicNode> hostileInput() {
        Map<String, Spec> specs = specs();
        Map<String, AmpEndpoints.Endpoint> writes = new LinkedHashMap<>();
        AmpEndpoints.writes().forEach(endpoint -> writes.put(endpoint.key(), endpoint));

        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("every write endpoint found by reflection has hostile cases", () -> {
            Set<String> missing = new TreeSet<>(writes.keySet());
            missing.removeAll(specs.keySet());
            assertThat(missing).as("new write endpoint without hostile cases").isEmpty();
            Set<String> extra = new TreeSet<>(specs.keySet());
            extra.removeAll(writes.keySet());
            assertThat(extra).as("hostile cases for an endpoint that is gone").isEmpty();
        }));
        for (Map.Entry<String, AmpEndpoints.Endpoint> entry : writes.entrySet()) {
            Spec spec = specs.get(entry.getKey());
            if (spec == null) {
                continue;
            }
            AmpEndpoints.Endpoint endpoint = entry.getValue();
            Run run = new Run();
            SPEC_CLEANUPS.add(run.cleanup);
            List<DynamicNode> tests = new ArrayList<>();
            for (Case hostile : cases(spec)) {
                tests.add(DynamicTest.dynamicTest(hostile.name() + " -> " + hostile.expect().description(), () -> send(endpoint, spec, run, hostile)));
            }
            tests.add(DynamicTest.dynamicTest("clean up", run.cleanup::run));
            nodes.add(DynamicContainer.dynamicContainer(endpoint.key(), tests));
        }
        return nodes;
    }

    private static void send(AmpEndpoints.Endpoint endpoint, Spec spec, Run run, Case hostile) {
        if (run.target == null) {
            run.target = spec.target().apply(run.cleanup);
            run.state = run.target.state().get();
        }
        Target target = run.target;
        Sent sent = hostile.request().apply(target.validBody().get());
        Map<String, String> params = new LinkedHashMap<>(target.params());
        params.putAll(sent.params());
        String url = endpoint.url(params);
        AmpHttp.Reply reply = HTTP.send(endpoint.httpMethod(), url, target.token().get(), sent.contentType(), sent.body());
        SENT.incrementAndGet();
        if (reply.status() >= 500) {
            SERVER_ERRORS.incrementAndGet();
        }
        if (!reply.success()) {
            REJECTED.incrementAndGet();
        }
        String what = endpoint.httpMethod() + " " + url + " (" + hostile.name() + ")";
        try {
            assertThat(reply.status()).as("%s answered %s", what, reply).isLessThan(500);
            assertThat(hostile.expect().allows(reply.status())).as("%s: expected %s, answered %s", what, hostile.expect().description(), reply)
                    .isTrue();
            if (reply.status() >= 400) {
                assertThat(reply.jsonObject()).as("%s: a %d carries a JSON object body, but was: %s", what, reply.status(), reply).isTrue();
            }
        } finally {
            if (reply.success()) {
                target.undo().accept(reply);
                run.target = null;
            } else {
                Object after = target.state().get();
                Object before = run.state;
                run.state = after;
                assertThat(after).as("%s was refused with %d, but changed what the listings show", what, reply.status()).isEqualTo(before);
            }
        }
    }

    // ---- state read back ----

    /** The listings, each read as the realm admin, as JSON trees. */
    static Map<String, Object> state(String... paths) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String path : paths) {
            AmpHttp.Reply reply = HTTP.send("GET", path, TOKENS.admin(), null, null);
            state.put(path, reply.status() + " " + reply.json());
        }
        return state;
    }

    /** The requests the requester fixture made (by id and status) and what waits for approvers. */
    static Map<String, Object> requestsState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("mine", HTTP.send("GET", REQUESTS + "/mine", TOKENS.user("workforce", requester), null, null).json());
        state.put("pending", HTTP.send("GET", REQUESTS + "/pending", TOKENS.user("workforce", "mia.manager"), null, null).json());
        return state;
    }

    /** The owner's elevation records, and the running elevations of the realm. */
    static Map<String, Object> elevationState(String ownerToken) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("mine", HTTP.send("GET", Elevations.API + "mine", ownerToken, null, null).json());
        JsonNode active = HTTP.send("GET", Elevations.ADMIN_API + "elevations/active", TOKENS.admin(), null, null).json();
        List<String> activeIds = new ArrayList<>();
        if (active != null) {
            active.forEach(record -> activeIds.add(record.path("id").asText()));
        }
        state.put("active", activeIds);
        return state;
    }

    // ---- fixtures of single targets ----

    /** A site of its own in a temporary Acme department (removing the department removes the site and its grants). */
    static String hostileSite(Cleanup cleanup) {
        String department = AuthorizationMatrixIT.temporaryDepartment(cleanup);
        String key = Fixtures.uniqueName("hostile-site");
        Portal.expect(OIDC.send("POST", Portal.ADMIN_API + "accounts/" + acme + "/departments/" + department + "/sites", TOKENS.admin(),
                "{\"key\": \"" + key + "\"}"), 201);
        return key;
    }

    static String grantOn(Cleanup cleanup, String site) {
        String consultant = PORTAL.consultant(cleanup, "partner-consultant");
        Oidc.Response grant = Portal.expect(OIDC.send("POST", Portal.ADMIN_API + "sites/" + site + "/grants", TOKENS.admin(),
                "{\"email\": \"" + consultant + "@example.com\"}"), 201);
        cleanup.add(() -> PORTAL.removeGrant(site, grant.string("id")));
        return grant.string("id");
    }

    static String pendingRequest(Cleanup cleanup) {
        String token = TOKENS.user("workforce", requester);
        String body = AuthorizationMatrixIT.requestBody(AuthorizationMatrixIT.newSubject(cleanup));
        String id = Portal.expect(OIDC.send("POST", REQUESTS, token, body), 201).string("id");
        cleanup.add(() -> AuthorizationMatrixIT.closeRequest(id, TOKENS.user("workforce", requester)));
        return id;
    }

    // ---- small helpers ----

    private static Case path(String name, Map<String, String> params, Expect expect) {
        return new Case("foreign id: " + name, valid -> new Sent(params, valid.isEmpty() ? null : "application/json",
                valid.isEmpty() ? null : bytes(write(valid))), expect);
    }

    private static Case value(String name, Function<Map<String, Object>, Map<String, Object>> change, Expect expect) {
        return new Case("value: " + name, valid -> Sent.json(change.apply(valid)), expect);
    }

    private static Case rawValue(String name, Function<Map<String, Object>, String> change, Expect expect) {
        return new Case("value: " + name, valid -> Sent.json(change.apply(valid)), expect);
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    static Map<String, Object> with(Map<String, Object> valid, String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(valid);
        changed.put(name, value);
        return changed;
    }

    /** The body with one field's value written as raw JSON text (numbers Jackson would not write). */
    static String withRaw(Map<String, Object> valid, String name, String rawJson) {
        Map<String, Object> changed = with(valid, name, "@@RAW@@");
        return write(changed).replace("\"@@RAW@@\"", rawJson);
    }

    static Map<String, Object> without(Map<String, Object> valid, String name) {
        Map<String, Object> changed = new LinkedHashMap<>(valid);
        changed.remove(name);
        return changed;
    }

    private static String firstName(Map<String, Object> valid) {
        return valid.isEmpty() ? "x" : valid.keySet().iterator().next();
    }

    private static String textField(Spec spec, Map<String, Object> valid) {
        return spec.fields().stream().filter(field -> field.type() == Type.STRING && valid.containsKey(field.name()))
                .map(Field::name).findFirst().orElse(null);
    }

    private static String spliced(Object value, String inserted) {
        String text = value == null ? "value" : value.toString();
        return text.isEmpty() ? inserted : text.charAt(0) + inserted + text.substring(1);
    }

    private static Object firstItem(Object list) {
        return list instanceof List<?> items && !items.isEmpty() ? items.get(0) : "item";
    }

    private static Sent multipart(String json) {
        String boundary = "amp-hostile-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\nContent-Type: application/json\r\n\r\n"
                + json + "\r\n--" + boundary + "--\r\n";
        return new Sent(Map.of(), "multipart/form-data; boundary=" + boundary, bytes(body));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(AmpHttp.Reply reply) {
        JsonNode json = reply.json();
        if (json == null || !json.hasNonNull("id")) {
            throw new AssertionError("No id in " + reply);
        }
        return json.get("id").asText();
    }
}
