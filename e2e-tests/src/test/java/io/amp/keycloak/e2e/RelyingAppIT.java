package io.amp.keycloak.e2e;

import io.amp.example.relying.RelyingApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example relying application (module relying-app-example) against the suite's server: it
 * verifies real tokens against the realm's JWKS and enforces AMP's claims, the way a relying team
 * would copy it.
 */
class RelyingAppIT {

    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final Cleanup cleanup = new Cleanup();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    private RelyingApp api(String realm, String clientId) throws Exception {
        RelyingApp app = RelyingApp.start(server.baseUri(), realm, clientId, 0);
        cleanup.add(app::close);
        return app;
    }

    private HttpResponse<String> get(RelyingApp app, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri().resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> response) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(response.body(), Map.class);
    }

    @Test
    @DisplayName("Given ehr tokens, then the API's permissions are the permissions claim, and /messages follows access-to-message-center and access_scope")
    void permissionsAndAccessScope() throws Exception {
        RelyingApp ehr = api("practice", "ehr");
        String token = oidc.accessToken("practice", "ehr", "dr.sun.all");
        Map<String, Object> claims = Oidc.claims(token);

        HttpResponse<String> permissions = get(ehr, "permissions", token);
        assertThat(permissions.statusCode()).isEqualTo(200);
        assertThat(json(permissions).get("permissions")).isEqualTo(claims.get("permissions"));
        HttpResponse<String> messages = get(ehr, "messages", token);
        assertThat(messages.statusCode()).as(messages.body()).isEqualTo(200);
        assertThat(json(messages).get("visibility"))
                .isEqualTo(Portal.map(Portal.map(claims.get("access_scope")).get("messages")).get("visibility"));

        RealmResource practice = server.admin().realm("practice");
        String nobody = Fixtures.uniqueName("nobody");
        new Fixtures(practice, cleanup).user(nobody);
        String nothingHeld = oidc.accessToken("practice", "ehr", nobody);
        assertThat(get(ehr, "permissions", nothingHeld).body()).contains("\"permissions\":[]");
        HttpResponse<String> refused = get(ehr, "messages", nothingHeld);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("access-to-message-center");
    }

    @Test
    @DisplayName("Given no token, a tampered one, another realm's, or one not meant for the API, then 401 with WWW-Authenticate")
    void refusesWhatIsNotItsToken() throws Exception {
        RelyingApp ehr = api("practice", "ehr");
        HttpResponse<String> none = get(ehr, "permissions", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_request\"");

        String token = oidc.accessToken("practice", "ehr", "st.sun.settings");
        String[] parts = token.split("\\.");
        Map<String, Object> claims = Oidc.claims(token);
        claims.put("permissions", List.of("account-settings", "access-to-message-center"));
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(claims)) + "." + parts[2];
        assertThat(get(ehr, "permissions", forged).statusCode()).as("a payload changed under the signature").isEqualTo(401);
        assertThat(get(ehr, "permissions", "not-a-jwt").statusCode()).isEqualTo(401);

        String otherRealm = oidc.accessToken("portal", "portal", "carl.consultant");
        assertThat(get(ehr, "permissions", otherRealm).statusCode()).as("another realm's token").isEqualTo(401);

        // A client without roles in scope: nothing puts ehr in its tokens' audience.
        String frontEnd = Fixtures.uniqueName("front-end");
        RealmResource practice = server.admin().realm("practice");
        String uuid = new Fixtures(practice, cleanup).client(frontEnd);
        org.keycloak.representations.idm.ClientRepresentation client = practice.clients().get(uuid).toRepresentation();
        client.setFullScopeAllowed(false);
        practice.clients().get(uuid).update(client);
        String notForEhr = oidc.accessToken("practice", frontEnd, "dr.sun.all");
        HttpResponse<String> wrongAudience = get(ehr, "permissions", notForEhr);
        assertThat(wrongAudience.statusCode()).as("aud %s", Oidc.claims(notForEhr).get("aud")).isEqualTo(401);
        assertThat(wrongAudience.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    @DisplayName("Given a front end's token with ehr in its audience, then the API reads audience_permissions.ehr")
    void frontEndTokenCarriesTheApisPermissions() throws Exception {
        RelyingApp ehr = api("practice", "ehr");
        RealmResource practice = server.admin().realm("practice");
        String frontEnd = Fixtures.uniqueName("front-end");
        String uuid = new Fixtures(practice, cleanup).client(frontEnd);
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("audience ehr");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.client.audience", "ehr", "access.token.claim", "true"));
        practice.clients().get(uuid).getProtocolMappers().createMapper(audience).close();

        Oidc.Response tokens = Portal.expect(oidc.passwordGrant("practice", frontEnd, "dr.sun.all", Oidc.DEMO_PASSWORD,
                "openid amp-audience-permissions"), 200);
        HttpResponse<String> permissions = get(ehr, "permissions", tokens.string("access_token"));
        assertThat(permissions.statusCode()).isEqualTo(200);
        assertThat(json(permissions).get("permissions")).isEqualTo(Oidc.claims(oidc.accessToken("practice", "ehr", "dr.sun.all")).get("permissions"))
                .asList().isNotEmpty();
        assertThat(get(ehr, "messages", tokens.string("access_token")).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given an emergency access, then the API counts the elevated permissions while elevation.until lies ahead")
    void elevation() throws Exception {
        RelyingApp ehr = api("practice", "ehr");
        String plain = oidc.accessToken("practice", "ehr", "erin.er");
        Oidc.Response elevated = new Elevations().signInToTokens("erin.er", "Relying app check");
        cleanup.add(() -> oidc.logout("practice", "ehr", elevated.string("refresh_token")));
        Map<String, Object> claims = Oidc.claims(elevated.string("access_token"));
        @SuppressWarnings("unchecked")
        List<Object> elevatedOnly = (List<Object>) Portal.map(claims.get("elevation")).get("permissions");

        @SuppressWarnings("unchecked")
        List<Object> before = (List<Object>) json(get(ehr, "permissions", plain)).get("permissions");
        @SuppressWarnings("unchecked")
        List<Object> during = (List<Object>) json(get(ehr, "permissions", elevated.string("access_token"))).get("permissions");
        assertThat(before).doesNotContainAnyElementsOf(elevatedOnly);
        assertThat(during).containsAll(elevatedOnly).containsAll(before);
    }

    @Test
    @DisplayName("Given sites claims, listed and overflowing, then the API allows exactly the user's sites, asking the endpoint past the limit")
    void sites() throws Exception {
        RelyingApp portal = api("portal", "portal");
        String carl = oidc.accessToken("portal", "portal", "carl.consultant");
        assertThat(get(portal, "sites/acme-cardio-north", carl).statusCode()).isEqualTo(200);
        assertThat(get(portal, "sites/acme-rad-main", carl).statusCode()).isEqualTo(403);

        String clientId = new Fixtures(server.admin().realm("portal"), cleanup).smallSitesClient(2);
        RelyingApp small = api("portal", clientId);
        String alice = oidc.accessToken("portal", clientId, "alice.admin");
        assertThat(Oidc.claims(alice).get("sites")).as("overflow marker").isInstanceOf(Map.class);
        assertThat(get(small, "sites/acme-rad-main", alice).statusCode()).as("found through the endpoint").isEqualTo(200);
        assertThat(get(small, "sites/beacon-primary-1", alice).statusCode()).as("another account's site").isEqualTo(403);
    }
}
