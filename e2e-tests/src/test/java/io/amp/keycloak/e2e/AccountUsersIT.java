package io.amp.keycloak.e2e;

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
    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private final Portal portal = new Portal();
    private final String acme = portal.accountId("acme-health");
    /** The account's users on the user surface, where portal users (Account and Department Admins) call. */
    private final String users = Portal.USER_API + "accounts/" + acme + "/users";
    /** The same on the admin surface, where the realm admin (master) calls. */
    private final String adminUsers = Portal.ADMIN_API + "accounts/" + acme + "/users";

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    /** Each caller on their surface: the realm admin on the admin surface, everyone else on the user surface. */
    private String users(String caller) {
        return caller.equals("realm-admin") ? adminUsers : users;
    }

    private String token(String caller) {
        return switch (caller) {
            case "anonymous" -> null;
            case "realm-admin" -> oidc.adminToken();
            default -> portal.token(caller);
        };
    }

    private Oidc.Response create(String caller, String role, List<String> departments) {
        String username = Fixtures.uniqueName("staff");
        String body = "{\"username\": \"" + username + "\", \"email\": \"" + username + "@acme-health.example\", \"role\": \"" + role
                + "\", \"departments\": [" + String.join(", ", departments.stream().map(d -> "\"" + d + "\"").toList()) + "]}";
        Oidc.Response response = oidc.send("POST", users(caller), token(caller), body);
        if (response.status() == 201) {
            String id = response.string("id");
            cleanup.add(() -> portal.realm().users().delete(id).close());
        }
        return response;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("GET users: each caller sees the users at or below their level within their reach")
    @CsvSource({
            "anonymous,       401, ",
            "alice.admin,     200, alice.admin;dan.dept;vera.viewer",
            "dan.dept,        200, dan.dept",
            "vera.viewer,     403, ",
            "carl.consultant, 403, ",
            "realm-admin,     200, alice.admin;dan.dept;vera.viewer",
    })
    void list(String caller, int status, String usernames) {
        Oidc.Response response = oidc.send("GET", users(caller), token(caller), null);

        assertThat(response.status()).isEqualTo(status);
        if (usernames != null) {
            assertThat(response.items()).extracting(user -> user.get("username")).containsExactly((Object[]) usernames.split(";"));
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

        Oidc.Response response = create(caller, role, departments);

        assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
        if (status == 201) {
            assertThat(response.body()).containsEntry("role", role).containsEntry("departments", departments);
            assertThat(oidc.send("GET", users(caller), token(caller), null).items()).extracting(user -> user.get("id"))
                    .contains(response.string("id"));
        }
    }

    @Test
    @DisplayName("Given bad input, then 400 or 409 with a reason, and no user is created")
    void badInput() {
        String alice = token("alice.admin");
        int before = oidc.send("GET", users, alice, null).items().size();

        assertThat(oidc.send("POST", users, alice, "{\"username\": \"x\"}").body().toString()).contains("'email' is required");
        assertThat(oidc.send("POST", users, alice, "{\"username\": \"x\", \"email\": \"nope\", \"role\": \"department-viewer\"}").status())
                .isEqualTo(400);
        assertThat(oidc.send("POST", users, alice, "{\"username\": \"x\", \"email\": \"x@acme-health.example\", \"role\": \"department-viewer\", "
                + "\"departments\": [\"no-such-department\"]}").body().toString()).contains("not in this account");
        assertThat(oidc.send("POST", users, alice, "{\"username\": \"dan.dept\", \"email\": \"new@acme-health.example\", "
                + "\"role\": \"department-viewer\"}").status()).isEqualTo(409);
        assertThat(oidc.send("POST", users, alice, "{\"username\": \"new.one\", \"email\": \"dan.dept@acme-health.example\", "
                + "\"role\": \"department-viewer\"}").status()).isEqualTo(409);
        assertThat(oidc.send("GET", users, alice, null).items()).hasSize(before);
    }

    @Test
    @DisplayName("PUT users: a Department Admin edits their department's viewer, but raises nobody above themselves nor reaches other departments")
    void editUser() {
        String viewer = Portal.expect(create("alice.admin", "department-viewer", List.of(Portal.CARDIOLOGY)), 201).string("id");
        String radiologyViewer = Portal.expect(create("alice.admin", "department-viewer", List.of(Portal.RADIOLOGY)), 201).string("id");
        String dan = token("dan.dept");

        Oidc.Response promoted = oidc.send("PUT", users + "/" + viewer, dan, "{\"role\": \"department-admin\", \"firstName\": \"Promoted\"}");
        Oidc.Response tooHigh = oidc.send("PUT", users + "/" + viewer, dan, "{\"role\": \"account-admin\"}");
        Oidc.Response elsewhere = oidc.send("PUT", users + "/" + radiologyViewer, dan, "{\"firstName\": \"Nope\"}");
        Oidc.Response moved = oidc.send("PUT", users + "/" + viewer, dan, "{\"departments\": [\"" + Portal.RADIOLOGY + "\"]}");

        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.body()).containsEntry("role", "department-admin").containsEntry("firstName", "Promoted");
        assertThat(tooHigh.status()).isEqualTo(403);
        assertThat(elsewhere.status()).as("a user beyond his reach is as unknown to him").isEqualTo(404);
        assertThat(moved.status()).isEqualTo(403);
        assertThat(oidc.send("GET", users, token("alice.admin"), null).items())
                .filteredOn(user -> viewer.equals(user.get("id")))
                .singleElement().satisfies(user -> assertThat(user)
                        .containsEntry("role", "department-admin").containsEntry("departments", List.of(Portal.CARDIOLOGY)));
    }

    @Test
    @DisplayName("Given a created user, then it is an admin event with its own resource type")
    void adminEvent() {
        String id = Portal.expect(create("alice.admin", "department-viewer", List.of(Portal.RADIOLOGY)), 201).string("id");

        assertThat(portal.realm().getAdminEvents()).anySatisfy(event -> {
            assertThat(event.getResourceType()).isEqualTo("AMP_ACCOUNT_USER");
            assertThat(event.getOperationType()).isEqualTo("CREATE");
            assertThat(event.getResourcePath()).isEqualTo("accounts/" + acme + "/users/" + id);
        });
    }
}
