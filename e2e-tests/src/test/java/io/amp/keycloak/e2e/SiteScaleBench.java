package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.Name;
import io.amp.keycloak.client.representation.NewGrant;
import io.amp.keycloak.client.representation.NewSite;
import io.amp.keycloak.client.resource.ConsultantAccessResource;
import io.amp.keycloak.client.resource.DepartmentsResource;
import io.amp.keycloak.client.resource.SiteGrantsResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A benchmark, not part of the suite (its name does not end in IT): a consultant in 100
 * consultant groups, each granted 100 sites, so 10,000 grants. Prints the SQL statements of the
 * site claim in one token refresh and the time to list a site's grants. Run it with
 * {@code mvn -B verify -pl e2e-tests -Dit.test=SiteScaleBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
 * after a build; it takes a few minutes to set up.
 */
class SiteScaleBench {

    private static final int GROUPS = 100;
    private static final int SITES = 100;

    private final Cleanup cleanup = new Cleanup();
    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final Portal portal = new Portal();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @Test
    @DisplayName("10,000 grants through 100 groups: statements per site claim, time to list a site's grants")
    void scale() throws Exception {
        RealmResource realm = portal.realm();
        Fixtures fixtures = new Fixtures(realm, cleanup);
        ConsultantAccessResource admin = Portal.adminApi();
        String acme = portal.accountId("acme-health");
        DepartmentsResource departments = admin.accounts().get(acme).departments();
        String department = Portal.answer(201, () -> departments.create(new Name(Fixtures.uniqueName("Scale")))).id();
        // Keycloak's own organization API removes the department, and its sites and grants with it.
        cleanup.add(() -> oidc.send("DELETE", "admin/realms/portal/organizations/" + acme + "/groups/" + department, oidc.adminToken(), null));
        String consultant = portal.consultant(cleanup, "partner-consultant");
        String consultantId = realm.users().searchByUsername(consultant, true).get(0).getId();
        List<String> groupNames = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            String name = Fixtures.uniqueName("scale-group");
            realm.users().get(consultantId).joinGroup(fixtures.group("/consultant-groups", name, Map.of()));
            groupNames.add(name);
        }
        long setupStart = System.nanoTime();
        for (int s = 0; s < SITES; s++) {
            String site = "scale-" + s + "-" + department.substring(0, 8);
            Portal.answer(201, () -> departments.createSite(department, new NewSite(site, null)));
            SiteGrantsResource grants = admin.siteGrants(site);
            for (String group : groupNames) {
                Portal.answer(201, () -> grants.grant(NewGrant.toGroup(group)));
            }
        }
        System.out.printf("Scale setup: %d grants in %d s%n", GROUPS * SITES, (System.nanoTime() - setupStart) / 1_000_000_000);

        Oidc.Response tokens = oidc.passwordGrant("portal", "portal", consultant, Oidc.DEMO_PASSWORD);
        for (int warm = 0; warm < 3; warm++) {
            tokens = Portal.expect(oidc.refresh("portal", "portal", tokens.string("refresh_token")), 200);
        }
        SqlStatements sql = SqlStatements.mark(server);
        long refreshStart = System.nanoTime();
        tokens = Portal.expect(oidc.refresh("portal", "portal", tokens.string("refresh_token")), 200);
        long refreshMicros = (System.nanoTime() - refreshStart) / 1000;
        Thread.sleep(300);
        List<String> statements = sql.since();
        assertThat(Portal.sites(Oidc.claims(tokens.string("access_token")))).hasSize(SITES);

        String site = "scale-0-" + department.substring(0, 8);
        SiteGrantsResource grants = admin.siteGrants(site);
        for (int warm = 0; warm < 5; warm++) {
            grants.list();
        }
        int rounds = 20;
        long listStart = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertThat(grants.list()).hasSize(GROUPS);
        }
        long listMicros = (System.nanoTime() - listStart) / 1000 / rounds;

        System.out.printf("Site claim, consultant with %d grants through %d groups: %d SQL statements in the refresh (%s), refresh %d ms%n",
                GROUPS * SITES, GROUPS, statements.size(), statements.stream().map(line -> line.replaceAll(".*\\] \\(.*?\\) ", "")
                        .substring(0, 60)).toList(), refreshMicros / 1000);
        System.out.printf("List a site's %d grants: %.1f ms per call (mean of %d, warm)%n", GROUPS, listMicros / 1000.0, rounds);
    }
}
