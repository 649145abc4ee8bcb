package io.amp.keycloak.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A request body of the AMP admin APIs, read strictly: a body that is not a JSON object, an
 * unknown field, a missing or mistyped value is a {@link BadRequest} that says which. Shared by
 * every AMP resource so that bad input reads the same everywhere.
 */
public final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode json;

    private JsonBody(JsonNode json) {
        this.json = json;
    }

    /** A request that cannot be carried out as sent; the message is for the caller. */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message);
        }
    }

    public static JsonBody parse(String body, Set<String> fields) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new BadRequest("The body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new BadRequest("The body must be a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new BadRequest("Unknown field '" + name + "'");
            }
        }
        return new JsonBody(json);
    }

    public boolean has(String field) {
        return json.has(field) && !json.get(field).isNull();
    }

    /** A non-blank string, trimmed; null when absent. */
    public String text(String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BadRequest("'" + field + "' must be a non-empty string");
        }
        return value.asText().trim();
    }

    public String requiredText(String field, int maxLength) {
        String value = text(field);
        if (value == null) {
            throw new BadRequest("'" + field + "' is required");
        }
        if (value.length() > maxLength) {
            throw new BadRequest("'" + field + "' is longer than " + maxLength + " characters");
        }
        return value;
    }

    public boolean bool(String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isBoolean()) {
            throw new BadRequest("'" + field + "' must be true or false");
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
            throw new BadRequest("'" + field + "' must be a whole number");
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
            throw new BadRequest("'" + field + "' must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new BadRequest("'" + field + "' must be an array of strings");
            }
            strings.add(item.asText().trim());
        }
        return List.copyOf(strings);
    }
}
