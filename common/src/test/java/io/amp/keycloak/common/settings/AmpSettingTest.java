package io.amp.keycloak.common.settings;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.common.util.MultivaluedHashMap;

import java.text.MessageFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmpSettingTest {

    private static final AmpSetting THRESHOLD = AmpSetting.wholeNumber("consultant-threshold", "amp.consultant-threshold",
            "Consultant threshold", "Help.", 0, 100);

    @ParameterizedTest
    @ValueSource(strings = {"0", "80", "100", "007"})
    @DisplayName("Given a whole number within its bounds, then the field takes it")
    void wholeNumberWithinBounds(String value) {
        assertThat(THRESHOLD.check().problem(null, null, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"101", "-1", "8.5", "eighty", "1e2", "99999999999999999999"})
    @DisplayName("Given anything else, then the field refuses it, naming itself, the value and the bounds")
    void wholeNumberRefused(String value) {
        assertThat(THRESHOLD.check().problem(null, null, value))
                .hasValue("Consultant threshold: \"" + value + "\" is not a whole number from 0 to 100");
    }

    @Test
    @DisplayName("Given a refusal with apostrophes and braces, then Keycloak's MessageFormat gives back the value as typed; a long value is cut")
    void refusalsSurviveMessageFormat() {
        String refusal = THRESHOLD.check().problem(null, null, "it's {0} 'x'").orElseThrow();
        assertThat(MessageFormat.format(refusal, new Object[0])).isEqualTo("Consultant threshold: \"it's {0} 'x'\" is not a whole number from 0 to 100");
        assertThat(AmpSetting.quoted("x".repeat(100))).isEqualTo("\"" + "x".repeat(57) + "...\"");
        assertThat(MessageFormat.format("realm " + AmpSetting.literal("o'brien {x}"), new Object[0])).isEqualTo("realm o'brien {x}");
    }

    @Test
    @DisplayName("Given the console's property, then it names the realm attribute and has no default value, so an empty field reads as not set")
    void property() {
        var property = THRESHOLD.property();
        assertThat(property.getName()).isEqualTo("consultant-threshold");
        assertThat(property.getType()).isEqualTo("Integer");
        assertThat(property.getHelpText()).isEqualTo("Help. Realm attribute amp.consultant-threshold.");
        assertThat(property.getDefaultValue()).isNull();
    }

    @Test
    @DisplayName("Given a field name with a dot, then it is refused: the console would read it as a nested form field")
    void fieldNamesWithoutDots() {
        assertThatThrownBy(() -> AmpSetting.wholeNumber("amp.threshold", "amp.threshold", "T", "H", 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Given the config the console saves, then the tab keeps its own fields only, first values trimmed, empty ones left out")
    void fieldsOfTheConsolesConfig() {
        AmpSetting groups = AmpSetting.text("consultant-groups", "amp.consultant-groups", "Groups", "Help.", (session, realm, value) -> java.util.Optional.empty());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.put("consultant-threshold", List.of(" 70 ", "90"));
        config.put("consultant-groups", List.of("  "));
        config.putSingle("realm", "portal");
        config.putSingle("tab", "amp");

        MultivaluedHashMap<String, String> fields = SettingsMirror.fields(config, List.of(THRESHOLD, groups));

        assertThat(fields).isEqualTo(Map.of("consultant-threshold", List.of("70")));
    }
}
