package io.amp.example.relying;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An API that relies on AMP, small enough to copy: every request carries a bearer token of the
 * realm; the API verifies it ({@link AmpTokenVerifier}) and decides from AMP's claims only.
 * <ul>
 *   <li>{@code GET /permissions}: this API's permissions for the caller, as they count now.</li>
 *   <li>{@code GET /messages}: needs the permission {@code access-to-message-center}; answers the
 *       message visibility that {@code access_scope} gives.</li>
 *   <li>{@code GET /sites/{key}}: needs the site in {@code sites} (or in the overflow endpoint).</li>
 * </ul>
 * 401 for a missing or invalid token (with {@code WWW-Authenticate}), 403 for a missing
 * permission or site, JSON bodies throughout.
 */
public final class RelyingApp implements AutoCloseable {

    static final String MESSAGE_CENTER = "access-to-message-center";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AmpTokenVerifier verifier;
    private final SiteAccess sites;
    private final HttpServer server;

    private RelyingApp(AmpTokenVerifier verifier, SiteAccess sites, HttpServer server) {
        this.verifier = verifier;
        this.sites = sites;
        this.server = server;
    }

    /**
     * Starts the API on a port of the loopback interface (0: any free one).
     *
     * @param keycloak the Keycloak base URL, e.g. {@code http://localhost:8080/}
     * @param realm    the realm whose tokens it accepts
     * @param clientId its own client id in that realm
     */
    public static RelyingApp start(URI keycloak, String realm, String clientId, int port) throws IOException, InterruptedException {
        AmpTokenVerifier verifier = new AmpTokenVerifier(keycloak.resolve("realms/" + realm), clientId);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        RelyingApp app = new RelyingApp(verifier, new SiteAccess(keycloak), server);
        server.createContext("/", app::handle);
        server.start();
        return app;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                unauthorized(exchange, "invalid_request", "A bearer token is required");
                return;
            }
            AmpToken token;
            try {
                token = verifier.verify(header.substring(7).trim());
            } catch (AmpTokenVerifier.InvalidToken e) {
                unauthorized(exchange, "invalid_token", "The token is not valid here");
                return;
            }
            route(exchange, token);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange exchange, AmpToken token) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getPath();
        Set<String> permissions = token.permissionsAt(System.currentTimeMillis() / 1000);
        if (!exchange.getRequestMethod().equals("GET")) {
            send(exchange, 405, Map.of("error", "method_not_allowed"));
        } else if (path.equals("/permissions")) {
            send(exchange, 200, Map.of("user", token.username(), "permissions", permissions));
        } else if (path.equals("/messages")) {
            if (!permissions.contains(MESSAGE_CENTER)) {
                send(exchange, 403, Map.of("error", "forbidden", "missing", MESSAGE_CENTER));
                return;
            }
            Object messages = token.accessScope().get("messages");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user", token.username());
            body.put("visibility", messages instanceof Map<?, ?> scope ? scope.get("visibility") : null);
            send(exchange, 200, body);
        } else if (path.startsWith("/sites/") && path.length() > "/sites/".length()) {
            String site = path.substring("/sites/".length());
            if (!sites.allows(token, site)) {
                send(exchange, 403, Map.of("error", "forbidden", "site", site));
                return;
            }
            send(exchange, 200, Map.of("user", token.username(), "site", site));
        } else {
            send(exchange, 404, Map.of("error", "not_found"));
        }
    }

    private static void unauthorized(HttpExchange exchange, String error, String description) throws IOException {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"" + error + "\"");
        send(exchange, 401, Map.of("error", error, "error_description", description));
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
