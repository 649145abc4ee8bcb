package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.Name;
import io.amp.keycloak.client.representation.NewGrant;
import io.amp.keycloak.client.representation.NewSite;
import io.amp.keycloak.client.resource.ConsultantAccessResource;
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
    /** AMP's consultant-access API on the admin surface, as the realm admin. */
    private final ConsultantAccessResource admin = Portal.adminApi();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    private List<String> grantSubjects(String siteKey) {
        return admin.siteGrants(siteKey).list().stream().map(grant -> grant.subject().id()).toList();
    }

    @Test
    @DisplayName("Given a consultant with a grant, when the user is deleted, then the grant is gone")
    void userDeleted() {
        String username = portal.consultant(cleanup, "btt-consultant");
        String userId = portal.realm().users().searchByUsername(username, true).get(0).getId();
        Portal.answer(201, () -> admin.siteGrants("acme-rad-main").grant(NewGrant.toConsultant(username + "@example.com")));
        assertThat(grantSubjects("acme-rad-main")).contains(userId);

        portal.realm().users().delete(userId).close();

        assertThat(grantSubjects("acme-rad-main")).doesNotContain(userId);
    }

    @Test
    @DisplayName("Given a consultant group with a grant, when the group is deleted, then the grant is gone")
    void groupDeleted() {
        String groupId = new Fixtures(portal.realm(), cleanup).group("/consultant-groups", Fixtures.uniqueName("Analysts"), Map.of());
        String name = portal.realm().groups().group(groupId).toRepresentation().getName();
        Portal.answer(201, () -> admin.siteGrants("acme-rad-main").grant(NewGrant.toGroup(name)));
        assertThat(grantSubjects("acme-rad-main")).contains(groupId);

        portal.realm().groups().group(groupId).remove();

        assertThat(grantSubjects("acme-rad-main")).doesNotContain(groupId);
    }

    @Test
    @DisplayName("Given a department with a granted site, when the department is deleted, then site and grant are gone")
    void departmentDeleted() {
        String acme = portal.accountId("acme-health");
        var departments = admin.accounts().get(acme).departments();
        String department = Portal.answer(201, () -> departments.create(new Name(Fixtures.uniqueName("Short-lived")))).id();
        String site = Fixtures.uniqueName("short-lived");
        Portal.answer(201, () -> departments.createSite(department, new NewSite(site, null)));
        Portal.answer(201, () -> admin.siteGrants(site).grant(NewGrant.toGroup("Partner Analysts")));

        // Keycloak's own organization API, not AMP's.
        Portal.expect(oidc.send("DELETE", "admin/realms/portal/organizations/" + acme + "/groups/" + department, oidc.adminToken(), null), 204);

        assertThat(AmpApi.refusal(() -> admin.siteGrants(site).list()).status()).isEqualTo(404);
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
        var departments = admin.accounts().get(accountId).departments();
        String department = Portal.answer(201, () -> departments.create(new Name("Main"))).id();
        String site = Fixtures.uniqueName("short-lived");
        Portal.answer(201, () -> departments.createSite(department, new NewSite(site, null)));
        Portal.answer(201, () -> admin.siteGrants(site).grant(NewGrant.toConsultant("carl.consultant@partner.example")));

        portal.realm().organizations().get(accountId).delete().close();

        assertThat(AmpApi.refusal(() -> admin.siteGrants(site).list()).status()).isEqualTo(404);
        assertThat(Portal.sites(Oidc.claims(portal.token("carl.consultant")))).containsExactly("acme-cardio-north");
    }
}
