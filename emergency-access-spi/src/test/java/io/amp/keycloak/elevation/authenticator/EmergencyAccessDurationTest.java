package io.amp.keycloak.elevation.authenticator;

import io.amp.keycloak.elevation.ElevationContract;
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
        config.setConfig(seconds == null ? Map.of() : Map.of(ElevationContract.DURATION_SECONDS, seconds));
        return config;
    }

    @Test
    void sixtyMinutesWithoutSettings() {
        assertThat(EmergencyAccessConfig.of(null).durationSeconds()).isEqualTo(3600);
        assertThat(EmergencyAccessConfig.of(config(null)).durationSeconds()).isEqualTo(3600);
        assertThat(EmergencyAccessConfig.of(config(" ")).durationSeconds()).isEqualTo(3600);
    }

    @Test
    void theConfiguredSeconds() {
        assertThat(EmergencyAccessConfig.of(config("5")).durationSeconds()).isEqualTo(5);
        assertThat(EmergencyAccessConfig.of(config(" 900 ")).durationSeconds()).isEqualTo(900);
        assertThat(EmergencyAccessConfig.of(config("28800")).durationSeconds()).isEqualTo(28800);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "28801", "1h", "1.5"})
    void anUnusableSettingFallsBackToSixtyMinutes(String value) {
        assertThat(EmergencyAccessConfig.of(config(value)).durationSeconds()).isEqualTo(3600);
    }
}
