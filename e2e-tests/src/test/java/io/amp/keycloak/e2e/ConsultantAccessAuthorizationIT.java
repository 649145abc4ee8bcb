package io.amp.keycloak.e2e;

import io.amp.keycloak.client.AmpClient;
import io.amp.keycloak.client.representation.Account;
import io.amp.keycloak.client.representation.AmpError;
import io.amp.keycloak.client.representation.Department;
import io.amp.keycloak.client.representation.Grant;
import io.amp.keycloak.client.representation.GrantSwitch;
import io.amp.keycloak.client.representation.Name;
import io.amp.keycloak.client.representation.NewGrant;
import io.amp.keycloak.client.representation.NewSite;
import io.amp.keycloak.client.representation.Site;
import io.amp.keycloak.client.resource.AccountResource;
import io.amp.keycloak.client.resource.ConsultantAccessResource;
import io.amp.keycloak.client.resource.SiteGrantsResource;
import jakarta.ws.rs.WebApplicationException;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

    /** The realm admin on the admin surface, everyone else (anonymous callers too) on the user surface. */
    private static ConsultantAccessResource api(String caller) {
        return caller.equals("realm-admin") ? AmpApi.as(TOKENS.get(caller)).admin(Portal.REALM).consultantAccess()
                : Portal.api(caller.equals("anonymous") ? null : TOKENS.get(caller));
    }

    private AccountResource acme(String caller) {
        return api(caller).accounts().get(acme);
    }

    /** Removes a department through Keycloak's own organization API (it takes the department's sites along). */
    private void removeDepartment(String departmentId) {
        portal.removeDepartment(acme, departmentId);
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
        if (names != null) {
            assertThat(Portal.answer(status, () -> api(caller).accounts().list())).extracting(Account::name)
                    .containsExactly(names.split(";"));
        } else {
            WebApplicationException refused = catchThrowableOfType(WebApplicationException.class, () -> api(caller).accounts().list());
            assertThat(AmpClient.status(refused)).isEqualTo(status);
            AmpError error = AmpClient.error(refused);
            assertThat(status == 401 ? error.error() : error.errorMessage()).as("the error body: %s", error).isNotNull();
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
        Account details = Portal.answer(status, () -> acme(caller).details());

        if (status == 200) {
            assertThat(details.name()).isEqualTo("Acme Health");
            if (contract == null) {
                // The JSON as sent, not the client's record (whose contract is null either way): the key is left out.
                assertThat(oidc.send("GET", Portal.USER_API + "accounts/" + acme + "/details", TOKENS.get(caller), null).body())
                        .containsEntry("name", "Acme Health").doesNotContainKey("contract");
            } else {
                assertThat(details.contract()).startsWith(contract);
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
        List<Department> departments = Portal.answer(status, () -> acme(caller).departments().list());

        if (names != null) {
            assertThat(departments).extracting(Department::name).containsExactly(names.split(";"));
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
        List<Site> sites = Portal.answer(status, () -> acme(caller).sites());

        if (keys != null) {
            assertThat(sites).extracting(Site::key).containsExactly(keys.split(";"));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET another account's sites: only realm admins; to others the account is as unknown (404)")
    @CsvSource({"alice.admin, 404", "dan.dept, 404", "realm-admin, 200"})
    void otherAccount(String caller, int status) {
        Portal.answer(status, () -> api(caller).accounts().get(portal.accountId("beacon-care")).sites());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET a Cardiology site's grants: its account's and department's admins and the consultants granted it; to another department's, unknown (404)")
    @CsvSource({
            "anonymous,       401",
            "alice.admin,     200",
            "dan.dept,        200",
            "radiology-admin, 404",
            "vera.viewer,     403",
            "carl.consultant, 200",
            "realm-admin,     200",
    })
    void grants(String caller, int status) {
        List<Grant> grants = Portal.answer(status, () -> api(caller).siteGrants("acme-cardio-north").list());

        if (status == 200) {
            assertThat(grants).extracting(Grant::subject).contains(new Grant.Subject("group",
                    portal.realm().getGroupByPath("/consultant-groups/Partner Analysts").getId(), "Partner Analysts", null));
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
        Grant created = Portal.answer(status, () -> api(caller).siteGrants("acme-cardio-south")
                .grant(NewGrant.toConsultant("bea.btt@btt.example")));
        if (created != null) {
            cleanup.add(() -> portal.removeGrant("acme-cardio-south", created.id()));
        }
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
        String grantId = Portal.answer(201, () -> api("realm-admin").siteGrants("acme-cardio-south")
                .grant(NewGrant.toConsultant("bea.btt@btt.example"))).id();
        cleanup.add(() -> portal.removeGrant("acme-cardio-south", grantId));
        SiteGrantsResource grants = api(caller).siteGrants("acme-cardio-south");

        Portal.answer(toggleStatus, () -> grants.toggle(grantId, new GrantSwitch(false)));
        Portal.answer(removeStatus, () -> grants.remove(grantId));
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
        Department created = Portal.answer(status, () -> acme(caller).departments().create(new Name(Fixtures.uniqueName("Oncology"))));
        if (created != null) {
            cleanup.add(() -> removeDepartment(created.id()));
        }
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
        Portal.answer(status, () -> acme(caller).departments().rename(Portal.CARDIOLOGY, new Name("Cardiology")));
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
        String department = Portal.answer(201, () -> acme("realm-admin").departments().create(new Name(Fixtures.uniqueName("Temporary")))).id();
        // Removing the department removes its sites too.
        cleanup.add(() -> removeDepartment(department));

        Portal.answer(status, () -> acme(caller).departments().createSite(department, new NewSite(Fixtures.uniqueName("temp-site"), null)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET me/sites: any signed-in user of the realm, about themselves")
    @CsvSource({"anonymous, 401", "carl.consultant, 200", "vera.viewer, 200", "realm-admin, 403"})
    void mySites(String caller, int status) {
        Portal.answer(status, () -> api(caller).mySites(null, null));
    }

    @Test
    @DisplayName("Given no token on either surface, then 401; given the master admin's token on the user surface, then 401")
    void surfacesAuthenticate() {
        assertThat(AmpApi.refusal(() -> AmpApi.as(null).admin(Portal.REALM).consultantAccess().accounts().list()).status()).isEqualTo(401);
        assertThat(AmpApi.refusal(() -> Portal.api(null).accounts().list()).status()).isEqualTo(401);
        // The user surface takes a token of the portal realm only: a realm administrator of master uses the admin surface.
        assertThat(AmpApi.refusal(() -> Portal.api(TOKENS.get("realm-admin")).accounts().list()).status()).isEqualTo(401);
        // A portal user's token is a token of the realm on the admin surface too, and the same code authorizes it there.
        assertThat(AmpApi.as(TOKENS.get("alice.admin")).admin(Portal.REALM).consultantAccess().accounts().list())
                .extracting(Account::name).containsExactly("Acme Health");
        assertThat(AmpApi.refusal(() -> AmpApi.as(TOKENS.get("vera.viewer")).admin(Portal.REALM).consultantAccess().accounts().list())
                .status()).isEqualTo(403);
    }

    @Test
    @DisplayName("Given things that do not exist, then 404 with a reason")
    void notFound() {
        assertThat(AmpApi.refusal(() -> api("alice.admin").siteGrants("no-such-site").list()).status()).isEqualTo(404);
        assertThat(AmpApi.refusal(() -> api("alice.admin").accounts().get("no-such-account").departments().list()))
                .isEqualTo(new AmpApi.Refusal(404, "Account not found"));
        assertThat(AmpApi.refusal(() -> acme("alice.admin").departments().rename("no-such-department", new Name("x"))).status())
                .isEqualTo(404);
        assertThat(AmpApi.refusal(() -> api("alice.admin").siteGrants("acme-cardio-north").remove("no-such-grant")).status())
                .isEqualTo(404);
    }
}
