package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.NewAccessRequest;
import io.amp.keycloak.client.representation.RequestOptions;
import io.amp.keycloak.client.representation.RequestOptions.DepartmentOption;
import io.amp.keycloak.client.representation.RequestOptions.RoleOption;
import io.amp.keycloak.client.representation.RequestOptions.SystemOption;
import io.amp.keycloak.client.resource.AccessRequestsResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.amp.keycloak.e2e.AmpApi.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /realms/{realm}/amp/requests/options}: the choices of the access-request form, read
 * from the realm as the submission reads it (seed 000 in the workforce realm).
 */
class AccessRequestOptionsIT {

    private static final String SALES = "account-managers-and-sales-teams";

    private final Cleanup cleanup = new Cleanup();
    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private final RealmResource workforce = KeycloakServer.get().admin().realm("workforce");

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    private AccessRequestsResource api(String realm, String client, String username) {
        return AmpApi.as(oidc.accessToken(realm, client, username)).realm(realm).requests();
    }

    private RequestOptions options(String username) {
        return api("workforce", "drchrono", username).options();
    }

    private static SystemOption system(RequestOptions options, String clientId) {
        return options.systems().stream().filter(system -> system.clientId().equals(clientId)).findFirst().orElseThrow(
                () -> new AssertionError("No system " + clientId + " in " + options.systems()));
    }

    private static RoleOption role(SystemOption system, String key) {
        return system.roles().stream().filter(role -> role.key().equals(key)).findFirst().orElse(null);
    }

    @Test
    @DisplayName("Given sam.sales, then the form offers DrChrono, the seed's departments by key with their names, his own department, and both systems with their department roles")
    void workforceOptions() {
        RequestOptions options = options("sam.sales");

        assertThat(options.organizations()).containsExactly("DrChrono");
        assertThat(options.departments()).extracting(DepartmentOption::key).isSorted().hasSize(10)
                .contains(SALES, "implementation-team", "developer-engineering-teams");
        assertThat(options.departments()).contains(new DepartmentOption(SALES, "Account Managers and Sales Teams"),
                new DepartmentOption("developer-engineering-teams", "Developer/Engineering Teams"));
        assertThat(options.myDepartments()).containsExactly(SALES);
        assertThat(options.systems()).extracting(SystemOption::clientId).containsExactly("drchrono", "drchrono-staging");

        SystemOption drchrono = system(options, "drchrono");
        assertThat(drchrono.name()).isEqualTo("CRM Application: DrChrono");
        assertThat(drchrono.roles()).extracting(RoleOption::key).isSorted()
                .containsExactlyInAnyOrderElementsOf(DemoData.DEPARTMENT_ROLES.keySet());
        assertThat(role(drchrono, "sales-user")).isEqualTo(new RoleOption("sales-user", "Sales - User", List.of(SALES)));
        assertThat(role(drchrono, "cs-cx-admin")).isEqualTo(new RoleOption("cs-cx-admin", "CS/CX - Admin",
                List.of("customer-support-customer-experience-teams")));
        assertThat(role(drchrono, "btg-drc")).as("BTG - DRC is open to every department: none listed")
                .isEqualTo(new RoleOption("btg-drc", "BTG - DRC", List.of()));
        List<String> keys = options.departments().stream().map(DepartmentOption::key).toList();
        assertThat(drchrono.roles()).allSatisfy(role -> assertThat(keys).containsAll(role.departments()));
        assertThat(system(options, "drchrono-staging").roles()).isEqualTo(drchrono.roles());
    }

    @Test
    @DisplayName("Given the answer, then it is the same for every caller but myDepartments, and a user in no department has none")
    void sameForEveryoneButMyDepartments() {
        RequestOptions sam = options("sam.sales");
        RequestOptions mia = options("mia.manager");
        RequestOptions ivan = options("ivan.impl");

        assertThat(mia.myDepartments()).isEmpty();
        assertThat(ivan.myDepartments()).containsExactly("implementation-team");
        assertThat(mia).isEqualTo(new RequestOptions(sam.organizations(), sam.departments(), List.of(), sam.systems()));
        assertThat(options("sam.sales")).as("deterministic").isEqualTo(sam);
    }

    @Test
    @DisplayName("Given what the form offers, then a submission follows it: a role offered to another department only is refused for sam's, one offered to his is accepted")
    void submissionAgreesWithTheForm() {
        SystemOption staging = system(options("sam.sales"), "drchrono-staging");
        assertThat(role(staging, "developer-admin").departments()).containsExactly("developer-engineering-teams");
        AccessRequestsResource sam = api("workforce", "drchrono", "sam.sales");

        AmpApi.Refusal refused = refusal(() -> sam.submit(new NewAccessRequest(null, "DrChrono", SALES, "drchrono-staging",
                List.of("developer-admin"), "form check", null)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("not open to department " + SALES);

        assertThat(role(staging, "sales-admin").departments()).containsExactly(SALES);
        String id = sam.submit(new NewAccessRequest(null, "DrChrono", SALES, "drchrono-staging", List.of("sales-admin"), "form check", null)).id();
        cleanup.add(() -> cancelAsSam(id));
    }

    private void cancelAsSam(String requestId) {
        api("workforce", "drchrono", "sam.sales").cancel(requestId);
    }

    @Test
    @DisplayName("Given a department role of a department the realm lacks, or of none, then it is not offered; a role without display-name shows its key")
    void rolesNoDepartmentMayAskForAreLeftOut() {
        String staging = workforce.clients().findByClientId("drchrono-staging").get(0).getId();
        String orphan = Fixtures.uniqueName("orphan-role");
        String unnamed = Fixtures.uniqueName("unnamed-role");
        String nowhere = Fixtures.uniqueName("nowhere-role");
        departmentRole(staging, orphan, Map.of("department", List.of("no-such-department")));
        departmentRole(staging, unnamed, Map.of("department", List.of(SALES)));
        departmentRole(staging, nowhere, Map.of());

        SystemOption options = system(options("sam.sales"), "drchrono-staging");

        assertThat(role(options, orphan)).isNull();
        assertThat(role(options, nowhere)).isNull();
        assertThat(role(options, unnamed)).isEqualTo(new RoleOption(unnamed, unnamed, List.of(SALES)));
        assertThat(options.roles()).extracting(RoleOption::key).isSortedAccordingTo(Comparator.naturalOrder());
    }

    private void departmentRole(String clientUuid, String name, Map<String, List<String>> attributes) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(name);
        role.setClientRole(true);
        Map<String, List<String>> all = new java.util.HashMap<>(attributes);
        all.put("kind", List.of("department-role"));
        role.setAttributes(all);
        workforce.clients().get(clientUuid).roles().create(role);
        cleanup.add(() -> workforce.clients().get(clientUuid).roles().deleteRole(name));
    }

    @Test
    @DisplayName("Given a realm without departments and without department roles (practice), then the form is empty, not an error")
    void realmWithoutDepartments() {
        RequestOptions practice = api("practice", "ehr", "dr.sun.all").options();

        assertThat(practice.departments()).isEmpty();
        assertThat(practice.myDepartments()).isEmpty();
        assertThat(practice.systems()).isEmpty();
    }

    @Test
    @DisplayName("Given the portal realm's customer accounts, then a user's form names only the organizations they belong to, and a refused submission lists no other")
    void organizationsAreTheCallersOwn() {
        assertThat(api("portal", "portal", "alice.admin").options().organizations()).containsExactly("Acme Health", "acme-health");
        for (String outsider : List.of("carl.consultant", "nina.nogrant")) {
            assertThat(api("portal", "portal", outsider).options().organizations()).as(outsider).isEmpty();
        }

        String alice = oidc.accessToken("portal", "portal", "alice.admin");
        Oidc.Response refused = oidc.send("POST", "realms/portal/amp/requests", alice, "{\"organization\": \"beacon-care\", \"department\": \"x\","
                + " \"system\": \"portal\", \"roles\": [\"x\"], \"justification\": \"probing\"}");
        assertThat(refused.status()).isEqualTo(400);
        String message = refused.string("errorMessage");
        assertThat(message.substring(message.indexOf("one of:"))).isEqualTo("one of: Acme Health, acme-health");
    }
}
