package io.amp.keycloak.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user surface, {@code /realms/{realm}/amp/<api>}: where signed-in users and customers' admins
 * call AMP, outside {@code /admin}. A bearer access token of that realm only (no token, a bad one,
 * one of another realm, master's included, or a session cookie without a token: 401); CORS
 * follows the web origins of the token's client, and preflights are answered; an unknown API is a
 * 404 with a JSON body.
 */
class RealmSurfaceIT {

    /** A web origin of the client this class makes; nothing serves it, a browser would send it. */
    private static final String ORIGIN = "https://app.amp-e2e.example";
    private static final String OTHER_ORIGIN = "https://elsewhere.amp-e2e.example";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** How each user API is probed: a GET any user of its realm may make, as a demo user at the realm's demo client. */
    private record Probe(String realm, String client, String username, String path) {
        String url() {
            return "realms/" + realm + "/amp/" + path;
        }
    }

    private static final Map<String, Probe> PROBES = Map.of(
            "requests", new Probe("workforce", "drchrono", "sam.sales", "requests/mine"),
            "elevations", new Probe("practice", "ehr", "dr.sun.all", "elevations/mine"),
            "consultant-access", new Probe("portal", "portal", "alice.admin", "consultant-access/me"));

    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    // ---------------------------------------------------------------- (a) each user API answers a user's token

    @Test
    @DisplayName("Every user API is probed here: the APIs found by reflection on the user surface are those of this class")
    void everyUserApiHasAProbe() {
        Set<String> userApis = AmpEndpoints.APIS.stream().filter(api -> api.surface() == AmpEndpoints.Surface.USER)
                .map(AmpEndpoints.Api::id).collect(Collectors.toCollection(TreeSet::new));

        assertThat(userApis).isEqualTo(new TreeSet<>(PROBES.keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"requests", "elevations", "consultant-access"})
    @DisplayName("Given a user's bearer token of the realm, then the API answers under /realms/{realm}/amp/<api>")
    void answersAUsersToken(String api) {
        Probe probe = PROBES.get(api);
        Oidc.Response tokens = signIn(probe.realm(), probe.client(), probe.username());

        Reply reply = send("GET", probe.url(), Map.of("Authorization", "Bearer " + tokens.string("access_token")));

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json()).as("%s", reply).isNotNull();
        if (api.equals("consultant-access")) {
            assertThat(reply.json().path("username").asText()).isEqualTo(probe.username());
        } else {
            assertThat(reply.json().isArray()).as("%s", reply).isTrue();
        }
    }

    // ---------------------------------------------------------------- (b) 401 for anything but a token of the realm

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"requests", "elevations", "consultant-access"})
    @DisplayName("Given no token, a token that is no JWT, a forged one, a token of another realm or of master, then 401 with a JSON body")
    void onlyATokenOfTheRealm(String api) {
        Probe probe = PROBES.get(api);
        Probe elsewhere = PROBES.values().stream().filter(other -> !other.realm().equals(probe.realm())).findFirst().orElseThrow();
        String otherRealmsToken = signIn(elsewhere.realm(), elsewhere.client(), elsewhere.username()).string("access_token");
        String ownToken = signIn(probe.realm(), probe.client(), probe.username()).string("access_token");
        String[] own = ownToken.split("\\.");
        String tampered = own[0] + "." + own[1] + "." + new StringBuilder(own[2]).reverse();

        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("no token", null);
        callers.put("a token that is no JWT", CallerTokens.GARBAGE);
        callers.put("the realm's own token with a broken signature", tampered);
        callers.put("a token of realm " + elsewhere.realm(), otherRealmsToken);
        // Was a 403 "Use a token of realm ..." on the admin path: the user surface takes a token of its own realm only.
        callers.put("the master admin's token", oidc.adminToken());
        callers.forEach((caller, token) -> {
            Reply reply = send("GET", probe.url(), token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
            assertThat(reply.status()).as("%s with %s: %s", probe.url(), caller, reply).isEqualTo(401);
            assertThat(reply.jsonObject()).as("%s with %s carries a JSON object: %s", probe.url(), caller, reply).isTrue();
        });
    }

    @Test
    @DisplayName("Given a signed-in browser session (Keycloak's cookies) but no bearer token, then 401: cookies do not authenticate")
    void sessionCookieIsNoBearerToken() {
        Browser browser = new Browser(server);
        Browser.Page end = browser.submit(browser.authorize("workforce", "drchrono"), "kc-form-login",
                Map.of("username", "sam.sales", "password", Oidc.DEMO_PASSWORD), null, null);
        assertThat(end.code()).as("the login ends at the application:%n%s", end.text()).isNotNull();
        Oidc.Response tokens = oidc.authorizationCode("workforce", "drchrono", end.code());
        cleanup.add(() -> oidc.logout("workforce", "drchrono", tokens.string("refresh_token")));
        String path = "/realms/workforce/amp/requests/mine";
        assertThat(browser.cookieNames(path)).as("the browser holds the SSO session cookie for %s", path).contains("KEYCLOAK_IDENTITY");

        HttpResponse<String> withCookies = browser.call("GET", server.uri(path), Map.of("Accept", "application/json"));
        HttpResponse<String> withCookiesAndOrigin = browser.call("GET", server.uri(path),
                Map.of("Accept", "application/json", "Origin", server.baseUri().toString().replaceAll("/$", "")));

        assertThat(withCookies.statusCode()).as("%s", withCookies.body()).isEqualTo(401);
        assertThat(withCookiesAndOrigin.statusCode()).as("%s", withCookiesAndOrigin.body()).isEqualTo(401);
        // The same session's access token is accepted: the user is signed in, only the way to say it differs.
        assertThat(send("GET", path, Map.of("Authorization", "Bearer " + tokens.string("access_token"))).status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- (c) CORS

    @Test
    @DisplayName("Given an Origin among the web origins of the token's client, then it is echoed in Access-Control-Allow-Origin")
    void allowedOriginIsEchoed() {
        String token = tokenOfClientWithWebOrigin();

        Reply mine = send("GET", "realms/workforce/amp/requests/mine", Map.of("Authorization", "Bearer " + token, "Origin", ORIGIN));
        Reply pending = send("GET", "realms/workforce/amp/requests/pending", Map.of("Authorization", "Bearer " + token, "Origin", ORIGIN));

        assertThat(mine.status()).as("%s", mine).isEqualTo(200);
        assertThat(mine.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(mine.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(mine.header("Access-Control-Expose-Headers")).as("Location of a created record").contains("Location");
        // A refusal reaches the page too, so that it can show why.
        assertThat(pending.status()).as("%s", pending).isEqualTo(403);
        assertThat(pending.header("Access-Control-Allow-Origin")).as("CORS on a refusal: %s", pending).isEqualTo(ORIGIN);
    }

    @Test
    @DisplayName("Given an Origin that the token's client does not allow, then no Access-Control-Allow-Origin is sent")
    void otherOriginGetsNoCorsHeaders() {
        String token = tokenOfClientWithWebOrigin();
        String demoToken = signIn("workforce", "drchrono", "sam.sales").string("access_token");

        Reply other = send("GET", "realms/workforce/amp/requests/mine", Map.of("Authorization", "Bearer " + token, "Origin", OTHER_ORIGIN));
        Reply demo = send("GET", "realms/workforce/amp/requests/mine", Map.of("Authorization", "Bearer " + demoToken, "Origin", ORIGIN));

        for (Reply reply : List.of(other, demo)) {
            assertThat(reply.header("Access-Control-Allow-Origin")).as("%s", reply).isNull();
            assertThat(reply.header("Access-Control-Allow-Credentials")).as("%s", reply).isNull();
            // Keycloak's Cors.checkAllowedOrigins(token) refuses a call from an origin the client does not allow.
            assertThat(reply.status()).as("%s", reply).isEqualTo(403);
        }
        // Without an Origin (not a browser's cross-origin call), the same token is answered.
        assertThat(send("GET", "realms/workforce/amp/requests/mine", Map.of("Authorization", "Bearer " + token)).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given a browser's preflight (OPTIONS with Origin and Access-Control-Request-Method), then 200 with the allowed methods")
    void preflightIsAnswered() {
        Reply preflight = send("OPTIONS", "realms/workforce/amp/requests/mine", Map.of("Origin", ORIGIN,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization"));
        Reply submit = send("OPTIONS", "realms/workforce/amp/requests", Map.of("Origin", ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type"));

        for (Reply reply : List.of(preflight, submit)) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            assertThat(reply.header("Access-Control-Allow-Origin")).as("%s", reply).isEqualTo(ORIGIN);
            assertThat(reply.header("Access-Control-Allow-Methods")).as("%s", reply).isNotNull();
            assertThat(List.of(reply.header("Access-Control-Allow-Methods").toUpperCase(Locale.ROOT).split("\\s*,\\s*")))
                    .as("%s", reply).contains("GET", "POST");
            assertThat(reply.header("Access-Control-Allow-Headers")).as("%s", reply).containsIgnoringCase("Authorization");
        }
    }

    // ---------------------------------------------------------------- (d) unknown API

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"realms/workforce/amp/no-such-api", "realms/workforce/amp/no-such-api/mine", "realms/practice/amp/amp-elevation"})
    @DisplayName("Given an API segment no provider serves, then 404 with a JSON body")
    void unknownApiIsNotFound(String path) {
        String realm = path.split("/")[1];
        Probe probe = PROBES.values().stream().filter(candidate -> candidate.realm().equals(realm)).findFirst().orElseThrow();
        String token = signIn(probe.realm(), probe.client(), probe.username()).string("access_token");

        Reply reply = send("GET", path, Map.of("Authorization", "Bearer " + token));

        assertThat(reply.status()).as("%s", reply).isEqualTo(404);
        assertThat(reply.jsonObject()).as("a JSON object body: %s", reply).isTrue();
    }

    @Test
    @DisplayName("Given no token, then an unknown API is a 401 like a known one: who may not call learns nothing of which features are installed")
    void unknownApiAnswersNoOneAnonymous() {
        assertThat(send("GET", "realms/workforce/amp/no-such-api", Map.of()).status()).isEqualTo(401);
        assertThat(send("GET", "realms/workforce/amp/requests/mine", Map.of()).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("Given a Content-Type no parser reads, then AMP answers 415 like any other non-JSON body, not 500")
    void unparsableContentTypeIs415() {
        String realm = "workforce";
        Probe probe = PROBES.values().stream().filter(candidate -> candidate.realm().equals(realm)).findFirst().orElseThrow();
        String token = signIn(probe.realm(), probe.client(), probe.username()).string("access_token");

        Reply reply = send("POST", "realms/workforce/amp/requests", Map.of("Authorization", "Bearer " + token, "Content-Type", "json"), "{}");

        assertThat(reply.status()).as("%s", reply).isEqualTo(415);
    }

    // ---------------------------------------------------------------- the admin surface no longer serves the user APIs

    @Test
    @DisplayName("The user APIs left the admin surface: amp-access-requests is gone (404), amp-elevation serves no break-the-glass (404 or 405)")
    void userApisAreGoneFromTheAdminSurface() {
        String workforceUser = signIn("workforce", "drchrono", "sam.sales").string("access_token");
        String practiceUser = signIn("practice", "ehr", "dr.sun.all").string("access_token");

        Reply requests = send("GET", "admin/realms/workforce/amp-access-requests/requests/mine", Map.of("Authorization", "Bearer " + workforceUser));
        Reply breakTheGlass = send("POST", "admin/realms/practice/amp-elevation/break-the-glass",
                Map.of("Authorization", "Bearer " + practiceUser, "Content-Type", "application/json"),
                "{\"reason\": \"admin path\", \"durationMinutes\": 5}");

        assertThat(requests.status()).as("%s", requests).isEqualTo(404);
        assertThat(breakTheGlass.status()).as("%s", breakTheGlass).isIn(404, 405);
    }

    // ---------------------------------------------------------------- helpers

    /** A confidential client of the workforce realm with {@link #ORIGIN} as its web origin; sam.sales's token at it. */
    private String tokenOfClientWithWebOrigin() {
        RealmResource workforce = server.admin().realm("workforce");
        String clientId = Fixtures.uniqueName("cors-app");
        String uuid = new Fixtures(workforce, cleanup).client(clientId);
        ClientRepresentation client = workforce.clients().get(uuid).toRepresentation();
        client.setWebOrigins(List.of(ORIGIN));
        workforce.clients().get(uuid).update(client);
        return signIn("workforce", clientId, "sam.sales").string("access_token");
    }

    /** A password-grant session, signed out after the test. */
    private Oidc.Response signIn(String realm, String client, String username) {
        Oidc.Response tokens = Portal.expect(oidc.passwordGrant(realm, client, username, Oidc.DEMO_PASSWORD), 200);
        cleanup.add(() -> oidc.logout(realm, client, tokens.string("refresh_token")));
        return tokens;
    }

    private record Reply(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> String.join(", ", entry.getValue())).findFirst().orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        boolean jsonObject() {
            return json() != null && json().isObject();
        }

        /** The body as JSON; null when empty or not JSON. */
        JsonNode json() {
            try {
                return body == null || body.isBlank() ? null : JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    private Reply send(String method, String path, Map<String, String> headers) {
        return send(method, path, headers, null);
    }

    private Reply send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
