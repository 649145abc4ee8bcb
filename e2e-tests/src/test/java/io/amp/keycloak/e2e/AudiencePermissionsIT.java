package io.amp.keycloak.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-audience claim (amp-audience-permissions-mapper, optional client scope
 * amp-audience-permissions of the demo realms): a front end's token whose audience names AMP
 * clients carries, for each, exactly what a token issued to that client says in permissions;
 * the keys follow the audience, whatever mapper puts it there.
 */
class AudiencePermissionsIT {

    private static final String SCOPE = "openid amp-audience-permissions";

    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);
    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void cleanUp() {
        cleanup.run();
    }

    /** A front end without roles of its own in scope: its audience is what its audience mappers say. */
    private ClientResource frontEnd(RealmResource realm, String clientId, String... audiences) {
        ClientResource client = realm.clients().get(new Fixtures(realm, cleanup).client(clientId));
        ClientRepresentation representation = client.toRepresentation();
        representation.setFullScopeAllowed(false);
        client.update(representation);
        for (String audience : audiences) {
            client.getProtocolMappers().createMapper(audienceMapper(audience)).close();
        }
        return client;
    }

    private static ProtocolMapperRepresentation audienceMapper(String audience) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("audience " + audience);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-audience-mapper");
        mapper.setConfig(Map.of("included.client.audience", audience, "access.token.claim", "true", "introspection.token.claim", "true"));
        return mapper;
    }

    private Map<String, Object> claims(String realm, String client, String username, String scope) {
        Oidc.Response tokens = Portal.expect(oidc.passwordGrant(realm, client, username, Oidc.DEMO_PASSWORD, scope), 200);
        return Oidc.claims(tokens.string("access_token"));
    }

    /** What a token issued to the client itself says. */
    private Object ownPermissions(String realm, String client, String username) {
        return claims(realm, client, username, "openid").get("permissions");
    }

    @Test
    @DisplayName("Given a front end with an audience mapper to ehr, then audience_permissions.ehr equals the permissions of an ehr token, rules applied, and the schema holds")
    void carriesTheApisPermissions() {
        RealmResource realm = server.admin().realm("practice");
        String clientId = Fixtures.uniqueName("front-end");
        frontEnd(realm, clientId, "ehr");
        for (String user : List.of("dr.sun.all", "st.sun.settings", "dr.har.own")) {
            Map<String, Object> claims = claims("practice", clientId, user, SCOPE);
            assertThat(claims.get("aud")).as(user).asList().containsExactlyInAnyOrder("ehr", clientId);
            assertThat(claims.get("permissions")).as("the front end has no catalog").isEqualTo(List.of());
            assertThat(claims.get("audience_permissions")).as(user).isEqualTo(Map.of("ehr", ownPermissions("practice", "ehr", user)));
            assertThat(ClaimsSchema.violations(claims)).as(user).isEmpty();
        }
        // The rules apply: st.sun.settings holds account-settings, which the rules withhold.
        Map<String, Object> settings = claims("practice", clientId, "st.sun.settings", SCOPE);
        assertThat(Portal.map(settings.get("audience_permissions")).get("ehr")).asList().doesNotContain("account-settings").isNotEmpty();
    }

    @Test
    @DisplayName("Given audiences drchrono and drchrono-staging, then each has its own permissions; without the audience, no key; without the scope, no claim")
    void followsTheAudience() {
        RealmResource realm = server.admin().realm("workforce");
        String clientId = Fixtures.uniqueName("front-end");
        ClientResource client = frontEnd(realm, clientId, "drchrono", "drchrono-staging");
        for (String user : List.of("ivan.impl", "dev.dana")) {
            Map<String, Object> audiences = Portal.map(claims("workforce", clientId, user, SCOPE).get("audience_permissions"));
            assertThat(audiences).as(user).containsOnlyKeys("drchrono", "drchrono-staging");
            assertThat(audiences.get("drchrono")).as(user).isEqualTo(ownPermissions("workforce", "drchrono", user));
            assertThat(audiences.get("drchrono-staging")).as(user).isEqualTo(ownPermissions("workforce", "drchrono-staging", user));
        }
        assertThat(Portal.map(claims("workforce", clientId, "ivan.impl", SCOPE).get("audience_permissions")).get("drchrono"))
                .as("ivan.impl holds drchrono roles").asList().isNotEmpty();
        assertThat(Portal.map(claims("workforce", clientId, "dev.dana", SCOPE).get("audience_permissions")).get("drchrono-staging"))
                .as("dev.dana holds drchrono-staging roles").asList().isNotEmpty();

        String staging = client.getProtocolMappers().getMappers().stream()
                .filter(mapper -> mapper.getName().equals("audience drchrono-staging")).findFirst().orElseThrow().getId();
        client.getProtocolMappers().delete(staging);
        assertThat(Portal.map(claims("workforce", clientId, "dev.dana", SCOPE).get("audience_permissions")))
                .as("drchrono-staging no longer in the audience").containsOnlyKeys("drchrono");
        String chrono = client.getProtocolMappers().getMappers().stream()
                .filter(mapper -> mapper.getName().equals("audience drchrono")).findFirst().orElseThrow().getId();
        client.getProtocolMappers().delete(chrono);
        assertThat(claims("workforce", clientId, "dev.dana", SCOPE)).as("no AMP client in the audience")
                .containsEntry("audience_permissions", Map.of());
        assertThat(claims("workforce", clientId, "dev.dana", "openid")).as("scope not asked for").doesNotContainKey("audience_permissions");
    }

    @Test
    @DisplayName("Given a token issued to drchrono with drchrono-staging in its audience, then only drchrono-staging is keyed: the own client's permissions stay in permissions")
    void ownClientIsNotRepeated() {
        RealmResource realm = server.admin().realm("workforce");
        String chrono = realm.clients().findByClientId("drchrono").get(0).getId();
        ProtocolMapperRepresentation mapper = audienceMapper("drchrono-staging");
        mapper.setName(Fixtures.uniqueName("audience"));
        realm.clients().get(chrono).getProtocolMappers().createMapper(mapper).close();
        String mapperId = realm.clients().get(chrono).getProtocolMappers().getMappers().stream()
                .filter(existing -> existing.getName().equals(mapper.getName())).findFirst().orElseThrow().getId();
        cleanup.add(() -> realm.clients().get(chrono).getProtocolMappers().delete(mapperId));
        Map<String, Object> claims = claims("workforce", "drchrono", "ivan.impl", SCOPE);
        assertThat(Portal.map(claims.get("audience_permissions"))).containsOnlyKeys("drchrono-staging");
        assertThat(claims.get("permissions")).asList().isNotEmpty();
    }
}
