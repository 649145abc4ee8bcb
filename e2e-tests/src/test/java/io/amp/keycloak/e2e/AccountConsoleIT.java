package io.amp.keycloak.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak's Account Console for the demo users. It answered "Something went wrong" because a realm
 * import gives users no default roles, so the demo users held none of the account client's roles;
 * the demo realms now list the default roles for each user, as an export does.
 */
class AccountConsoleIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);

    static List<DemoData.DemoUser> demoUsers() {
        return DemoData.USERS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoUsers")
    @DisplayName("Given a demo user, then their token carries the account client's roles and the Account Console's API answers them")
    void accountApiAnswers(DemoData.DemoUser user) {
        String token = oidc.accessToken(user.realm(), user.client(), user.username());
        Map<String, Object> claims = Oidc.claims(token);
        assertThat(roles(claims, "resource_access", "account")).contains("manage-account", "view-profile");
        assertThat(roles(claims, "realm_access", null)).contains("default-roles-" + user.realm());

        HttpResponse<String> account = accountApi(server, "GET", user.realm(), token, null);
        assertThat(account.statusCode()).as("%s", account.body()).isEqualTo(200);
        assertThat(account.body()).contains("\"username\":\"" + user.username() + "\"");
    }

    @Test
    @DisplayName("In Chromium, dr.sun.all opens the Account Console, signs in and sees his name and personal info")
    void accountConsoleInABrowser() {
        try (Chromium chromium = Chromium.startOrSkip("AccountConsoleIT")) {
            chromium.driver.get(server.realmUrl("practice") + "/account/");
            chromium.signInOnKeycloak("dr.sun.all");

            assertThat(chromium.shown(By.cssSelector("[data-testid='page-header']")).getText()).contains("Sunny All");
            assertThat(chromium.shown(By.id("firstName")).getAttribute("value")).isEqualTo("Sunny");
            assertThat(chromium.driver.findElement(By.id("username")).getAttribute("value")).isEqualTo("dr.sun.all");
            assertThat(chromium.driver.findElement(By.tagName("body")).getText()).doesNotContain("Something went wrong");
            chromium.screenshot("account-console");
        }
    }

    /** A call of the Account Console's REST API ({@code /realms/{realm}/account/}), which answers JSON to a client that accepts it. */
    static HttpResponse<String> accountApi(KeycloakServer server, String method, String realm, String token, String json) {
        HttpRequest request = HttpRequest.newBuilder(server.uri("realms/" + realm + "/account/")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code realm_access.roles}, or {@code resource_access.<client>.roles}; empty when absent. */
    @SuppressWarnings("unchecked")
    private static List<String> roles(Map<String, Object> claims, String claim, String clientId) {
        Map<String, Object> access = (Map<String, Object>) claims.getOrDefault(claim, Map.of());
        if (clientId != null) {
            access = (Map<String, Object>) access.getOrDefault(clientId, Map.of());
        }
        return (List<String>) access.getOrDefault("roles", List.of());
    }
}
