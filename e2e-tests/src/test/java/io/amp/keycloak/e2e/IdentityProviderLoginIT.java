package io.amp.keycloak.e2e;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.amp.keycloak.e2e.Elevations.access;
import static io.amp.keycloak.e2e.Elevations.permissions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The practice login page keeps identity providers working beside the Emergency Access choice: an
 * OpenID Connect provider (the workforce realm of the same server, for the test) shows on the
 * amp login page, and a brokered sign-in completes through the amp browser flow, unelevated, since
 * emergency access is a choice of the password form.
 */
class IdentityProviderLoginIT {

    private static final String ALIAS = "workforce-idp";

    private final KeycloakServer server = KeycloakServer.get();
    private final RealmResource practice = server.admin().realm("practice");
    private final RealmResource workforce = server.admin().realm("workforce");
    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    @Test
    @DisplayName("A workforce user signs in to the EHR through the identity provider on the amp login page, unelevated")
    void brokeredLogin() {
        String endpoint = server.realmUrl("practice") + "/broker/" + ALIAS + "/endpoint";
        ClientRepresentation broker = new ClientRepresentation();
        broker.setClientId("practice-broker");
        broker.setSecret("broker-secret");
        broker.setPublicClient(false);
        broker.setStandardFlowEnabled(true);
        broker.setRedirectUris(List.of(endpoint));
        try (Response created = workforce.clients().create(broker)) {
            String id = CreatedResponseUtil.getCreatedId(created);
            cleanup.add(() -> workforce.clients().get(id).remove());
        }
        String issuer = server.realmUrl("workforce");
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(ALIAS);
        idp.setDisplayName("DrChrono workforce");
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setConfig(Map.ofEntries(Map.entry("clientId", "practice-broker"), Map.entry("clientSecret", "broker-secret"),
                Map.entry("clientAuthMethod", "client_secret_post"), Map.entry("authorizationUrl", issuer + "/protocol/openid-connect/auth"),
                Map.entry("tokenUrl", issuer + "/protocol/openid-connect/token"), Map.entry("issuer", issuer),
                Map.entry("validateSignature", "true"), Map.entry("useJwksUrl", "true"),
                Map.entry("jwksUrl", issuer + "/protocol/openid-connect/certs"), Map.entry("defaultScope", "openid"),
                Map.entry("syncMode", "IMPORT")));
        practice.identityProviders().create(idp).close();
        cleanup.add(() -> practice.identityProviders().get(ALIAS).remove());
        cleanup.add(() -> practice.users().searchByUsername("sam.sales", true)
                .forEach(user -> practice.users().get(user.getId()).remove()));

        Browser browser = new Browser(server);
        Browser.Page login = browser.authorize("practice", "ehr");
        assertThat(login.html().getElementById("amp_emergency_access")).isNotNull();
        String link = login.html().getElementById("social-" + ALIAS).attr("href");
        Browser.Page workforceLogin = browser.get(login.uri().resolve(URI.create(link)));
        assertThat(workforceLogin.uri().getPath()).startsWith("/realms/workforce/");

        Browser.Page back = browser.submit(workforceLogin, "kc-form-login",
                Map.of("username", "sam.sales", "password", Oidc.DEMO_PASSWORD), null, null);
        for (int step = 0; back.code() == null && step < 3; step++) {
            // First broker login: Keycloak may ask to review the imported profile.
            back = browser.submit(back, "kc-idp-review-profile-form", Map.of(), null, null);
        }
        Oidc.Response tokens = new Elevations().tokens(back);
        Map<String, Object> claims = access(tokens);
        assertThat(claims).containsEntry("preferred_username", "sam.sales").doesNotContainKey("elevation");
        assertThat(permissions(claims)).isEmpty();
    }
}
