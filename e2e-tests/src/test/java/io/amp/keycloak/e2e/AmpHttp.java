package io.amp.keycloak.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP calls with full control of the body bytes and the Content-Type (or none at all), for
 * requests that {@link Oidc#send} cannot make: other media types, bodies that are not JSON, a
 * body without a Content-Type. The reply keeps the raw body and its Content-Type.
 */
final class AmpHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final KeycloakServer server;

    AmpHttp(KeycloakServer server) {
        this.server = server;
    }

    record Reply(int status, String contentType, String body) {
        /** The body parsed as JSON, or null when it is empty or not JSON. */
        JsonNode json() {
            if (body == null || body.isBlank()) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        /** A JSON object body, as every AMP error is. */
        boolean jsonObject() {
            JsonNode json = json();
            return json != null && json.isObject();
        }

        boolean success() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
            return status + " " + (contentType == null ? "(no content type)" : contentType) + " " + shown;
        }
    }

    /** A request; {@code contentType} null sends no Content-Type header, {@code body} null sends none. */
    Reply send(String method, String path, String bearerToken, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply json(String method, String path, String bearerToken, String json) {
        return send(method, path, bearerToken, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }
}
