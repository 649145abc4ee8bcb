package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.GrantSwitch;
import io.amp.keycloak.client.resource.SiteGrantsResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientScopeRepresentation;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMP mappers read Keycloak's cached models: a token with every AMP claim costs no more SQL
 * statements than the same token without them. The suite's server logs each statement
 * ({@code org.hibernate.SQL} at debug); this test counts them around one token refresh, leaving
 * out the user-session tables, which Keycloak writes in batches on its own schedule.
 */
class QueryCountIT {

    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @Test
    @DisplayName("Given warm caches, then a refresh at ehr with the AMP claims issues as many SQL statements as without them")
    void noExtraQueries() throws Exception {
        RealmResource realm = server.admin().realm("practice");
        String ehr = realm.clients().findByClientId("ehr").get(0).getId();
        ClientScopeRepresentation ampClaims = realm.clientScopes().findAll().stream()
                .filter(scope -> scope.getName().equals("amp-claims")).findFirst().orElseThrow();

        // st.sun.own: a staff member, so the access scope also resolves the primary provider's permissions.
        Oidc.Response with = oidc.passwordGrant("practice", "ehr", "st.sun.own", Oidc.DEMO_PASSWORD);
        assertThat(Oidc.claims(with.string("access_token"))).containsKeys("permissions", "access_scope");
        List<String> withStatements = warmThenCount(with);

        realm.clients().get(ehr).removeDefaultClientScope(ampClaims.getId());
        cleanup.add(() -> realm.clients().get(ehr).addDefaultClientScope(ampClaims.getId()));
        Oidc.Response without = oidc.passwordGrant("practice", "ehr", "st.sun.own", Oidc.DEMO_PASSWORD);
        assertThat(Oidc.claims(without.string("access_token"))).doesNotContainKeys("permissions", "access_scope");
        List<String> withoutStatements = warmThenCount(without);

        System.out.printf("SQL statements per token refresh at ehr (warm caches): with AMP claims %d, without %d%n",
                withStatements.size(), withoutStatements.size());
        assertThat(withStatements).as("statements with the AMP claims, against %s without", withoutStatements)
                .hasSizeLessThanOrEqualTo(withoutStatements.size());
    }

    @Test
    @DisplayName("Given warm caches, then an elevated refresh costs no more SQL statements than a plain one: the elevation is a session note")
    void elevationCostsNoQuery() throws Exception {
        Oidc.Response plain = oidc.passwordGrant("practice", "ehr", "erin.er", Oidc.DEMO_PASSWORD);
        assertThat(Oidc.claims(plain.string("access_token"))).doesNotContainKey("elevation");
        List<String> plainStatements = warmThenCount(plain);

        Oidc.Response elevated = new Elevations().signInToTokens("erin.er", "Query count check");
        assertThat(Oidc.claims(elevated.string("access_token"))).containsKey("elevation");
        List<String> elevatedStatements = warmThenCount(elevated);
        cleanup.add(() -> oidc.logout("practice", "ehr", elevated.string("refresh_token")));

        System.out.printf("SQL statements per token refresh at ehr (warm caches): elevated %d, not elevated %d%n",
                elevatedStatements.size(), plainStatements.size());
        assertThat(elevatedStatements).as("statements of an elevated refresh, against %s of a plain one", plainStatements)
                .hasSizeLessThanOrEqualTo(plainStatements.size());
    }

    @Test
    @DisplayName("Given a consultant's sites claim, then a refresh issues no SQL statement with warm caches, and one after a grant change made them cold")
    void sitesClaimCostsOneStatementCold() throws Exception {
        Oidc.Response[] carl = {oidc.passwordGrant("portal", "portal", "carl.consultant", Oidc.DEMO_PASSWORD)};
        Supplier<Object> refresh = () -> carl[0] = Portal.expect(oidc.refresh("portal", "portal", carl[0].string("refresh_token")), 200);
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            refresh.get();
        }
        List<String> warm = statementsDuring(refresh);

        // Switching the group's grant off and on again leaves the same sites, and the group's cached set dropped.
        // Both calls end before the next count starts: only the refresh is counted, as before.
        SiteGrantsResource grants = Portal.adminApi().siteGrants("acme-cardio-north");
        String grant = grants.list().stream().filter(item -> "Partner Analysts".equals(item.subject().name()))
                .findFirst().orElseThrow().id();
        assertThat(grants.toggle(grant, new GrantSwitch(false)).enabled()).isFalse();
        assertThat(grants.toggle(grant, new GrantSwitch(true)).enabled()).isTrue();
        List<String> cold = statementsDuring(refresh);
        List<String> warmAgain = statementsDuring(refresh);
        assertThat(Portal.sites(Oidc.claims(carl[0].string("access_token")))).containsExactly("acme-cardio-north");

        System.out.printf("SQL statements per token refresh of carl.consultant at portal: warm %d, cold site cache %d, warm again %d%n",
                warm.size(), cold.size(), warmAgain.size());
        assertThat(warm).as("warm").isEmpty();
        assertThat(cold).as("cold: the site sets of carl and his group in one statement").hasSize(1);
        assertThat(cold.get(0)).containsIgnoringCase("AMP_SITE_GRANT");
        assertThat(warmAgain).as("warm again").isEmpty();
    }

    private List<String> warmThenCount(Oidc.Response tokens) throws InterruptedException {
        Oidc.Response[] current = {tokens};
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            current[0] = refresh(current[0]);
        }
        return statementsDuring(() -> current[0] = refresh(current[0]));
    }

    private Oidc.Response refresh(Oidc.Response tokens) {
        Oidc.Response refreshed = oidc.refresh("practice", "ehr", tokens.string("refresh_token"));
        assertThat(refreshed.status()).isEqualTo(200);
        return refreshed;
    }

    private List<String> statementsDuring(Supplier<Object> request) throws InterruptedException {
        SqlStatements statements = SqlStatements.mark(server);
        request.get();
        Thread.sleep(300);
        return statements.since();
    }
}
