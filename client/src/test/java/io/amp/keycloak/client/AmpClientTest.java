package io.amp.keycloak.client;

import com.sun.net.httpserver.HttpServer;
import io.amp.keycloak.client.representation.AccessLevel;
import io.amp.keycloak.client.representation.NewGrant;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's own JSON settings and error reading, against a loopback HTTP server that answers fixed bodies. */
class AmpClientTest {

    private HttpServer server;
    private final AtomicReference<String> sent = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/realms/portal/amp/consultant-access/me", exchange -> answer(exchange, 200,
                "{\"username\": \"carl\", \"accessLevel\": 80, \"consultant\": true, \"addedLater\": 1}"));
        server.createContext("/realms/portal/amp/consultant-access/sites/north/grants", exchange -> {
            sent.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, 403, "{\"errorMessage\": \"You may view this site's grants but not change them\"}");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    @DisplayName("A field the records lack is ignored by the default client and refused by the strict one")
    void strictness() {
        try (AmpClient lenient = AmpClient.create(url(), () -> "t"); AmpClient strict = AmpClient.createStrict(url(), () -> "t")) {
            assertThat(lenient.realm("portal").consultantAccess().me()).isEqualTo(new AccessLevel("carl", 80, true));
            assertThatThrownBy(() -> strict.realm("portal").consultantAccess().me()).isInstanceOf(ProcessingException.class)
                    .hasStackTraceContaining("addedLater");
        }
    }

    @Test
    @DisplayName("Requests leave out null fields and carry the bearer token; a refusal is its JAX-RS exception with the server's words")
    void requestsAndRefusals() {
        try (AmpClient amp = AmpClient.create(url(), () -> "the-token")) {
            ForbiddenException refused = org.junit.jupiter.api.Assertions.assertThrows(ForbiddenException.class,
                    () -> amp.realm("portal").consultantAccess().siteGrants("north").grant(NewGrant.toConsultant("bea@example.com")));

            assertThat(sent.get()).isEqualTo("{\"email\":\"bea@example.com\"}");
            assertThat(authorization.get()).isEqualTo("Bearer the-token");
            assertThat(AmpClient.status(refused)).isEqualTo(403);
            assertThat(AmpClient.error(refused).text()).isEqualTo("You may view this site's grants but not change them");
        }
    }
}
