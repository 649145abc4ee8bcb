package io.amp.keycloak.elevation.authenticator;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmergencyAccessDurationTest {

    private static EmergencyAccessConfig step(String seconds) {
        return EmergencyAccessConfig.of(seconds, "amp-emergency-access", null);
    }

    @Test
    @DisplayName("Given neither the step nor the realm sets a duration, then it is 60 minutes")
    void sixtyMinutesWithoutSettings() {
        assertThat(step(null)).isEqualTo(new EmergencyAccessConfig(3600, null));
        assertThat(step(" ").durationSeconds()).isEqualTo(3600);
        assertThat(EmergencyAccessConfig.of(null, null, " ").durationSeconds()).isEqualTo(3600);
    }

    @Test
    @DisplayName("Given the step sets a duration, then it is used, trimmed")
    void theConfiguredSeconds() {
        assertThat(step("5").durationSeconds()).isEqualTo(5);
        assertThat(step(" 900 ").durationSeconds()).isEqualTo(900);
        assertThat(step("28800").durationSeconds()).isEqualTo(28800);
        assertThat(step("28800").usable()).isTrue();
    }

    @Test
    @DisplayName("Given the realm sets a duration, then a step without its own uses it, and a step with its own keeps that")
    void theRealmsDurationWhereTheStepSetsNone() {
        assertThat(EmergencyAccessConfig.of(null, "step", "120").durationSeconds()).isEqualTo(120);
        assertThat(EmergencyAccessConfig.of("", "step", "120").durationSeconds()).isEqualTo(120);
        assertThat(EmergencyAccessConfig.of("30", "step", "120").durationSeconds()).isEqualTo(30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "28801", "1h", "1.5", "99999999999"})
    @DisplayName("Given an unusable step duration, then no default replaces it: the config says what is wrong and where")
    void anUnusableStepDurationIsRefused(String value) {
        EmergencyAccessConfig config = step(value);
        assertThat(config.usable()).isFalse();
        assertThat(config.problem()).contains("duration.seconds", "'amp-emergency-access'", "'" + value + "'", "from 1 to 28800");
    }

    @Test
    @DisplayName("Given an unusable realm duration and no step duration, then it is refused too, naming the realm attribute")
    void anUnusableRealmDurationIsRefused() {
        EmergencyAccessConfig config = EmergencyAccessConfig.of(null, "step", "ten minutes");
        assertThat(config.usable()).isFalse();
        assertThat(config.problem()).contains("amp.elevation.emergency-seconds", "'ten minutes'");
        assertThat(EmergencyAccessConfig.of("60", "step", "ten minutes").usable()).as("the step's own duration wins").isTrue();
    }
}
