package io.amp.keycloak.permissions.protocol.mappers.oidc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.ProtocolMapperConfigException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmpClaimMapperConfigTest {

    private static ProtocolMapperModel model(Map<String, String> config) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setConfig(config);
        return model;
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"permissions", "access_scope", "amp.permissions", "a\\.b", "with\\.dot\\."})
    @DisplayName("Given a claim name Keycloak can write, then the settings are accepted")
    void acceptsClaimNames(String claimName) {
        assertThatCode(() -> new PermissionsProtocolMapper().validateConfig(null, null, null,
                model(Map.of("claim.name", claimName, "access.token.claim", "true")))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "  ", ".permissions", "amp..scope", "amp."})
    @DisplayName("Given an empty claim name or an empty path segment, then the settings are refused")
    void refusesClaimNames(String claimName) {
        assertThatThrownBy(() -> new AccessScopeProtocolMapper().validateConfig(null, null, null,
                model(Map.of("claim.name", claimName)))).isInstanceOf(ProtocolMapperConfigException.class);
    }

    @Test
    @DisplayName("Given no settings at all, then the claim name is reported missing")
    void refusesMissingConfig() {
        assertThatThrownBy(() -> new PermissionsProtocolMapper().validateConfig(null, null, null, model(null)))
                .isInstanceOf(ProtocolMapperConfigException.class).hasMessageContaining("claim name is required");
    }

    @Test
    @DisplayName("Given a token switch that is not true or false, then the settings are refused, naming it")
    void refusesBadSwitch() {
        assertThatThrownBy(() -> new PermissionsProtocolMapper().validateConfig(null, null, null,
                model(Map.of("claim.name", "permissions", "introspection.token.claim", "yes"))))
                .isInstanceOf(ProtocolMapperConfigException.class).hasMessageContaining("introspection.token.claim");
    }
}
