package io.amp.keycloak.e2e;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal page over plain HTTP, as anyone on the internet reaches it: what the page is served
 * with (its own Content-Security-Policy, no caching), what it links (PatternFly 5 of Keycloak's
 * common theme, the theme's script, all served by this Keycloak), what it carries (no data, only
 * settings, escaped), and what its client allows (code flow with PKCE, to the portal only).
 */
class PortalPageIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final KeycloakServer server = KeycloakServer.get();

    private static HttpResponse<String> get(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI page(String realm) {
        return URI.create(server.realmUrl(realm) + "/amp/portal/");
    }

    @Test
    @DisplayName("The page needs no token, is never cached, and allows only this server's scripts, styles and calls, in no frame")
    void servedWithItsOwnPolicy() {
        HttpResponse<String> page = get(page("portal"), "Authorization", "Bearer not-a-token");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().allValues("Content-Security-Policy")).singleElement().satisfies(policy -> assertThat(policy)
                .contains("default-src 'self'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).isPresent();
        Document html = Jsoup.parse(page.body(), page.uri().toString());
        assertThat(html.select("script:not([src])")).as("no inline script").isEmpty();
        assertThat(html.body().attr("data-client-id")).isEqualTo("amp-portal");
        assertThat(html.body().attr("data-realm-url")).isEqualTo(server.realmUrl("portal"));
    }

    @Test
    @DisplayName("Its stylesheets and script are Keycloak's own resources: PatternFly 5 from the common theme, the script from the amp theme")
    void linksOnlyThisServersResources() {
        Document html = Jsoup.parse(get(page("portal")).body(), page("portal").toString());
        String patternfly = html.select("link[rel=stylesheet]").eachAttr("abs:href").stream()
                .filter(href -> href.endsWith("/common/keycloak/vendor/patternfly-v5/patternfly.min.css")).findFirst().orElseThrow();
        String script = html.select("script[type=module]").attr("abs:src");
        assertThat(script).endsWith("/login/amp/js/amp-portal.js");
        for (String resource : html.select("link[rel=stylesheet]").eachAttr("abs:href")) {
            assertThat(resource).startsWith(server.baseUri().toString());
            assertThat(get(URI.create(resource)).statusCode()).as(resource).isEqualTo(200);
        }
        assertThat(get(URI.create(patternfly)).body()).contains(".pf-v5-c-page");
        HttpResponse<String> js = get(URI.create(script));
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(js.body()).contains("code_challenge_method: 'S256'").doesNotContain(".innerHTML", "outerHTML =", "insertAdjacentHTML", "document.write", "eval(");
    }

    @Test
    @DisplayName("Without the trailing slash, a permanent redirect to the page's address; a realm without the portal's client is a 404 that says so")
    void addressAndRealmsWithoutThePortal() {
        HttpResponse<String> bare = get(URI.create(server.realmUrl("workforce") + "/amp/portal"));
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValue(page("workforce").toString());

        HttpResponse<String> master = get(page("master"));
        assertThat(master.statusCode()).isEqualTo(404);
        assertThat(master.body()).contains("has no enabled client 'amp-portal'");
    }

    @Test
    @DisplayName("The realm's display name is escaped in the page: an admin's markup stays text")
    void escapesTheRealmsName() {
        RealmResource realm = server.admin().realm("workforce");
        RealmRepresentation representation = realm.toRepresentation();
        String before = representation.getDisplayName();
        representation.setDisplayName("<script>alert(1)</script>\" onload=\"alert(2)");
        realm.update(representation);
        try {
            String body = get(page("workforce")).body();
            assertThat(body).doesNotContain("<script>alert(1)</script>").doesNotContain("\" onload=\"alert(2)")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        } finally {
            representation.setDisplayName(before);
            realm.update(representation);
        }
    }

    @Test
    @DisplayName("The amp-portal client signs in only with PKCE, only back to the portal page, and never takes a password directly")
    void theClientAllowsOnlyTheCodeFlowWithPkce() {
        String auth = server.realmUrl("portal") + "/protocol/openid-connect/auth?client_id=amp-portal&response_type=code&scope=openid&redirect_uri=";
        HttpResponse<String> withoutPkce = get(URI.create(auth + encode(page("portal").toString())));
        assertThat(withoutPkce.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith(page("portal").toString()).contains("error=invalid_request").contains("code_challenge_method"));

        HttpResponse<String> elsewhere = get(URI.create(auth + encode("http://127.0.0.1:1/steal") + "&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("Invalid parameter: redirect_uri");

        Oidc.Response password = new Oidc(server).passwordGrant("portal", "amp-portal", "alice.admin", Oidc.DEMO_PASSWORD);
        assertThat(password.status()).isIn(400, 401);
        assertThat(password.string("error")).isIn("unauthorized_client", "invalid_client");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("A portal token carries the approver role and four realm-management roles, never the rest of an administrator's: Keycloak's own token evaluation says so")
    void portalTokensCarryOnlyWhatThePortalNeeds() {
        for (String realmName : List.of("workforce", "practice", "portal")) {
            RealmResource realm = server.admin().realm(realmName);
            String client = realm.clients().findByClientId("amp-portal").get(0).getId();
            String admin = realm.users().searchByUsername("realm.admin", true).get(0).getId();
            org.keycloak.representations.AccessToken token = realm.clients().get(client).clientScopesEvaluate()
                    .generateAccessToken("openid", admin, null);
            // view-users brings its composites query-users and query-groups; nothing else of realm-admin comes.
            assertThat(token.getResourceAccess("realm-management").getRoles()).as(realmName)
                    .containsExactlyInAnyOrder("view-realm", "manage-realm", "view-users", "manage-users", "query-users", "query-groups");
            assertThat(token.getResourceAccess()).as(realmName).containsOnlyKeys("realm-management");
        }
        RealmResource workforce = server.admin().realm("workforce");
        String client = workforce.clients().findByClientId("amp-portal").get(0).getId();
        String mia = workforce.users().searchByUsername("mia.manager", true).get(0).getId();
        assertThat(workforce.clients().get(client).clientScopesEvaluate().generateAccessToken("openid", mia, null)
                .getRealmAccess().getRoles()).containsExactly("access-approver");
    }
}
