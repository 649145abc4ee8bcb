package io.amp.keycloak.common.rest;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.amp.keycloak.rules.Refused;
import io.amp.keycloak.rules.Refused.Problem;
import io.amp.keycloak.rules.Text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A request body of the AMP admin APIs, read strictly: a body that is not a JSON object, an
 * unknown field, a missing or mistyped value is a {@link Refused} (INVALID) that says which, answered
 * 400 by {@link Errors#decide}. Shared by
 * every AMP resource so that bad input reads the same everywhere.
 */
public final class JsonBody {

    /** The largest body any AMP call needs is a few KB; anything past this is refused unread. */
    public static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final int MAX_ITEMS = 100;

    private final JsonNode json;

    private JsonBody(JsonNode json) {
        this.json = json;
    }

    /** Bad input, said for the caller: a {@link Refused} of kind INVALID, answered 400 by {@link Errors#decide}. */
    public static Refused invalid(String message) {
        return new Refused(Problem.INVALID, message);
    }

    public static JsonBody parse(String body, Set<String> fields) {
        if (body != null && body.length() > MAX_BODY) {
            throw new Refused(Problem.TOO_LARGE, "The body is larger than " + MAX_BODY + " characters");
        }
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw invalid("The body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw invalid("The body must be a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw invalid("Unknown field '" + name + "'");
            }
        }
        return new JsonBody(json);
    }

    public boolean has(String field) {
        return json.has(field) && !json.get(field).isNull();
    }

    /**
     * A name, key, username or address, trimmed; null when absent. One line of visible text: no
     * control characters, no invisible formatting (zero-width, direction overrides), not blank.
     */
    public String text(String field) {
        String value = string(field);
        if (value != null && !Text.isPlainLine(value)) {
            throw invalid("'" + field + "' must be one line of visible text, without control or formatting characters");
        }
        return value;
    }

    /**
     * Free text (a justification, a reason, a comment), trimmed; null when absent. It may run over
     * several lines, but holds no other control characters and no direction overrides, and has
     * something visible in it.
     */
    public String freeText(String field, int maxLength) {
        String value = string(field);
        if (value != null && !Text.isFreeText(value)) {
            throw invalid("'" + field + "' must be visible text, without control or direction-override characters");
        }
        if (value != null && value.length() > maxLength) {
            throw invalid("'" + field + "' is longer than " + maxLength + " characters");
        }
        return value;
    }

    private String string(String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || Text.isBlank(value.asText())) {
            throw invalid("'" + field + "' must be a non-empty string");
        }
        return value.asText().strip();
    }

    public String requiredFreeText(String field, int maxLength) {
        String value = freeText(field, maxLength);
        if (value == null) {
            throw invalid("'" + field + "' is required");
        }
        return value;
    }

    public String requiredText(String field, int maxLength) {
        String value = text(field);
        if (value == null) {
            throw invalid("'" + field + "' is required");
        }
        if (value.length() > maxLength) {
            throw invalid("'" + field + "' is longer than " + maxLength + " characters");
        }
        return value;
    }

    public boolean bool(String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isBoolean()) {
            throw invalid("'" + field + "' must be true or false");
        }
        return value.asBoolean();
    }

    /** A whole number; null when absent. */
    public Long number(String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw invalid("'" + field + "' must be a whole number");
        }
        return value.asLong();
    }

    /** An array of non-blank strings; null when absent. */
    public List<String> strings(String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid("'" + field + "' must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        if (value.size() > MAX_ITEMS) {
            throw invalid("'" + field + "' has more than " + MAX_ITEMS + " items");
        }
        for (JsonNode item : value) {
            if (!item.isTextual() || !Text.isPlainLine(item.asText()) || item.asText().length() > 255) {
                throw invalid("'" + field + "' must be an array of names: visible text, at most 255 characters each");
            }
            strings.add(item.asText().strip());
        }
        return List.copyOf(strings);
    }
}
