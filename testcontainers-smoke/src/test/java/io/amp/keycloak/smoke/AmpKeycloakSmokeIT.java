package io.amp.keycloak.smoke;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AMP in the official Keycloak image, started by testcontainers-keycloak ({@link AmpKeycloak}):
 * a sign-in, the {@code permissions} and {@code sites} claims, and one call of the admin surface,
 * each against what the demo seeds define (the same values as ClaimsIT, SitesClaimIT and
 * PermissionRulesIT of e2e-tests). Skipped with a NOTICE where no Docker engine answers.
 */
@ExtendWith(DockerAvailable.class)
@Testcontainers
class AmpKeycloakSmokeIT {

    @Container
    static final KeycloakContainer KEYCLOAK = AmpKeycloak.container();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    @DisplayName("Given a practice demo user, then the password grant at ehr signs them in with tokens of the realm")
    void signIn() {
        Map<String, Object> tokens = passwordGrant("practice", "ehr", "dr.sun.all");

        assertThat(tokens).containsEntry("token_type", "Bearer").containsKeys("access_token", "id_token", "refresh_token");
        assertThat(claims(tokens.get("access_token")))
                .containsEntry("iss", KEYCLOAK.getAuthServerUrl() + "/realms/practice")
                .containsEntry("azp", "ehr")
                .containsEntry("preferred_username", "dr.sun.all");
    }

    @Test
    @DisplayName("Given dr.sun.all, then the permissions claim holds exactly the two message-center permissions of seed 001")
    void permissionsClaim() {
        Map<String, Object> access = claims(passwordGrant("practice", "ehr", "dr.sun.all").get("access_token"));

        assertThat(access).containsEntry("permissions",
                List.of("access-all-messages-for-practice-group", "access-to-message-center"));
    }

    @Test
    @DisplayName("Given carl.consultant of Partner Analysts, then the sites claim holds the one site the group is granted")
    void sitesClaim() {
        Map<String, Object> access = claims(passwordGrant("portal", "portal", "carl.consultant").get("access_token"));

        assertThat(access).containsEntry("sites", List.of("acme-cardio-north"));
    }

    @Test
    @DisplayName("Given the master admin, then the admin surface validates the demo ehr catalog: 200, 52 permissions, no problem")
    void adminSurface() throws IOException, InterruptedException {
        HttpResponse<String> response;
        // A master token of the container's bootstrap admin, through admin-cli: Keycloak's admin client
        // has no call for AMP's resources, so the call itself is plain HTTP.
        try (Keycloak admin = KEYCLOAK.getKeycloakAdminClient()) {
            response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(KEYCLOAK.getAuthServerUrl() + "/admin/realms/practice/amp-permissions/clients/ehr/catalog/validation"))
                    .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body())).containsEntry("clientId", "ehr").containsEntry("permissions", 52)
                .containsEntry("valid", true).containsEntry("problems", List.of());
    }

    /** The resource-owner password grant of a demo user at a demo client (demo realms only). */
    private static Map<String, Object> passwordGrant(String realm, String clientId, String username) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("client_secret", AmpKeycloak.DEMO_CLIENT_SECRET);
        form.put("username", username);
        form.put("password", AmpKeycloak.DEMO_PASSWORD);
        form.put("scope", "openid");
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(KEYCLOAK.getAuthServerUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("password grant of %s at %s/%s: %s", username, realm, clientId, response.body())
                    .isEqualTo(200);
            return json(response.body());
        } catch (IOException e) {
            throw new AssertionError("No answer from the token endpoint of " + realm, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** The claims of a signed token: its middle part, base64url-decoded JSON. */
    private static Map<String, Object> claims(Object jwt) {
        String[] parts = String.valueOf(jwt).split("\\.");
        assertThat(parts).as("a signed JWT").hasSize(3);
        return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static Map<String, Object> json(String text) {
        try {
            return JSON.readValue(text, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new AssertionError("Not a JSON object: " + text, e);
        }
    }
}
