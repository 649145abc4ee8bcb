package io.amp.keycloak.e2e;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Removing a user, a group, a department or an account takes its grants and sites along in the
 * same transaction. AMP_SITE_GRANT has a foreign key to AMP_SITE, so a site removal that
 * succeeds also proves that no grant row was left pointing at it.
 */
class SiteIntegrityIT {

    private final Cleanup cleanup = new Cleanup();
    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private final Portal portal = new Portal();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    private List<Object> grantSubjects(String siteKey) {
        return oidc.send("GET", Portal.ADMIN_API + "sites/" + siteKey + "/grants", oidc.adminToken(), null).items().stream()
                .map(grant -> ((Map<?, ?>) grant.get("subject")).get("id")).map(Object.class::cast).toList();
    }

    @Test
    @DisplayName("Given a consultant with a grant, when the user is deleted, then the grant is gone")
    void userDeleted() {
        String username = portal.consultant(cleanup, "btt-consultant");
        String userId = portal.realm().users().searchByUsername(username, true).get(0).getId();
        Portal.expect(oidc.send("POST", Portal.ADMIN_API + "sites/acme-rad-main/grants", oidc.adminToken(),
                "{\"email\": \"" + username + "@example.com\"}"), 201);
        assertThat(grantSubjects("acme-rad-main")).contains(userId);

        portal.realm().users().delete(userId).close();

        assertThat(grantSubjects("acme-rad-main")).doesNotContain(userId);
    }

    @Test
    @DisplayName("Given a consultant group with a grant, when the group is deleted, then the grant is gone")
    void groupDeleted() {
        String groupId = new Fixtures(portal.realm(), cleanup).group("/consultant-groups", Fixtures.uniqueName("Analysts"), Map.of());
        String name = portal.realm().groups().group(groupId).toRepresentation().getName();
        Portal.expect(oidc.send("POST", Portal.ADMIN_API + "sites/acme-rad-main/grants", oidc.adminToken(),
                "{\"group\": \"" + name + "\"}"), 201);
        assertThat(grantSubjects("acme-rad-main")).contains(groupId);

        portal.realm().groups().group(groupId).remove();

        assertThat(grantSubjects("acme-rad-main")).doesNotContain(groupId);
    }

    @Test
    @DisplayName("Given a department with a granted site, when the department is deleted, then site and grant are gone")
    void departmentDeleted() {
        String acme = portal.accountId("acme-health");
        String admin = oidc.adminToken();
        String department = Portal.expect(oidc.send("POST", Portal.ADMIN_API + "accounts/" + acme + "/departments", admin,
                "{\"name\": \"" + Fixtures.uniqueName("Short-lived") + "\"}"), 201).string("id");
        String site = Fixtures.uniqueName("short-lived");
        Portal.expect(oidc.send("POST", Portal.ADMIN_API + "accounts/" + acme + "/departments/" + department + "/sites", admin,
                "{\"key\": \"" + site + "\"}"), 201);
        Portal.expect(oidc.send("POST", Portal.ADMIN_API + "sites/" + site + "/grants", admin, "{\"group\": \"Partner Analysts\"}"), 201);

        Portal.expect(oidc.send("DELETE", "admin/realms/portal/organizations/" + acme + "/groups/" + department, admin, null), 204);

        assertThat(oidc.send("GET", Portal.ADMIN_API + "sites/" + site + "/grants", admin, null).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("Given an account with a granted site, when the account is deleted, then its sites and grants are gone")
    void accountDeleted() {
        OrganizationRepresentation organization = new OrganizationRepresentation();
        String alias = Fixtures.uniqueName("short-lived");
        organization.setName(alias);
        organization.setAlias(alias);
        OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation();
        domain.setName(alias + ".example");
        organization.addDomain(domain);
        String accountId;
        try (Response response = portal.realm().organizations().create(organization)) {
            accountId = CreatedResponseUtil.getCreatedId(response);
        }
        String admin = oidc.adminToken();
        String department = Portal.expect(oidc.send("POST", Portal.ADMIN_API + "accounts/" + accountId + "/departments", admin,
                "{\"name\": \"Main\"}"), 201).string("id");
        String site = Fixtures.uniqueName("short-lived");
        Portal.expect(oidc.send("POST", Portal.ADMIN_API + "accounts/" + accountId + "/departments/" + department + "/sites", admin,
                "{\"key\": \"" + site + "\"}"), 201);
        Portal.expect(oidc.send("POST", Portal.ADMIN_API + "sites/" + site + "/grants", admin,
                "{\"email\": \"carl.consultant@partner.example\"}"), 201);

        portal.realm().organizations().get(accountId).delete().close();

        assertThat(oidc.send("GET", Portal.ADMIN_API + "sites/" + site + "/grants", admin, null).status()).isEqualTo(404);
        assertThat(Portal.sites(Oidc.claims(portal.token("carl.consultant")))).containsExactly("acme-cardio-north");
    }
}
