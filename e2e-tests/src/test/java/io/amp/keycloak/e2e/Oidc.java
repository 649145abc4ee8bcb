package io.amp.keycloak.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain OIDC calls against the server under test, the way a relying application makes them. */
public final class Oidc {

    public static final String DEMO_PASSWORD = "demo";
    public static final String DEMO_CLIENT_SECRET = "demo-secret";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final KeycloakServer server;

    public Oidc(KeycloakServer server) {
        this.server = server;
    }

    /** A response; a JSON array body is under "items", a non-JSON body under "text". */
    public record Response(int status, Map<String, Object> body) {
        public String string(String name) {
            return (String) body.get(name);
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) body.get("items");
        }
    }

    /** The resource-owner password grant of a demo user at a demo client (demo realms only). */
    public Response passwordGrant(String realm, String clientId, String username, String password) {
        return passwordGrant(realm, clientId, username, password, "openid");
    }

    /** The password grant asking for the given scope parameter (e.g. "openid amp-audience-permissions"). */
    public Response passwordGrant(String realm, String clientId, String username, String password, String scope) {
        return postForm(server.realmUrl(realm) + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "client_secret", DEMO_CLIENT_SECRET,
                "username", username,
                "password", password,
                "scope", scope));
    }

    /** A token of a master-realm user through admin-cli, e.g. the realm admin. */
    public Response passwordGrantMaster(String username, String password) {
        return postForm(server.realmUrl("master") + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password",
                "client_id", "admin-cli",
                "username", username,
                "password", password));
    }

    /** Exchanges the authorization code a login through {@link Browser} ended with. */
    public Response authorizationCode(String realm, String clientId, String code) {
        return postForm(server.realmUrl(realm) + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code",
                "client_id", clientId,
                "client_secret", DEMO_CLIENT_SECRET,
                "code", code,
                "redirect_uri", Browser.REDIRECT_URI));
    }

    /** The application logs the session out with its refresh token (RP-initiated, back channel). */
    public Response logout(String realm, String clientId, String refreshToken) {
        return postForm(server.realmUrl(realm) + "/protocol/openid-connect/logout", Map.of(
                "client_id", clientId,
                "client_secret", DEMO_CLIENT_SECRET,
                "refresh_token", refreshToken));
    }

    public Response refresh(String realm, String clientId, String refreshToken) {
        return postForm(server.realmUrl(realm) + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token",
                "client_id", clientId,
                "client_secret", DEMO_CLIENT_SECRET,
                "refresh_token", refreshToken));
    }

    public Response userInfo(String realm, String accessToken) {
        return get("realms/" + realm + "/protocol/openid-connect/userinfo", accessToken);
    }

    public Response introspect(String realm, String clientId, String token) {
        return postForm(server.realmUrl(realm) + "/protocol/openid-connect/token/introspect", Map.of(
                "client_id", clientId,
                "client_secret", DEMO_CLIENT_SECRET,
                "token", token));
    }

    public String accessToken(String realm, String clientId, String username) {
        Response response = passwordGrant(realm, clientId, username, DEMO_PASSWORD);
        if (response.status() != 200) {
            throw new AssertionError("No token for " + username + " at " + realm + "/" + clientId + ": " + response);
        }
        return response.string("access_token");
    }

    /** The claims of a signed token, read with Keycloak's own JWS parser (base64url, not base64). */
    public static Map<String, Object> claims(String jwt) {
        try {
            return JSON.readValue(new JWSInput(jwt).getContent(), new TypeReference<>() { });
        } catch (JWSInputException | IOException e) {
            throw new AssertionError("Not a JWS: " + jwt, e);
        }
    }

    public Response get(String path, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request.build());
    }

    /** Any call with an optional JSON body (a string sent as is) and an optional bearer token. */
    public Response send(String method, String path, String bearerToken, String jsonBody) {
        return send(method, path, bearerToken, jsonBody == null ? null : "application/json", jsonBody);
    }

    /** A call whose Content-Type the test chooses: null sends none, whatever the body. */
    public Response send(String method, String path, String bearerToken, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request.build());
    }

    /** A multipart/form-data body with one text field, as a browser form posts it. */
    public Response multipart(String method, String path, String bearerToken, String field, String value) {
        String boundary = "amp-boundary-7d1f";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n--" + boundary
                + "--\r\n";
        return send(method, path, bearerToken, "multipart/form-data; boundary=" + boundary, body);
    }

    /** The realm admin's token (master realm, admin-cli). */
    public String adminToken() {
        return passwordGrantMaster(KeycloakServer.ADMIN_USERNAME, KeycloakServer.ADMIN_PASSWORD).string("access_token");
    }

    public String getText(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body().trim();
            Map<String, Object> body = text.isEmpty() ? Map.of()
                    : text.startsWith("{") ? JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { })
                    : text.startsWith("[") ? Map.of("items", JSON.readValue(text, new TypeReference<List<Object>>() { }))
                    : Map.of("text", text);
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
