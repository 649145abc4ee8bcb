package io.amp.keycloak.tokenbenchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keycloak's admin REST API and AMP's admin surface, as the master admin, over plain HTTP and
 * JSON: what seeds the data, switches the arms and drives the admin calls of the scale part.
 * Thread-safe: the scale seeding calls it from several threads. The master access token lives 60
 * seconds, so it is renewed shortly before it ends (and once more on a 401).
 */
final class AdminApi {

    private final URI base;
    private final Http http = new Http();
    private String token;
    private Instant renewAt = Instant.EPOCH;

    AdminApi(URI base) {
        this.base = base;
    }

    /** Any call; {@code path} is relative to the server root, {@code body} (may be null) is sent as JSON. */
    Http.Response send(String method, String path, Object body) throws IOException {
        Http.Response response = sendOnce(method, path, body, token());
        if (response.status() == 401) {
            synchronized (this) {
                renewAt = Instant.EPOCH;
            }
            response = sendOnce(method, path, body, token());
        }
        return response;
    }

    /** A call that must answer one of {@code statuses}; anything else stops the run with the answer. */
    Http.Response expect(String method, String path, Object body, int... statuses) {
        try {
            Http.Response response = send(method, path, body);
            if (Arrays.stream(statuses).noneMatch(status -> status == response.status())) {
                throw new IllegalStateException(method + " " + path + " answered " + response);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
    }

    JsonNode get(String path) {
        return expect("GET", path, null, 200).json();
    }

    /** POSTs and returns the id of what was created: the body's {@code id}, else the last segment of Location. */
    String create(String path, Object body) {
        String id = idOf(expect("POST", path, body, 201));
        if (id == null) {
            throw new IllegalStateException("No id in the answer to POST " + path);
        }
        return id;
    }

    /** The id in a 201 answer: the body's {@code id}, else the last segment of Location; null when it has neither. */
    String idOf(Http.Response response) {
        if (!response.body().isBlank()) {
            JsonNode json = response.json();
            if (json.hasNonNull("id")) {
                return json.get("id").asText();
            }
        }
        return response.header("Location").map(location -> location.substring(location.lastIndexOf('/') + 1)).orElse(null);
    }

    String clientUuid(String realm, String clientId) {
        JsonNode clients = get("admin/realms/" + realm + "/clients?clientId=" + Http.encode(clientId));
        if (clients.isEmpty()) {
            throw new IllegalStateException("No client " + clientId + " in realm " + realm);
        }
        return clients.get(0).get("id").asText();
    }

    /** The realm's client scopes, name to id. */
    Map<String, String> clientScopeIds(String realm) {
        Map<String, String> ids = new LinkedHashMap<>();
        get("admin/realms/" + realm + "/client-scopes").forEach(scope -> ids.put(scope.get("name").asText(), scope.get("id").asText()));
        return ids;
    }

    private Http.Response sendOnce(String method, String path, Object body, String bearer) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + bearer);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : Json.write(body)));
        }
        return http.send(request.build());
    }

    private synchronized String token() throws IOException {
        if (token == null || Instant.now().isAfter(renewAt)) {
            Http.Response response = http.postForm(base.resolve("realms/master/protocol/openid-connect/token"), Map.of(
                    "grant_type", "password",
                    "client_id", "admin-cli",
                    "username", KeycloakEnvironment.ADMIN_USERNAME,
                    "password", KeycloakEnvironment.ADMIN_PASSWORD), Map.of());
            if (response.status() != 200) {
                throw new IllegalStateException("No admin token: " + response);
            }
            JsonNode json = response.json();
            token = json.get("access_token").asText();
            renewAt = Instant.now().plusSeconds(Math.max(5, json.get("expires_in").asLong() - 15));
        }
        return token;
    }
}
