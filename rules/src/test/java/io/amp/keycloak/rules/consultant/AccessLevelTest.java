package io.amp.keycloak.rules.consultant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLevelTest {

    @ParameterizedTest(name = "levels {0} -> level {1}, consultant {2}")
    @DisplayName("Given the levels of the roles held, then the highest counts and 80+ is a consultant")
    @CsvSource({
            "30,        30, false",
            "10 20,     20, false",
            "79,        79, false",
            "80,        80, true",
            "30 95,     95, true",
    })
    void highestLevelDecides(String levels, int expected, boolean consultant) {
        AccessLevel level = AccessLevel.of(Arrays.asList(levels.split(" ")), AccessLevel.DEFAULT_CONSULTANT_THRESHOLD);

        assertThat(level.level()).hasValue(expected);
        assertThat(level.isConsultant()).isEqualTo(consultant);
    }

    @Test
    @DisplayName("Given no role with a level, then there is no level and no consultant")
    void noLevel() {
        AccessLevel level = AccessLevel.of(Arrays.asList(null, "  "), 80);

        assertThat(level.level()).isEmpty();
        assertThat(level.isConsultant()).isFalse();
    }

    @Test
    @DisplayName("Given a level that is not a whole number, then it raises nobody")
    void malformedLevelIgnored() {
        assertThat(AccessLevel.of(List.of("99x", "ninety", "20"), 80).level()).hasValue(20);
    }

    @Test
    @DisplayName("Given a realm threshold of 90, then a Partner Consultant at 80 is not a consultant")
    void thresholdIsConfigurable() {
        assertThat(AccessLevel.of(List.of("80"), 90).isConsultant()).isFalse();
    }
}
