package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the consultant-access API against every kind of caller of seed 002: anonymous,
 * Account Admin (alice.admin), Department Admin of Cardiology (dan.dept) and of another department
 * (a Radiology admin), Department Viewer (vera.viewer), consultant (carl.consultant) and realm admin.
 * Each caller calls the surface that is theirs: portal users (and anonymous callers) the user
 * surface {@code /realms/portal/amp/consultant-access}, the realm admin (master) the admin surface
 * {@code /admin/realms/portal/amp-consultant-access}. Both run the same authorization code.
 */
class ConsultantAccessAuthorizationIT {

    private static final Cleanup CLASS_CLEANUP = new Cleanup();
    private static final Map<String, String> TOKENS = new HashMap<>();

    private final Cleanup cleanup = new Cleanup();
    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private final Portal portal = new Portal();
    private final String acme = portal.accountId("acme-health");

    @BeforeAll
    static void tokens() {
        Portal portal = new Portal();
        String radiologyAdmin = portal.radiologyAdmin(CLASS_CLEANUP);
        for (String user : List.of("alice.admin", "dan.dept", "vera.viewer", "carl.consultant")) {
            TOKENS.put(user, portal.token(user));
        }
        TOKENS.put("radiology-admin", portal.token(radiologyAdmin));
        TOKENS.put("realm-admin", new Oidc(KeycloakServer.get()).adminToken());
    }

    @AfterAll
    static void removeRadiologyAdmin() {
        CLASS_CLEANUP.run();
    }

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    /** The realm admin on the admin surface, everyone else on the user surface. */
    private Oidc.Response call(String caller, String method, String path, String body) {
        String api = caller.equals("realm-admin") ? Portal.ADMIN_API : Portal.USER_API;
        return oidc.send(method, api + path, caller.equals("anonymous") ? null : TOKENS.get(caller), body);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET accounts: Account and Department Admins see their account, realm admins all, viewers and consultants nothing")
    @CsvSource({
            "anonymous,       401, ",
            "alice.admin,     200, Acme Health",
            "dan.dept,        200, Acme Health",
            "radiology-admin, 200, Acme Health",
            "vera.viewer,     403, ",
            "carl.consultant, 403, ",
            "realm-admin,     200, Acme Health;Beacon Care",
    })
    void accounts(String caller, int status, String names) {
        Oidc.Response response = call(caller, "GET", "accounts", null);

        assertThat(response.status()).isEqualTo(status);
        if (names != null) {
            assertThat(response.items()).extracting(account -> account.get("name")).containsExactly((Object[]) names.split(";"));
        } else {
            assertThat(response.body()).containsKey(status == 401 ? "error" : "errorMessage");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET an account: its current contract to Account Admins and realm admins only, view-only")
    @CsvSource({
            "anonymous,       401, ",
            "alice.admin,     200, Enterprise",
            "dan.dept,        200, ",
            "radiology-admin, 200, ",
            "vera.viewer,     403, ",
            "carl.consultant, 403, ",
            "realm-admin,     200, Enterprise",
    })
    void accountDetails(String caller, int status, String contract) {
        Oidc.Response response = call(caller, "GET", "accounts/" + acme + "/details", null);

        assertThat(response.status()).isEqualTo(status);
        if (status == 200) {
            assertThat(response.body()).containsEntry("name", "Acme Health");
            if (contract == null) {
                assertThat(response.body()).doesNotContainKey("contract");
            } else {
                assertThat(response.string("contract")).startsWith(contract);
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET departments: an Account Admin sees all, a Department Admin only theirs")
    @CsvSource({
            "anonymous,       401, ",
            "alice.admin,     200, Cardiology;Radiology",
            "dan.dept,        200, Cardiology",
            "radiology-admin, 200, Radiology",
            "vera.viewer,     403, ",
            "carl.consultant, 403, ",
            "realm-admin,     200, Cardiology;Radiology",
    })
    void departments(String caller, int status, String names) {
        Oidc.Response response = call(caller, "GET", "accounts/" + acme + "/departments", null);

        assertThat(response.status()).isEqualTo(status);
        if (names != null) {
            assertThat(response.items()).extracting(department -> department.get("name")).containsExactly((Object[]) names.split(";"));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET sites: an Account Admin sees every site of the account, a Department Admin the sites of their departments")
    @CsvSource({
            "anonymous,       401, ",
            "alice.admin,     200, acme-cardio-north;acme-cardio-south;acme-rad-main",
            "dan.dept,        200, acme-cardio-north;acme-cardio-south",
            "radiology-admin, 200, acme-rad-main",
            "vera.viewer,     403, ",
            "carl.consultant, 403, ",
            "realm-admin,     200, acme-cardio-north;acme-cardio-south;acme-rad-main",
    })
    void sites(String caller, int status, String keys) {
        Oidc.Response response = call(caller, "GET", "accounts/" + acme + "/sites", null);

        assertThat(response.status()).isEqualTo(status);
        if (keys != null) {
            assertThat(response.items()).extracting(site -> site.get("key")).containsExactly((Object[]) keys.split(";"));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET another account's sites: only realm admins; to others the account is as unknown (404)")
    @CsvSource({"alice.admin, 404", "dan.dept, 404", "realm-admin, 200"})
    void otherAccount(String caller, int status) {
        assertThat(call(caller, "GET", "accounts/" + portal.accountId("beacon-care") + "/sites", null).status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET a Cardiology site's grants: its account's and department's admins; to another department's, unknown (404)")
    @CsvSource({
            "anonymous,       401",
            "alice.admin,     200",
            "dan.dept,        200",
            "radiology-admin, 404",
            "vera.viewer,     403",
            "carl.consultant, 403",
            "realm-admin,     200",
    })
    void grants(String caller, int status) {
        Oidc.Response response = call(caller, "GET", "sites/acme-cardio-north/grants", null);

        assertThat(response.status()).isEqualTo(status);
        if (status == 200) {
            assertThat(response.items()).extracting(grant -> grant.get("subject"))
                    .contains(Map.of("type", "group", "id", portal.realm().getGroupByPath("/consultant-groups/Partner Analysts").getId(),
                            "name", "Partner Analysts"));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("POST a grant on a Cardiology site: its account's and department's admins; to another department's, unknown (404)")
    @CsvSource({
            "anonymous,       401",
            "alice.admin,     201",
            "dan.dept,        201",
            "radiology-admin, 404",
            "vera.viewer,     403",
            "carl.consultant, 403",
            "realm-admin,     201",
    })
    void createGrant(String caller, int status) {
        Oidc.Response response = call(caller, "POST", "sites/acme-cardio-south/grants", "{\"email\": \"bea.btt@btt.example\"}");
        if (response.status() == 201) {
            cleanup.add(() -> portal.removeGrant("acme-cardio-south", response.string("id")));
        }

        assertThat(response.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("PUT (toggle) and DELETE a grant on a Cardiology site: its account's and department's admins; to another department's, unknown (404)")
    @CsvSource({
            "anonymous,       401, 401",
            "alice.admin,     200, 204",
            "dan.dept,        200, 204",
            "radiology-admin, 404, 404",
            "vera.viewer,     403, 403",
            "carl.consultant, 403, 403",
            "realm-admin,     200, 204",
    })
    void toggleAndRemoveGrant(String caller, int toggleStatus, int removeStatus) {
        Oidc.Response created = Portal.expect(call("realm-admin", "POST", "sites/acme-cardio-south/grants",
                "{\"email\": \"bea.btt@btt.example\"}"), 201);
        String grantId = created.string("id");
        cleanup.add(() -> portal.removeGrant("acme-cardio-south", grantId));

        assertThat(call(caller, "PUT", "sites/acme-cardio-south/grants/" + grantId, "{\"enabled\": false}").status()).isEqualTo(toggleStatus);
        assertThat(call(caller, "DELETE", "sites/acme-cardio-south/grants/" + grantId, null).status()).isEqualTo(removeStatus);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("POST a department: the account's Account Admins and realm admins")
    @CsvSource({
            "anonymous,       401",
            "alice.admin,     201",
            "dan.dept,        403",
            "radiology-admin, 403",
            "vera.viewer,     403",
            "carl.consultant, 403",
            "realm-admin,     201",
    })
    void createDepartment(String caller, int status) {
        Oidc.Response response = call(caller, "POST", "accounts/" + acme + "/departments",
                "{\"name\": \"" + Fixtures.uniqueName("Oncology") + "\"}");
        if (response.status() == 201) {
            cleanup.add(() -> oidc.send("DELETE", "admin/realms/portal/organizations/" + acme + "/groups/" + response.string("id"),
                    oidc.adminToken(), null));
        }

        assertThat(response.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("PUT (edit) a department: the account's Account Admins and realm admins")
    @CsvSource({
            "anonymous,       401",
            "alice.admin,     200",
            "dan.dept,        403",
            "radiology-admin, 403",
            "vera.viewer,     403",
            "carl.consultant, 403",
            "realm-admin,     200",
    })
    void editDepartment(String caller, int status) {
        Oidc.Response response = call(caller, "PUT", "accounts/" + acme + "/departments/" + Portal.CARDIOLOGY, "{\"name\": \"Cardiology\"}");

        assertThat(response.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("POST a site: realm admins only (Account Admins can only view sites)")
    @CsvSource({
            "anonymous,       401",
            "alice.admin,     403",
            "dan.dept,        403",
            "radiology-admin, 403",
            "vera.viewer,     403",
            "carl.consultant, 403",
            "realm-admin,     201",
    })
    void createSite(String caller, int status) {
        Oidc.Response department = Portal.expect(call("realm-admin", "POST", "accounts/" + acme + "/departments",
                "{\"name\": \"" + Fixtures.uniqueName("Temporary") + "\"}"), 201);
        // Removing the department removes its sites too.
        cleanup.add(() -> oidc.send("DELETE", "admin/realms/portal/organizations/" + acme + "/groups/" + department.string("id"),
                oidc.adminToken(), null));

        Oidc.Response response = call(caller, "POST", "accounts/" + acme + "/departments/" + department.string("id") + "/sites",
                "{\"key\": \"" + Fixtures.uniqueName("temp-site") + "\"}");

        assertThat(response.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET me/sites: any signed-in user of the realm, about themselves")
    @CsvSource({"anonymous, 401", "carl.consultant, 200", "vera.viewer, 200", "realm-admin, 403"})
    void mySites(String caller, int status) {
        assertThat(call(caller, "GET", "me/sites", null).status()).isEqualTo(status);
    }

    @Test
    @DisplayName("Given no token on either surface, then 401; given the master admin's token on the user surface, then 401")
    void surfacesAuthenticate() {
        assertThat(oidc.send("GET", Portal.ADMIN_API + "accounts", null, null).status()).isEqualTo(401);
        assertThat(oidc.send("GET", Portal.USER_API + "accounts", null, null).status()).isEqualTo(401);
        // The user surface takes a token of the portal realm only: a realm administrator of master uses the admin surface.
        assertThat(oidc.send("GET", Portal.USER_API + "accounts", TOKENS.get("realm-admin"), null).status()).isEqualTo(401);
        // A portal user's token is a token of the realm on the admin surface too, and the same code authorizes it there.
        assertThat(oidc.send("GET", Portal.ADMIN_API + "accounts", TOKENS.get("alice.admin"), null).items())
                .extracting(account -> account.get("name")).containsExactly("Acme Health");
        assertThat(oidc.send("GET", Portal.ADMIN_API + "accounts", TOKENS.get("vera.viewer"), null).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("Given things that do not exist, then 404 with a reason")
    void notFound() {
        assertThat(call("alice.admin", "GET", "sites/no-such-site/grants", null).status()).isEqualTo(404);
        assertThat(call("alice.admin", "GET", "accounts/no-such-account/departments", null).body())
                .containsEntry("errorMessage", "Account not found");
        assertThat(call("alice.admin", "PUT", "accounts/" + acme + "/departments/no-such-department", "{\"name\": \"x\"}").status())
                .isEqualTo(404);
        assertThat(call("alice.admin", "DELETE", "sites/acme-cardio-north/grants/no-such-grant", null).status()).isEqualTo(404);
    }
}
