package io.amp.keycloak.common.rest;

import io.amp.keycloak.rules.Refused;
import io.amp.keycloak.rules.Refused.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A body is exactly one JSON object, and its text is text a person can see. */
class JsonBodyTest {

    private static final Set<String> FIELDS = Set.of("name", "comment", "names");

    @ParameterizedTest(name = "[{index}] {0}")
    @DisplayName("Given anything but exactly one JSON object, then the body is refused")
    @ValueSource(strings = {"{\"name\": \"a\"} trailing", "{\"name\": \"a\"}{}", "{\"name\": \"a\", \"name\": \"b\"}", "[]", "\"x\"",
            "42", "null", "{\"name\": \"a\"", "{name: \"a\"}", ""})
    void notOneObject(String body) {
        assertThatThrownBy(() -> JsonBody.parse(body, FIELDS)).isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.problem()).isEqualTo(Problem.INVALID));
    }

    @Test
    @DisplayName("Given a body over 64 KiB, then it is refused as too large, unread")
    void tooLarge() {
        String body = "{\"comment\": \"" + "x".repeat(JsonBody.MAX_BODY) + "\"}";

        assertThatThrownBy(() -> JsonBody.parse(body, FIELDS)).isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.problem()).isEqualTo(Problem.TOO_LARGE));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("Given a name with control, zero-width or direction characters, or only invisible ones, then it is refused")
    @ValueSource(strings = {"a\\u0000b", "a\\r\\nb", "a\\u202Eb", "a\\u200Bb", "\\u200B", " \\t ", "\\u2028", "a\\u2028b", "\\u3164"})
    void namesAreVisibleText(String escaped) {
        JsonBody json = JsonBody.parse("{\"name\": \"" + escaped + "\"}", FIELDS);

        assertThatThrownBy(() -> json.text("name")).isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.problem()).isEqualTo(Problem.INVALID));
    }

    @Test
    @DisplayName("Given free text over lines, then it is kept; with a direction override, a NUL or nothing visible, then it is refused")
    void freeText() {
        assertThat(JsonBody.parse("{\"comment\": \"  line one\\nline two\\tend  \"}", FIELDS).freeText("comment", 100))
                .isEqualTo("line one\nline two\tend");
        assertThat(JsonBody.parse("{\"comment\": \"Überweisung für Dr. Ñúñez 診療\"}", FIELDS).freeText("comment", 100))
                .isEqualTo("Überweisung für Dr. Ñúñez 診療");
        for (String escaped : new String[]{"\\u200B", "\\u200B\\u200C \\n", "a\\u202Eb", "a\\u0000b", "a\\u0007b"}) {
            JsonBody json = JsonBody.parse("{\"comment\": \"" + escaped + "\"}", FIELDS);
            assertThatThrownBy(() -> json.freeText("comment", 100)).as(escaped).isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.problem()).isEqualTo(Problem.INVALID));
        }
        JsonBody longer = JsonBody.parse("{\"comment\": \"" + "x".repeat(101) + "\"}", FIELDS);
        assertThatThrownBy(() -> longer.freeText("comment", 100)).hasMessageContaining("longer than 100");
    }

    @Test
    @DisplayName("Given a list of names, then each is visible text of at most 255 characters, and there are at most 100")
    void names() {
        assertThat(JsonBody.parse("{\"names\": [\" a \", \"b\"]}", FIELDS).strings("names")).containsExactly("a", "b");
        for (String list : new String[]{"[\"a\\u200B\"]", "[\"" + "x".repeat(256) + "\"]", "[1]", "[\"\"]",
                "[" + String.join(",", java.util.Collections.nCopies(101, "\"a\"")) + "]"}) {
            JsonBody json = JsonBody.parse("{\"names\": " + list + "}", FIELDS);
            assertThatThrownBy(() -> json.strings("names")).isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.problem()).isEqualTo(Problem.INVALID));
        }
    }
}
