package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.AccountUser;
import io.amp.keycloak.client.representation.AccountUserChanges;
import io.amp.keycloak.client.representation.NewAccountUser;
import io.amp.keycloak.client.resource.AccountUsersResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scoped user management of seed 002: Account Admins see and create Account Admins, Department
 * Admins and Viewers of their account; Department Admins only Department Admins and Viewers of
 * their departments; nobody creates or raises anyone above their own level.
 */
class AccountUsersIT {

    private final Cleanup cleanup = new Cleanup();
    private final Portal portal = new Portal();
    private final String acme = portal.accountId("acme-health");

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    /**
     * The account's users as {@code caller} calls them: the realm admin (master) on the admin surface, everyone
     * else (portal users, anonymous callers) on the user surface.
     */
    private AccountUsersResource users(String caller) {
        var api = caller.equals("realm-admin") ? Portal.adminApi()
                : Portal.api(caller.equals("anonymous") ? null : portal.token(caller));
        return api.accounts().get(acme).users();
    }

    private static NewAccountUser newUser(String role, List<String> departments) {
        String username = Fixtures.uniqueName("staff");
        return new NewAccountUser(username, username + "@acme-health.example", null, null, role, departments);
    }

    /** Creates a user as {@code caller}, who must be allowed to; removed by the cleanup. */
    private AccountUser create(String caller, String role, List<String> departments) {
        AccountUser created = Portal.answer(201, () -> users(caller).create(newUser(role, departments)));
        cleanup.add(() -> portal.realm().users().delete(created.id()).close());
        return created;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET users: each caller sees the users at or below their level; a Department Admin the account's Department Admins and Viewers")
    @CsvSource({
            "anonymous,       401, ",
            "alice.admin,     200, alice.admin;dan.dept;vera.viewer",
            "dan.dept,        200, dan.dept;vera.viewer",
            "vera.viewer,     403, ",
            "carl.consultant, 403, ",
            "realm-admin,     200, alice.admin;dan.dept;vera.viewer",
    })
    void list(String caller, int status, String usernames) {
        List<AccountUser> listed = Portal.answer(status, () -> users(caller).list());

        if (usernames != null) {
            assertThat(listed).extracting(AccountUser::username).containsExactly(usernames.split(";"));
        }
    }

    @ParameterizedTest(name = "{0} creates {1} in {2} -> {3}")
    @DisplayName("POST users: at or below the caller's level, in departments within their reach")
    @CsvSource({
            "anonymous,       department-viewer, cardiology, 401",
            "alice.admin,     account-admin,     '',         201",
            "alice.admin,     department-viewer, radiology,  201",
            "dan.dept,        department-admin,  cardiology, 201",
            "dan.dept,        department-viewer, cardiology, 201",
            "dan.dept,        account-admin,     cardiology, 403",
            "dan.dept,        department-viewer, radiology,  403",
            "dan.dept,        department-viewer, '',         403",
            "vera.viewer,     department-viewer, radiology,  403",
            "carl.consultant, department-viewer, cardiology, 403",
            "realm-admin,     account-admin,     '',         201",
            "alice.admin,     btt-admin,         '',         400",
    })
    void createUser(String caller, String role, String department, int status) {
        List<String> departments = switch (department) {
            case "cardiology" -> List.of(Portal.CARDIOLOGY);
            case "radiology" -> List.of(Portal.RADIOLOGY);
            default -> List.of();
        };

        AccountUser created = Portal.answer(status, () -> users(caller).create(newUser(role, departments)));

        if (created != null) {
            cleanup.add(() -> portal.realm().users().delete(created.id()).close());
            assertThat(created.role()).isEqualTo(role);
            assertThat(created.departments()).isEqualTo(departments);
            assertThat(users(caller).list()).extracting(AccountUser::id).contains(created.id());
        }
    }

    @Test
    @DisplayName("Given bad input, then 400 or 409 with a reason, and no user is created")
    void badInput() {
        AccountUsersResource users = users("alice.admin");
        int before = users.list().size();

        assertThat(AmpApi.refusal(() -> users.create(new NewAccountUser("x", null, null, null, null, null))).message())
                .contains("'email' is required");
        assertThat(AmpApi.refusal(() -> users.create(new NewAccountUser("x", "nope", null, null, "department-viewer", null))).status())
                .isEqualTo(400);
        assertThat(AmpApi.refusal(() -> users.create(new NewAccountUser("x", "x@acme-health.example", null, null, "department-viewer",
                List.of("no-such-department")))).message()).contains("not in this account");
        assertThat(AmpApi.refusal(() -> users.create(new NewAccountUser("dan.dept", "new@acme-health.example", null, null,
                "department-viewer", null))).status()).isEqualTo(409);
        assertThat(AmpApi.refusal(() -> users.create(new NewAccountUser("new.one", "dan.dept@acme-health.example", null, null,
                "department-viewer", null))).status()).isEqualTo(409);
        assertThat(users.list()).hasSize(before);
    }

    @Test
    @DisplayName("PUT users: a Department Admin edits their department's viewer, but raises nobody above themselves nor reaches other departments")
    void editUser() {
        String viewer = create("alice.admin", "department-viewer", List.of(Portal.CARDIOLOGY)).id();
        String radiologyViewer = create("alice.admin", "department-viewer", List.of(Portal.RADIOLOGY)).id();
        AccountUsersResource dan = users("dan.dept");

        AccountUser promoted = Portal.answer(200, () -> dan.update(viewer, new AccountUserChanges(null, "Promoted", null, "department-admin", null)));
        AmpApi.Refusal tooHigh = AmpApi.refusal(() -> dan.update(viewer, new AccountUserChanges(null, null, null, "account-admin", null)));
        AmpApi.Refusal elsewhere = AmpApi.refusal(() -> dan.update(radiologyViewer, new AccountUserChanges(null, "Nope", null, null, null)));
        AmpApi.Refusal moved = AmpApi.refusal(() -> dan.update(viewer, new AccountUserChanges(null, null, null, null,
                List.of(Portal.RADIOLOGY))));

        assertThat(promoted.role()).isEqualTo("department-admin");
        assertThat(promoted.firstName()).isEqualTo("Promoted");
        assertThat(tooHigh.status()).isEqualTo(403);
        assertThat(elsewhere).as("listed to him (seed 002), but beyond his reach")
                .isEqualTo(new AmpApi.Refusal(403, "This user is in departments outside your reach; they are changed by an Account Admin,"
                        + " a Department Admin of their department, or a realm administrator"));
        assertThat(moved.status()).isEqualTo(403);
        assertThat(users("alice.admin").list()).filteredOn(user -> viewer.equals(user.id())).singleElement().satisfies(user -> {
            assertThat(user.role()).isEqualTo("department-admin");
            assertThat(user.departments()).isEqualTo(List.of(Portal.CARDIOLOGY));
        });
    }

    @Test
    @DisplayName("Seed 002: a Department Admin sees the account's Department Admins and Viewers across departments, not their departments beyond his, nor anyone higher")
    void departmentAdminListsAcrossDepartments() {
        String radiologyAdmin = create("alice.admin", "department-admin", List.of(Portal.RADIOLOGY)).id();
        String cardiologyViewer = create("alice.admin", "department-viewer", List.of(Portal.CARDIOLOGY)).id();
        String accountAdmin = create("alice.admin", "account-admin", List.of()).id();

        List<AccountUser> listed = users("dan.dept").list();

        assertThat(listed).extracting(AccountUser::id).contains(radiologyAdmin, cardiologyViewer).doesNotContain(accountAdmin);
        assertThat(listed).extracting(AccountUser::username).doesNotContain("alice.admin", "carl.consultant");
        assertThat(listed).filteredOn(user -> user.id().equals(radiologyAdmin)).singleElement()
                .satisfies(user -> assertThat(user.departments()).as("Radiology stays hidden from Cardiology's admin").isEmpty());
        assertThat(listed).filteredOn(user -> user.id().equals(cardiologyViewer)).singleElement()
                .satisfies(user -> assertThat(user.departments()).containsExactly(Portal.CARDIOLOGY));
        assertThat(AmpApi.refusal(() -> users("dan.dept").update(radiologyAdmin, new AccountUserChanges(null, "Nope", null, null, null))).status())
                .isEqualTo(403);
        assertThat(AmpApi.refusal(() -> users("dan.dept").update(accountAdmin, new AccountUserChanges(null, "Nope", null, null, null))).status())
                .as("an Account Admin is not listed to him, so unknown").isEqualTo(404);
    }

    @Test
    @DisplayName("Given a created user, then it is an admin event with its own resource type")
    void adminEvent() {
        String id = create("alice.admin", "department-viewer", List.of(Portal.RADIOLOGY)).id();

        assertThat(portal.realm().getAdminEvents()).anySatisfy(event -> {
            assertThat(event.getResourceType()).isEqualTo("AMP_ACCOUNT_USER");
            assertThat(event.getOperationType()).isEqualTo("CREATE");
            assertThat(event.getResourcePath()).isEqualTo("accounts/" + acme + "/users/" + id);
        });
    }
}
