package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix of the AMP APIs on both surfaces (README, "Answers, races and audit"):
 * one row per JAX-RS operation on the surface where it is served, found by reflection (sub-resource
 * locators followed), one column per kind of caller, and in each cell the status the README says
 * that caller gets. An operation without a row fails ("new endpoint without a row"), and so does a
 * row without an operation. The consultant-access API is served on both surfaces, so it has both
 * sets of rows, each with every caller: the same authorization code decides on both, and only who
 * gets in differs (see the notes on the columns).
 *
 * <p>Every cell sends a request a permitted caller would succeed with: real ids from the demo
 * data (so a cell tests authorization, not a 404) and a valid body. Cells that change state act
 * on fixtures made for that cell alone (a fresh subject, a fresh owner, a fresh grant) and undo
 * what a success did, so every cell expects one exact status.
 */
class AuthorizationMatrixIT {

    /*
     * Columns, per API (every API keeps anonymous, the two bad tokens, a user of another realm,
     * a realm viewer and the realm admin):
     *   anonymous       no Authorization header
     *   garbage-token   "Bearer garbage.not-a-jwt"
     *   forged-token    the realm admin's JWT with its payload changed, signature kept
     *   x@realm         a demo user, or a fixture of this class:
     *     realm-viewer@R     a user of realm R with realm-management view-realm + view-users only
     *     portal-admin@portal a portal user with realm-management realm-admin: the realm's own administrator
     *     rad.admin@portal   Department Admin of Radiology (Acme), Portal.radiologyAdmin
     *     beacon.admin@portal Account Admin of Beacon Care
     *     requester@workforce the user who made the row's access request (a plain workforce user)
     *     scoped-approver@workforce an access-approver limited to implementation-team
     *                        (amp.approver-departments); the rows' requests are for account-managers-and-sales-teams
     *     owner@practice     a fresh practice user holding Break the Glass Review and Emergency
     *                        Access, owner of the row's elevation record (a reviewer of their own)
     *     realm.admin@R      the demo realms' own administrator (realm-management realm-admin): on the
     *                        user surface, every access request and any decision (never their own), the
     *                        running elevations and their revocation; nothing an approver or reviewer
     *                        lists as such (pending requests, break-the-glass review)
     *   realm-admin     the master realm's admin (Oidc.adminToken)
     *
     * The two surfaces:
     *   admin  /admin/realms/{realm}/amp-*: Keycloak's admin root takes a token of the realm or of
     *          master. A token of a third realm is refused by Keycloak: 403.
     *   user   /realms/{realm}/amp/*: a bearer token of that realm only. A token of another realm,
     *          master's included, is a 401 from Keycloak's bearer check (on the admin path these were
     *          403 "Use a token of realm ..."): the realm admin and users of other realms get 401 here.
     *          Realm-management roles of the realm's own users count as on the admin surface.
     *
     * Notes on cells the README leaves to Keycloak's own roles:
     *   amp-permissions validation needs view-clients (Keycloak's clients().requireView); the realm
     *   viewer holds view-realm + view-users only: 403. Explain needs view-users: 200.
     * A Department Admin placing a user in a department outside their own (POST users as rad.admin
     * into Cardiology) is "may not do this": 403 (like assigning a level above one's own).
     * Sites are created by realm managers only (manage-realm): the master admin on the admin surface,
     * the portal's own administrator on either surface.
     * carl.consultant holds acme-cardio-north (through Partner Analysts): he lists its grants (200) and
     * is refused on acme-cardio-south, which the writes use (403), as any consultant not granted a site.
     * rad.admin lists Cardiology's Department Viewers (seed 002: a Department Admin sees the account's
     * Department Admins and Viewers) but may not edit one outside Radiology: 403, not 404.
     */
    static final String TABLE = """
            [amp-permissions]
            columns: anonymous garbage-token forged-token sam.sales@workforce dr.sun.all@practice rita.review@practice realm-viewer@practice realm-admin
            GET amp-permissions/clients/{clientId}/catalog/validation        401 401 401 403 403 403 403 200
            GET amp-permissions/users/{userId}/clients/{clientId}/explain    401 401 401 403 403 403 200 200

            [amp/requests: user surface only; the master admin and other realms' users are 401 there]
            columns: anonymous garbage-token forged-token dr.sun.all@practice requester@workforce carla.cx@workforce mia.manager@workforce scoped-approver@workforce realm-viewer@workforce realm.admin@workforce realm-admin
            POST amp/requests                          401 401 401 401 201 201 201 201 201 201 401
            GET amp/requests/options                   401 401 401 401 200 200 200 200 200 200 401
            GET amp/requests/mine                      401 401 401 401 200 200 200 200 200 200 401
            GET amp/requests/pending                   401 401 401 401 403 403 200 200 403 403 401
            GET amp/requests/all                       401 401 401 401 403 403 403 403 403 200 401
            POST amp/requests/{id}/approve             401 401 401 401 403 403 200 404 403 200 401
            POST amp/requests/{id}/deny                401 401 401 401 403 403 200 404 403 200 401
            POST amp/requests/{id}/cancel              401 401 401 401 200 403 403 403 403 403 401

            [amp/elevations: user surface]
            columns: anonymous garbage-token forged-token sam.sales@workforce owner@practice dr.sun.all@practice rita.review@practice realm-viewer@practice realm.admin@practice realm-admin
            POST amp/elevations/break-the-glass                     401 401 401 401 201 201 201 201 201 401
            GET amp/elevations/break-the-glass/systems              401 401 401 401 200 200 200 200 200 401
            GET amp/elevations/mine                                 401 401 401 401 200 200 200 200 200 401
            GET amp/elevations/break-the-glass/pending              401 401 401 401 200 403 200 403 403 401
            GET amp/elevations/break-the-glass/past                 401 401 401 401 200 403 200 403 403 401
            GET amp/elevations/emergency-access                     401 401 401 401 200 403 200 403 403 401
            POST amp/elevations/break-the-glass/{id}/approve        401 401 401 401 403 403 200 403 403 401
            POST amp/elevations/break-the-glass/{id}/deny           401 401 401 401 403 403 200 403 403 401
            POST amp/elevations/emergency-access/{id}/acknowledge   401 401 401 401 403 403 200 403 403 401
            GET amp/elevations/active                               401 401 401 401 403 403 403 403 200 401
            POST amp/elevations/{id}/revoke                         401 401 401 401 403 403 403 403 200 401

            [amp-elevation: admin surface]
            columns: anonymous garbage-token forged-token sam.sales@workforce owner@practice dr.sun.all@practice rita.review@practice realm-viewer@practice realm.admin@practice realm-admin
            GET amp-elevation/elevations/active                     401 401 401 403 403 403 403 200 200 200
            POST amp-elevation/elevations/{id}/revoke               401 401 401 403 403 403 403 403 200 200

            [amp-consultant-access: admin surface]
            columns: anonymous garbage-token forged-token sam.sales@workforce vera.viewer@portal dan.dept@portal rad.admin@portal alice.admin@portal beacon.admin@portal nina.nogrant@portal carl.consultant@portal realm-viewer@portal portal-admin@portal realm-admin
            GET amp-consultant-access/me                                                    401 401 401 403 200 200 200 200 200 200 200 200 200 403
            GET amp-consultant-access/me/sites                                              401 401 401 403 200 200 200 200 200 200 200 200 200 403
            GET amp-consultant-access/accounts                                              401 401 401 403 403 200 200 200 200 403 403 200 200 200
            GET amp-consultant-access/accounts/{accountId}/details                          401 401 401 403 403 200 200 200 404 403 403 200 200 200
            GET amp-consultant-access/accounts/{accountId}/departments                      401 401 401 403 403 200 200 200 404 403 403 200 200 200
            POST amp-consultant-access/accounts/{accountId}/departments                     401 401 401 403 403 403 403 201 404 403 403 403 201 201
            PUT amp-consultant-access/accounts/{accountId}/departments/{departmentId}       401 401 401 403 403 403 403 200 404 403 403 403 200 200
            GET amp-consultant-access/accounts/{accountId}/sites                            401 401 401 403 403 200 200 200 404 403 403 200 200 200
            POST amp-consultant-access/accounts/{accountId}/departments/{departmentId}/sites 401 401 401 403 403 403 403 403 403 403 403 403 201 201
            GET amp-consultant-access/sites/{siteKey}/grants                                401 401 401 403 403 200 404 200 404 403 200 200 200 200
            POST amp-consultant-access/sites/{siteKey}/grants                               401 401 401 403 403 201 404 201 404 403 403 403 201 201
            PUT amp-consultant-access/sites/{siteKey}/grants/{grantId}                      401 401 401 403 403 200 404 200 404 403 403 403 200 200
            DELETE amp-consultant-access/sites/{siteKey}/grants/{grantId}                   401 401 401 403 403 204 404 204 404 403 403 403 204 204
            GET amp-consultant-access/accounts/{accountId}/users                            401 401 401 403 403 200 200 200 404 403 403 200 200 200
            POST amp-consultant-access/accounts/{accountId}/users                           401 401 401 403 403 201 403 201 404 403 403 403 201 201
            PUT amp-consultant-access/accounts/{accountId}/users/{userId}                   401 401 401 403 403 200 403 200 404 403 403 403 200 200
            GET amp-consultant-access/consultant-groups                                     401 401 401 403 403 200 200 200 200 403 200 200 200 200
            POST amp-consultant-access/consultant-groups                                    401 401 401 403 403 201 201 201 201 403 201 403 201 201
            PUT amp-consultant-access/consultant-groups/{groupId}                           401 401 401 403 403 200 404 200 404 403 200 403 200 200
            GET amp-consultant-access/consultant-groups/{groupId}/members                   401 401 401 403 403 200 404 200 404 403 200 200 200 200
            POST amp-consultant-access/consultant-groups/{groupId}/members                  401 401 401 403 403 201 404 201 404 403 201 403 201 201
            DELETE amp-consultant-access/consultant-groups/{groupId}/members/{userId}       401 401 401 403 403 204 404 204 404 403 204 403 204 204

            [amp/consultant-access: user surface; the same code, but a token of another realm (master's included) is 401]
            columns: anonymous garbage-token forged-token sam.sales@workforce vera.viewer@portal dan.dept@portal rad.admin@portal alice.admin@portal beacon.admin@portal nina.nogrant@portal carl.consultant@portal realm-viewer@portal portal-admin@portal realm-admin
            GET amp/consultant-access/me                                                    401 401 401 401 200 200 200 200 200 200 200 200 200 401
            GET amp/consultant-access/me/sites                                              401 401 401 401 200 200 200 200 200 200 200 200 200 401
            GET amp/consultant-access/accounts                                              401 401 401 401 403 200 200 200 200 403 403 200 200 401
            GET amp/consultant-access/accounts/{accountId}/details                          401 401 401 401 403 200 200 200 404 403 403 200 200 401
            GET amp/consultant-access/accounts/{accountId}/departments                      401 401 401 401 403 200 200 200 404 403 403 200 200 401
            POST amp/consultant-access/accounts/{accountId}/departments                     401 401 401 401 403 403 403 201 404 403 403 403 201 401
            PUT amp/consultant-access/accounts/{accountId}/departments/{departmentId}       401 401 401 401 403 403 403 200 404 403 403 403 200 401
            GET amp/consultant-access/accounts/{accountId}/sites                            401 401 401 401 403 200 200 200 404 403 403 200 200 401
            POST amp/consultant-access/accounts/{accountId}/departments/{departmentId}/sites 401 401 401 401 403 403 403 403 403 403 403 403 201 401
            GET amp/consultant-access/sites/{siteKey}/grants                                401 401 401 401 403 200 404 200 404 403 200 200 200 401
            POST amp/consultant-access/sites/{siteKey}/grants                               401 401 401 401 403 201 404 201 404 403 403 403 201 401
            PUT amp/consultant-access/sites/{siteKey}/grants/{grantId}                      401 401 401 401 403 200 404 200 404 403 403 403 200 401
            DELETE amp/consultant-access/sites/{siteKey}/grants/{grantId}                   401 401 401 401 403 204 404 204 404 403 403 403 204 401
            GET amp/consultant-access/accounts/{accountId}/users                            401 401 401 401 403 200 200 200 404 403 403 200 200 401
            POST amp/consultant-access/accounts/{accountId}/users                           401 401 401 401 403 201 403 201 404 403 403 403 201 401
            PUT amp/consultant-access/accounts/{accountId}/users/{userId}                   401 401 401 401 403 200 403 200 404 403 403 403 200 401
            GET amp/consultant-access/consultant-groups                                     401 401 401 401 403 200 200 200 200 403 200 200 200 401
            POST amp/consultant-access/consultant-groups                                    401 401 401 401 403 201 201 201 201 403 201 403 201 401
            PUT amp/consultant-access/consultant-groups/{groupId}                           401 401 401 401 403 200 404 200 404 403 200 403 200 401
            GET amp/consultant-access/consultant-groups/{groupId}/members                   401 401 401 401 403 200 404 200 404 403 200 200 200 401
            POST amp/consultant-access/consultant-groups/{groupId}/members                  401 401 401 401 403 201 404 201 404 403 201 403 201 401
            DELETE amp/consultant-access/consultant-groups/{groupId}/members/{userId}       401 401 401 401 403 204 404 204 404 403 204 403 204 401
            """;

    private static final String WORKFORCE_REQUESTS = RaceScenarios.REQUESTS;
    private static final String ELEVATION = Elevations.API;
    private static final String ELEVATION_ADMIN = Elevations.ADMIN_API;
    /** The consultant-access API's name on each surface, as the rows spell it. */
    private static final List<String> CONSULTANT_ACCESS = List.of("amp-consultant-access", "amp/consultant-access");
    private static final String SALES = "account-managers-and-sales-teams";

    private static final Cleanup CLASS_CLEANUP = new Cleanup();
    private static final Map<String, String> FIXTURES = new LinkedHashMap<>();
    private static final AtomicInteger CELLS = new AtomicInteger();
    private static final AtomicInteger SERVER_ERRORS = new AtomicInteger();
    private static final List<String> SERVER_ERROR_CELLS = new ArrayList<>();

    private static final KeycloakServer SERVER = KeycloakServer.get();
    private static final Oidc OIDC = new Oidc(SERVER);
    private static final CallerTokens TOKENS = new CallerTokens(OIDC);
    private static final Portal PORTAL = new Portal();

    private static String acmeId;
    private static String cleanupReviewer;

    // ---- the expected table, parsed ----

    record Row(String key, List<String> columns, List<Integer> expected) {
    }

    static Map<String, Row> table() {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> columns = null;
        for (String raw : TABLE.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("[") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("columns:")) {
                columns = List.of(line.substring("columns:".length()).trim().split("\\s+"));
                continue;
            }
            String[] parts = line.split("\\s+");
            String key = parts[0] + " " + parts[1];
            List<Integer> expected = new ArrayList<>();
            for (int i = 2; i < parts.length; i++) {
                expected.add(Integer.parseInt(parts[i]));
            }
            if (columns == null || expected.size() != columns.size()) {
                throw new IllegalStateException("Row '" + key + "' has " + expected.size() + " cells for " + columns);
            }
            if (rows.put(key, new Row(key, columns, expected)) != null) {
                throw new IllegalStateException("Two rows for " + key);
            }
        }
        return rows;
    }

    // ---- fixtures ----

    /** The id of the Acme Health account (organization). */
    static synchronized String acme() {
        if (acmeId == null) {
            acmeId = PORTAL.accountId("acme-health");
        }
        return acmeId;
    }

    @BeforeAll
    static void fixtures() {
        FIXTURES.put("rad.admin@portal", PORTAL.radiologyAdmin(CLASS_CLEANUP));
        FIXTURES.put("beacon.admin@portal", beaconAdmin(CLASS_CLEANUP));
        FIXTURES.put("portal-admin@portal", realmAdministrator("portal", CLASS_CLEANUP));
        for (String realm : List.of("portal", "practice", "workforce")) {
            FIXTURES.put("realm-viewer@" + realm, realmViewer(realm, CLASS_CLEANUP));
        }
        RealmResource workforce = SERVER.admin().realm("workforce");
        Fixtures workforceFixtures = new Fixtures(workforce, CLASS_CLEANUP);
        String requester = Fixtures.uniqueName("matrix.requester");
        workforceFixtures.user(requester);
        FIXTURES.put("requester@workforce", requester);
        String scoped = Fixtures.uniqueName("matrix.scoped");
        String scopedId = workforceFixtures.user(scoped, Map.of("amp.approver-departments", List.of("implementation-team")));
        workforce.users().get(scopedId).roles().realmLevel().add(List.of(workforce.roles().get("access-approver").toRepresentation()));
        FIXTURES.put("scoped-approver@workforce", scoped);
        cleanupReviewer = practiceUser(CLASS_CLEANUP, "matrix.cleanup-reviewer", "break-the-glass-review");
    }

    /** Signs out the sessions the shared helpers of this class opened (also when another class used them). */
    static void signOutSessions() {
        TOKENS.signOutAll();
    }

    @AfterAll
    static void removeFixtures() {
        TOKENS.signOutAll();
        CLASS_CLEANUP.run();
        System.out.printf("[matrix] %d endpoints x %d callers = %d cells, 5xx seen: %d%s%n", table().size(),
                columnsInOrder().size(),
                CELLS.get(), SERVER_ERRORS.get(), SERVER_ERROR_CELLS.isEmpty() ? "" : " " + SERVER_ERROR_CELLS);
    }

    /** An Account Admin of Beacon Care: a member of that organization with the account-admin role. */
    static String beaconAdmin(Cleanup cleanup) {
        String username = Fixtures.uniqueName("beacon.admin");
        String id = new Fixtures(PORTAL.realm(), cleanup).user(username);
        PORTAL.realm().users().get(id).roles().realmLevel().add(List.of(PORTAL.realm().roles().get("account-admin").toRepresentation()));
        Portal.expect(OIDC.send("POST", "admin/realms/portal/organizations/" + PORTAL.accountId("beacon-care") + "/members",
                OIDC.adminToken(), "\"" + id + "\""), 201);
        return username;
    }

    /** A user of the realm holding realm-management view-realm and view-users, and nothing else of it. */
    static String realmViewer(String realmName, Cleanup cleanup) {
        RealmResource realm = SERVER.admin().realm(realmName);
        String username = Fixtures.uniqueName("realm.viewer");
        String id = new Fixtures(realm, cleanup).user(username);
        String management = realm.clients().findByClientId("realm-management").get(0).getId();
        List<RoleRepresentation> roles = List.of(realm.clients().get(management).roles().get("view-realm").toRepresentation(),
                realm.clients().get(management).roles().get("view-users").toRepresentation());
        realm.users().get(id).roles().clientLevel(management).add(roles);
        return username;
    }

    /** A user of the realm holding realm-management realm-admin: the realm's own administrator, as the admin console makes one. */
    static String realmAdministrator(String realmName, Cleanup cleanup) {
        RealmResource realm = SERVER.admin().realm(realmName);
        String username = Fixtures.uniqueName("realm.admin");
        String id = new Fixtures(realm, cleanup).user(username);
        String management = realm.clients().findByClientId("realm-management").get(0).getId();
        realm.users().get(id).roles().clientLevel(management).add(List.of(realm.clients().get(management).roles().get("realm-admin").toRepresentation()));
        return username;
    }

    /** A practice user holding the given ehr roles; returns the username. */
    static String practiceUser(Cleanup cleanup, String prefix, String... ehrRoles) {
        RealmResource practice = SERVER.admin().realm("practice");
        Fixtures fixtures = new Fixtures(practice, cleanup);
        String username = Fixtures.uniqueName(prefix);
        String id = fixtures.user(username, Map.of("user-type", List.of("provider")));
        if (ehrRoles.length > 0) {
            practice.users().get(id).roles().clientLevel(fixtures.clientUuid("ehr")).add(fixtures.clientRoles("ehr", ehrRoles));
        }
        return username;
    }

    // ---- callers ----

    private static String token(String column, Map<String, Supplier<String>> local) {
        if (local.containsKey(column)) {
            return local.get(column).get();
        }
        return switch (column) {
            case "anonymous" -> null;
            case "garbage-token" -> CallerTokens.GARBAGE;
            case "forged-token" -> TOKENS.forged();
            case "realm-admin" -> TOKENS.admin();
            default -> {
                String[] user = column.split("@");
                if (user.length != 2) {
                    throw new IllegalArgumentException("Unknown caller " + column);
                }
                String username = FIXTURES.getOrDefault(column, user[0]);
                if (column.startsWith("owner@")) {
                    throw new IllegalStateException("The row's setup gives no " + column);
                }
                yield TOKENS.user(user[1], username);
            }
        };
    }

    // ---- what each row sends ----

    /** What one cell sends: path parameters, a body, per-cell callers, and what to undo after a response. */
    record Prepared(Map<String, String> params, String body, Map<String, Supplier<String>> callers,
                    BiConsumer<Oidc.Response, String> after) {
        static Prepared of(Map<String, String> params, String body) {
            return new Prepared(params, body, Map.of(), (response, token) -> { });
        }

        Prepared with(String column, Supplier<String> caller) {
            Map<String, Supplier<String>> callers = new LinkedHashMap<>(this.callers);
            callers.put(column, caller);
            return new Prepared(params, body, callers, after);
        }

        Prepared after(BiConsumer<Oidc.Response, String> after) {
            return new Prepared(params, body, callers, after);
        }
    }

    interface Setup {
        Prepared prepare(String column, Cleanup cleanup);
    }

    static Map<String, Setup> setups() {
        Map<String, Setup> setups = new LinkedHashMap<>();

        // amp-permissions
        setups.put("GET amp-permissions/clients/{clientId}/catalog/validation", (column, cleanup) -> Prepared.of(Map.of("clientId", "ehr"), null));
        setups.put("GET amp-permissions/users/{userId}/clients/{clientId}/explain", (column, cleanup) -> Prepared.of(
                Map.of("userId", userId("practice", "st.sun.settings"), "clientId", "ehr"), null));

        // amp/requests (user surface)
        setups.put("POST amp/requests", (column, cleanup) -> Prepared.of(Map.of(), requestBody(newSubject(cleanup)))
                .after((response, token) -> {
                    if (response.status() == 201) {
                        cleanup.add(() -> closeRequest(response.string("id"), token));
                    }
                }));
        setups.put("GET amp/requests/mine", (column, cleanup) -> Prepared.of(Map.of(), null));
        setups.put("GET amp/requests/options", (column, cleanup) -> Prepared.of(Map.of(), null));
        setups.put("GET amp/requests/pending", (column, cleanup) -> Prepared.of(Map.of(), null));
        setups.put("GET amp/requests/all", (column, cleanup) -> Prepared.of(Map.of(), null));
        setups.put("POST amp/requests/{id}/approve", (column, cleanup) -> Prepared.of(
                Map.of("id", pendingRequest(cleanup)), "{\"reason\": \"matrix: approve\"}"));
        setups.put("POST amp/requests/{id}/deny", (column, cleanup) -> Prepared.of(
                Map.of("id", pendingRequest(cleanup)), "{\"reason\": \"matrix: deny\"}"));
        setups.put("POST amp/requests/{id}/cancel", (column, cleanup) -> Prepared.of(
                Map.of("id", pendingRequest(cleanup)), null));

        // amp/elevations (user surface) and amp-elevation (admin surface)
        setups.put("POST amp/elevations/break-the-glass", (column, cleanup) -> withOwner(cleanup,
                Prepared.of(Map.of(), "{\"reason\": \"matrix: break the glass\", \"durationMinutes\": 5}"))
                .after((response, token) -> {
                    if (response.status() == 201) {
                        cleanup.add(() -> closeElevation(response.string("id")));
                    }
                }));
        for (String list : List.of("amp/elevations/mine", "amp/elevations/break-the-glass/pending", "amp/elevations/break-the-glass/past",
                "amp/elevations/emergency-access", "amp-elevation/elevations/active", "amp/elevations/active",
                "amp/elevations/break-the-glass/systems")) {
            setups.put("GET " + list, (column, cleanup) -> withOwner(cleanup, Prepared.of(Map.of(), null)));
        }
        for (String decision : List.of("approve", "deny")) {
            setups.put("POST amp/elevations/break-the-glass/{id}/" + decision, (column, cleanup) -> {
                String owner = practiceUser(cleanup, "matrix.owner", "break-the-glass-review", "emergency-access");
                Oidc.Response session = signInOnce(cleanup, owner);
                String id = askBreakTheGlass(session.string("access_token"));
                cleanup.add(() -> closeElevation(id));
                return Prepared.of(Map.of("id", id), "{\"comment\": \"matrix: " + decision + "\"}")
                        .with("owner@practice", () -> session.string("access_token"));
            });
        }
        setups.put("POST amp/elevations/emergency-access/{id}/acknowledge", (column, cleanup) -> {
            String owner = practiceUser(cleanup, "matrix.owner", "break-the-glass-review", "emergency-access");
            Oidc.Response tokens = new Elevations().signInToTokens(owner, "matrix: emergency access");
            cleanup.add(() -> OIDC.logout("practice", "ehr", tokens.string("refresh_token")));
            String id = (String) Elevations.elevation(Elevations.access(tokens)).get("id");
            return Prepared.of(Map.of("id", id), "{\"comment\": \"matrix: acknowledged\"}")
                    .with("owner@practice", () -> tokens.string("access_token"));
        });
        for (String revoke : List.of("amp-elevation/elevations/{id}/revoke", "amp/elevations/{id}/revoke")) {
            setups.put("POST " + revoke, AuthorizationMatrixIT::runningElevation);
        }

        // consultant access, on both surfaces alike
        for (String api : CONSULTANT_ACCESS) {
            for (String path : List.of("me", "me/sites", "accounts")) {
                setups.put("GET " + api + "/" + path, (column, cleanup) -> Prepared.of(Map.of(), null));
            }
            for (String path : List.of("details", "departments", "sites", "users")) {
                setups.put("GET " + api + "/accounts/{accountId}/" + path, (column, cleanup) -> Prepared.of(Map.of("accountId", acme()), null));
            }
            setups.put("POST " + api + "/accounts/{accountId}/departments", (column, cleanup) -> Prepared.of(Map.of("accountId", acme()),
                    "{\"name\": \"" + Fixtures.uniqueName("Matrix Oncology") + "\"}").after((response, token) -> {
                        if (response.status() == 201) {
                            cleanup.add(() -> removeDepartment(response.string("id")));
                        }
                    }));
            setups.put("PUT " + api + "/accounts/{accountId}/departments/{departmentId}", (column, cleanup) -> Prepared.of(
                    Map.of("accountId", acme(), "departmentId", Portal.CARDIOLOGY), "{\"name\": \"Cardiology\"}"));
            setups.put("POST " + api + "/accounts/{accountId}/departments/{departmentId}/sites", (column, cleanup) -> Prepared.of(
                    Map.of("accountId", acme(), "departmentId", temporaryDepartment(cleanup)),
                    "{\"key\": \"" + Fixtures.uniqueName("matrix-site") + "\"}"));
            setups.put("GET " + api + "/sites/{siteKey}/grants", (column, cleanup) -> Prepared.of(Map.of("siteKey", "acme-cardio-north"), null));
            setups.put("POST " + api + "/sites/{siteKey}/grants", (column, cleanup) -> {
                String consultant = PORTAL.consultant(cleanup, "partner-consultant");
                return Prepared.of(Map.of("siteKey", "acme-cardio-south"), "{\"email\": \"" + consultant + "@example.com\"}")
                        .after((response, token) -> {
                            if (response.status() == 201) {
                                cleanup.add(() -> PORTAL.removeGrant("acme-cardio-south", response.string("id")));
                            }
                        });
            });
            setups.put("PUT " + api + "/sites/{siteKey}/grants/{grantId}", (column, cleanup) -> Prepared.of(
                    Map.of("siteKey", "acme-cardio-south", "grantId", grantOnCardioSouth(cleanup)), "{\"enabled\": false}"));
            setups.put("DELETE " + api + "/sites/{siteKey}/grants/{grantId}", (column, cleanup) -> Prepared.of(
                    Map.of("siteKey", "acme-cardio-south", "grantId", grantOnCardioSouth(cleanup)), null));
            setups.put("POST " + api + "/accounts/{accountId}/users", (column, cleanup) -> {
                String username = Fixtures.uniqueName("matrix.user");
                cleanup.add(() -> removeUserNamed("portal", username));
                return Prepared.of(Map.of("accountId", acme()), newUserBody(username));
            });
            setups.put("GET " + api + "/consultant-groups", (column, cleanup) -> Prepared.of(Map.of(), null));
            setups.put("POST " + api + "/consultant-groups", (column, cleanup) -> {
                String name = Fixtures.uniqueName("Matrix Group");
                cleanup.add(() -> removeConsultantGroupNamed(name));
                return Prepared.of(Map.of(), "{\"name\": \"" + name + "\"}");
            });
            setups.put("PUT " + api + "/consultant-groups/{groupId}", (column, cleanup) -> Prepared.of(
                    Map.of("groupId", consultantGroupOnCardioNorth(cleanup)), "{\"name\": \"" + Fixtures.uniqueName("Matrix Renamed") + "\"}"));
            setups.put("GET " + api + "/consultant-groups/{groupId}/members", (column, cleanup) -> Prepared.of(
                    Map.of("groupId", consultantGroupOnCardioNorth(cleanup)), null));
            setups.put("POST " + api + "/consultant-groups/{groupId}/members", (column, cleanup) -> {
                String consultant = PORTAL.consultant(cleanup, "partner-consultant");
                return Prepared.of(Map.of("groupId", consultantGroupOnCardioNorth(cleanup)), "{\"email\": \"" + consultant + "@example.com\"}");
            });
            setups.put("DELETE " + api + "/consultant-groups/{groupId}/members/{userId}", (column, cleanup) -> {
                String group = consultantGroupOnCardioNorth(cleanup);
                String member = userId("portal", PORTAL.consultant(cleanup, "partner-consultant"));
                SERVER.admin().realm("portal").users().get(member).joinGroup(group);
                return Prepared.of(Map.of("groupId", group, "userId", member), null);
            });
            setups.put("PUT " + api + "/accounts/{accountId}/users/{userId}", (column, cleanup) -> {
                String username = Fixtures.uniqueName("matrix.target");
                cleanup.add(() -> removeUserNamed("portal", username));
                Oidc.Response created = Portal.expect(OIDC.send("POST", Portal.ADMIN_API + "accounts/" + acme() + "/users", TOKENS.admin(),
                        newUserBody(username)), 201);
                return Prepared.of(Map.of("accountId", acme(), "userId", created.string("id")), "{\"firstName\": \"Edited\"}");
            });
        }
        return setups;
    }

    // ---- fixtures of single cells ----

    /** A running elevation of a fresh owner (asked for and approved), for a revocation cell. */
    static Prepared runningElevation(String column, Cleanup cleanup) {
        String owner = practiceUser(cleanup, "matrix.owner", "break-the-glass-review", "emergency-access");
        Oidc.Response session = signInOnce(cleanup, owner);
        String id = askBreakTheGlass(session.string("access_token"));
        cleanup.add(() -> closeElevation(id));
        Portal.expect(OIDC.send("POST", ELEVATION + "break-the-glass/" + id + "/approve",
                TOKENS.user("practice", cleanupReviewer), "{\"comment\": \"matrix: running\"}"), 200);
        return Prepared.of(Map.of("id", id), "{\"comment\": \"matrix: revoked\"}")
                .with("owner@practice", () -> session.string("access_token"));
    }


    static String userId(String realm, String username) {
        return SERVER.admin().realm(realm).users().searchByUsername(username, true).get(0).getId();
    }

    static void removeUserNamed(String realm, String username) {
        SERVER.admin().realm(realm).users().searchByUsername(username, true)
                .forEach(user -> SERVER.admin().realm(realm).users().delete(user.getId()).close());
    }

    /** A fresh workforce user in the sales department, the subject of a request; removed afterwards. */
    static String newSubject(Cleanup cleanup) {
        RealmResource workforce = SERVER.admin().realm("workforce");
        String username = Fixtures.uniqueName("matrix.subject");
        String id = new Fixtures(workforce, cleanup).user(username);
        workforce.users().get(id).joinGroup(workforce.getGroupByPath("/departments/" + SALES).getId());
        return username;
    }

    static String requestBody(String subject) {
        return "{\"subject\": \"" + subject + "\", \"organization\": \"DrChrono\", \"department\": \"" + SALES + "\","
                + " \"system\": \"drchrono-staging\", \"roles\": [\"sales-user\"], \"justification\": \"matrix: covering the Q4 push\"}";
    }

    /** A pending request made by the requester fixture for a fresh subject; closed afterwards. */
    static String pendingRequest(Cleanup cleanup) {
        String requester = TOKENS.user("workforce", FIXTURES.get("requester@workforce"));
        Oidc.Response submitted = Portal.expect(OIDC.send("POST", WORKFORCE_REQUESTS, requester, requestBody(newSubject(cleanup))), 201);
        String id = submitted.string("id");
        cleanup.add(() -> closeRequest(id, TOKENS.user("workforce", FIXTURES.get("requester@workforce"))));
        return id;
    }

    /** Leaves no request pending: the requester cancels it, or else an approver denies it. */
    static void closeRequest(String id, String requesterToken) {
        Oidc.Response cancelled = requesterToken == null ? null
                : OIDC.send("POST", WORKFORCE_REQUESTS + "/" + id + "/cancel", requesterToken, null);
        if (cancelled == null || cancelled.status() != 200) {
            OIDC.send("POST", WORKFORCE_REQUESTS + "/" + id + "/deny", TOKENS.user("workforce", "mia.manager"),
                    "{\"reason\": \"matrix: clean-up\"}");
        }
    }

    static Oidc.Response signInOnce(Cleanup cleanup, String practiceUsername) {
        Oidc.Response tokens = OIDC.passwordGrant("practice", "ehr", practiceUsername, Oidc.DEMO_PASSWORD);
        Portal.expect(tokens, 200);
        cleanup.add(() -> OIDC.logout("practice", "ehr", tokens.string("refresh_token")));
        return tokens;
    }

    static String askBreakTheGlass(String accessToken) {
        return Portal.expect(OIDC.send("POST", ELEVATION + "break-the-glass", accessToken,
                "{\"reason\": \"matrix: locked chart\", \"durationMinutes\": 5}"), 201).string("id");
    }

    /** A fresh owner for the cell: a practice user reviewing break-the-glass, signed in once. */
    static Prepared withOwner(Cleanup cleanup, Prepared prepared) {
        return prepared.with("owner@practice", () -> {
            String owner = practiceUser(cleanup, "matrix.owner", "break-the-glass-review", "emergency-access");
            return signInOnce(cleanup, owner).string("access_token");
        });
    }

    /** Leaves no elevation open: a pending request is denied, a running elevation revoked. */
    static void closeElevation(String id) {
        closeElevation(id, cleanupReviewer);
    }

    static void closeElevation(String id, String reviewer) {
        OIDC.send("POST", ELEVATION + "break-the-glass/" + id + "/deny", TOKENS.user("practice", reviewer),
                "{\"comment\": \"matrix: clean-up\"}");
        OIDC.send("POST", ELEVATION_ADMIN + "elevations/" + id + "/revoke", TOKENS.admin(), "{\"comment\": \"matrix: clean-up\"}");
    }

    static void removeDepartment(String departmentId) {
        OIDC.send("DELETE", "admin/realms/portal/organizations/" + acme() + "/groups/" + departmentId, TOKENS.admin(), null);
    }

    /** A department of Acme made for one cell; removing it removes its sites too. */
    static String temporaryDepartment(Cleanup cleanup) {
        Oidc.Response department = Portal.expect(OIDC.send("POST", Portal.ADMIN_API + "accounts/" + acme() + "/departments", TOKENS.admin(),
                "{\"name\": \"" + Fixtures.uniqueName("Matrix Temporary") + "\"}"), 201);
        cleanup.add(() -> removeDepartment(department.string("id")));
        return department.string("id");
    }

    /** A grant of acme-cardio-south to a fresh consultant, made by the realm admin; removed afterwards. */
    static String grantOnCardioSouth(Cleanup cleanup) {
        String consultant = PORTAL.consultant(cleanup, "partner-consultant");
        Oidc.Response grant = Portal.expect(OIDC.send("POST", Portal.ADMIN_API + "sites/acme-cardio-south/grants", TOKENS.admin(),
                "{\"email\": \"" + consultant + "@example.com\"}"), 201);
        cleanup.add(() -> PORTAL.removeGrant("acme-cardio-south", grant.string("id")));
        return grant.string("id");
    }

    /** A consultant group made for one cell, granted acme-cardio-north (Cardiology): removing it removes its grant. */
    static String consultantGroupOnCardioNorth(Cleanup cleanup) {
        String name = Fixtures.uniqueName("Matrix North");
        RealmResource portal = SERVER.admin().realm("portal");
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (var created = portal.groups().group(portal.getGroupByPath("/consultant-groups").getId()).subGroup(group)) {
            assertThat(created.getStatus()).as("consultant group %s created", name).isEqualTo(201);
        }
        String id = portal.getGroupByPath("/consultant-groups/" + name).getId();
        // By id: a cell may rename the group.
        cleanup.add(() -> {
            try {
                portal.groups().group(id).remove();
            } catch (jakarta.ws.rs.NotFoundException gone) {
                // removed already
            }
        });
        Portal.expect(OIDC.send("POST", Portal.ADMIN_API + "sites/acme-cardio-north/grants", TOKENS.admin(),
                "{\"group\": \"" + name + "\"}"), 201);
        return id;
    }

    static void removeConsultantGroupNamed(String name) {
        RealmResource portal = SERVER.admin().realm("portal");
        try {
            portal.groups().group(portal.getGroupByPath("/consultant-groups/" + name).getId()).remove();
        } catch (jakarta.ws.rs.NotFoundException gone) {
            // never created (the cell was refused)
        }
    }

    static String newUserBody(String username) {
        return "{\"username\": \"" + username + "\", \"email\": \"" + username + "@acme-health.example\", \"firstName\": \"Matrix\","
                + " \"lastName\": \"User\", \"role\": \"department-viewer\", \"departments\": [\"" + Portal.CARDIOLOGY + "\"]}";
    }

    // ---- the matrix ----

    @TestFactory
    List<DynamicNode> matrix() {
        Map<String, Row> table = table();
        Map<String, AmpEndpoints.Endpoint> endpoints = new LinkedHashMap<>();
        AmpEndpoints.all().forEach(endpoint -> endpoints.put(endpoint.key(), endpoint));
        Map<String, Setup> setups = setups();

        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("every endpoint found by reflection has a row", () -> {
            Set<String> missing = new TreeSet<>(endpoints.keySet());
            missing.removeAll(table.keySet());
            assertThat(missing).as("new endpoint without a row").isEmpty();
        }));
        nodes.add(DynamicTest.dynamicTest("every row names an endpoint", () -> {
            Set<String> extra = new TreeSet<>(table.keySet());
            extra.removeAll(endpoints.keySet());
            assertThat(extra).as("row without an endpoint").isEmpty();
        }));
        for (Row row : table.values()) {
            AmpEndpoints.Endpoint endpoint = endpoints.get(row.key());
            if (endpoint == null) {
                continue;
            }
            List<DynamicNode> cells = new ArrayList<>();
            for (int i = 0; i < row.columns().size(); i++) {
                String column = row.columns().get(i);
                int expected = row.expected().get(i);
                cells.add(DynamicTest.dynamicTest(column + " -> " + expected, () -> cell(endpoint, setups.get(row.key()), column, expected)));
            }
            nodes.add(DynamicContainer.dynamicContainer(row.key(), cells));
        }
        nodes.add(DynamicTest.dynamicTest("no cell answered 5xx", () -> assertThat(SERVER_ERROR_CELLS).isEmpty()));
        return nodes;
    }

    private static void cell(AmpEndpoints.Endpoint endpoint, Setup setup, String column, int expected) {
        assertThat(setup).as("the matrix has no setup for %s", endpoint.key()).isNotNull();
        Cleanup cleanup = new Cleanup();
        try {
            Prepared prepared = setup.prepare(column, cleanup);
            String token = token(column, prepared.callers());
            String url = endpoint.url(prepared.params());
            Oidc.Response response = OIDC.send(endpoint.httpMethod(), url, token, prepared.body());
            prepared.after().accept(response, token);
            CELLS.incrementAndGet();
            if (response.status() >= 500) {
                SERVER_ERRORS.incrementAndGet();
                synchronized (SERVER_ERROR_CELLS) {
                    SERVER_ERROR_CELLS.add(endpoint.key() + " as " + column + ": " + response.status());
                }
            }
            assertThat(response.status()).as("%s %s as %s answered %s", endpoint.httpMethod(), url, column, response.body())
                    .isLessThan(500).isEqualTo(expected);
            if (expected >= 400) {
                assertThat(response.body()).as("a %d of %s carries a JSON body", expected, endpoint.key()).isNotEmpty()
                        .doesNotContainKey("text");
            }
        } finally {
            cleanup.run();
        }
    }

    /** Every kind of caller of the table, in order of first appearance. */
    static Set<String> columnsInOrder() {
        Set<String> columns = new LinkedHashSet<>();
        table().values().forEach(row -> columns.addAll(row.columns()));
        return columns;
    }
}
