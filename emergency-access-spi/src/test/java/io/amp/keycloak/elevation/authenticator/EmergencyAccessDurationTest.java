package io.amp.keycloak.elevation.authenticator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmergencyAccessDurationTest {

    private static AuthenticatorConfigModel config(String seconds) {
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setAlias("amp-emergency-access");
        config.setConfig(seconds == null ? Map.of() : Map.of(EmergencyAccessAuthenticator.DURATION_SECONDS, seconds));
        return config;
    }

    @Test
    void sixtyMinutesWithoutSettings() {
        assertThat(EmergencyAccessAuthenticator.durationSeconds(null)).isEqualTo(3600);
        assertThat(EmergencyAccessAuthenticator.durationSeconds(config(null))).isEqualTo(3600);
        assertThat(EmergencyAccessAuthenticator.durationSeconds(config(" "))).isEqualTo(3600);
    }

    @Test
    void theConfiguredSeconds() {
        assertThat(EmergencyAccessAuthenticator.durationSeconds(config("5"))).isEqualTo(5);
        assertThat(EmergencyAccessAuthenticator.durationSeconds(config(" 900 "))).isEqualTo(900);
        assertThat(EmergencyAccessAuthenticator.durationSeconds(config("28800"))).isEqualTo(28800);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "28801", "1h", "1.5"})
    void anUnusableSettingFallsBackToSixtyMinutes(String value) {
        assertThat(EmergencyAccessAuthenticator.durationSeconds(config(value))).isEqualTo(3600);
    }
}
