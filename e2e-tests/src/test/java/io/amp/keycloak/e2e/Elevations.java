package io.amp.keycloak.e2e;

import io.amp.keycloak.client.representation.Elevation;
import io.amp.keycloak.client.resource.ElevationsAdminResource;
import io.amp.keycloak.client.resource.ElevationsResource;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in to the practice realm's EHR through the login form, and the elevation API and events. */
final class Elevations {

    static final String REALM = "practice";
    static final String CLIENT = "ehr";
    /** Asking for and reviewing elevations: the user surface, with a token of the practice realm. */
    static final String API = "realms/practice/amp/elevations/";
    /** Running elevations and their revocation: the admin surface, for realm administrators. */
    static final String ADMIN_API = "admin/realms/practice/amp-elevation/";
    static final List<String> ELEVATED = List.of("access-clinical-notes", "access-scheduling", "create-and-update-patients");

    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);

    Oidc oidc() {
        return oidc;
    }

    /** The fields of the login form (kc-form-login) for a demo user; with a reason, Emergency Access is ticked. */
    static Map<String, String> loginForm(String username, String reason) {
        return reason == null
                ? Map.of("username", username, "password", Oidc.DEMO_PASSWORD)
                : Map.of("username", username, "password", Oidc.DEMO_PASSWORD, "amp_emergency_access", "on",
                "amp_emergency_reason", reason);
    }

    /** The login page, filled in and posted; with a reason, Emergency Access is ticked. */
    Browser.Page signIn(Browser browser, String username, String reason) {
        Browser.Page login = browser.authorize(REALM, CLIENT);
        assertThat(login.html().getElementById("amp_emergency_access")).as("the login page offers emergency access").isNotNull();
        return browser.submit(login, "kc-form-login", loginForm(username, reason), null, null);
    }

    /** A sign-in through the form that must end at the application; its token response. */
    Oidc.Response signInToTokens(String username, String reason) {
        return tokens(signIn(new Browser(server), username, reason));
    }

    Oidc.Response tokens(Browser.Page end) {
        assertThat(end.code()).as("the login ends at the application, not on:%n%s", end.text()).isNotNull();
        Oidc.Response tokens = oidc.authorizationCode(REALM, CLIENT, end.code());
        assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
        return tokens;
    }

    static Map<String, Object> access(Oidc.Response tokens) {
        return Oidc.claims(tokens.string("access_token"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> elevation(Map<String, Object> claims) {
        return (Map<String, Object>) claims.get("elevation");
    }

    @SuppressWarnings("unchecked")
    static List<String> permissions(Map<String, Object> claims) {
        return (List<String>) claims.get("permissions");
    }

    /** The user surface through the typed client, called with {@code accessToken} (null: none). */
    static ElevationsResource api(String accessToken) {
        return AmpApi.as(accessToken).realm(REALM).elevations();
    }

    /** The admin surface (elevations/active, elevations/{id}/revoke) through the typed client, called with {@code accessToken}. */
    static ElevationsAdminResource adminApi(String accessToken) {
        return AmpApi.as(accessToken).admin(REALM).elevations();
    }

    /** The admin surface through the typed client, as the master administrator. */
    static ElevationsAdminResource adminApi() {
        return AmpApi.admin().admin(REALM).elevations();
    }

    /**
     * A hand-written call of the user surface ({@link #API}), for what the typed client cannot send
     * on purpose: malformed bodies, paths it has no method for.
     */
    Oidc.Response httpApi(String method, String path, String token, String body) {
        return oidc.send(method, API + path, token, body);
    }

    /** A hand-written call of the admin surface ({@link #ADMIN_API}), for the same reasons as {@link #httpApi}. */
    Oidc.Response httpAdminApi(String method, String path, String token, String body) {
        return oidc.send(method, ADMIN_API + path, token, body);
    }

    /** The caller's own elevation records, newest first. */
    static List<Elevation> mine(String accessToken) {
        return api(accessToken).mine();
    }

    /** The admin events of one elevation record, oldest first. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events(String elevationId) {
        // Not filtered by resourceTypes: Keycloak 26.7 answers 500 to a resource type outside its own enum.
        Oidc.Response events = oidc.get("admin/realms/practice/admin-events?resourcePath=elevations/" + elevationId + "&max=100",
                oidc.adminToken());
        assertThat(events.status()).isEqualTo(200);
        return events.items().stream().filter(event -> "AMP_ELEVATION".equals(event.get("resourceType"))).sorted((a, b) -> Long.compare(((Number) a.get("time")).longValue(),
                ((Number) b.get("time")).longValue())).toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> actions(List<Map<String, Object>> events) {
        return events.stream().map(event -> ((Map<String, String>) event.get("details")).get("action")).toList();
    }

    /** Waits up to 15 s for an event of the record with {@code action}; the sweep runs every 2 s here. Returns the events. */
    List<Map<String, Object>> awaitAction(String elevationId, String action) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            List<Map<String, Object>> events = events(elevationId);
            if (actions(events).contains(action)) {
                return events;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No '" + action + "' event for elevation " + elevationId + " in 15 s: " + actions(events));
            }
            Thread.sleep(250);
        }
    }

    /** A record as reviewers see it (rita.review holds Break the Glass Review), in the list {@code list} answers; null when absent. */
    Elevation asReviewed(Function<ElevationsResource, List<Elevation>> list, String elevationId) {
        return findIn(list.apply(api(oidc.accessToken(REALM, CLIENT, "rita.review"))), elevationId);
    }

    static Elevation findIn(List<Elevation> records, String id) {
        return records.stream().filter(record -> id.equals(record.id())).findFirst().orElse(null);
    }
}
