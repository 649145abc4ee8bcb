package io.amp.keycloak.consultant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request bodies of the consultant-access API, read strictly: a body that is not a JSON
 * object, an unknown field, a missing or mistyped value is a {@link BadRequest} that says which.
 */
public final class Requests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SITE_KEY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_NAME = 255;

    private Requests() {
    }

    /** A request that cannot be carried out as sent; the message is for the caller. */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message);
        }
    }

    /** Grant a consultant group (by name or path) or one consultant (by exact email). */
    public record NewGrant(String group, String email, boolean enabled) {
    }

    public record NewSite(String key, String name) {
    }

    /** A user of an account: one of the manageable roles, and their departments (ids). */
    public record NewUser(String username, String email, String firstName, String lastName, String role,
                          List<String> departments) {
    }

    /** Changes to a user; a null field is left as it is. */
    public record UserEdit(String email, String firstName, String lastName, String role, List<String> departments) {
    }

    public static NewUser newUser(String body) {
        JsonNode json = object(body, Set.of("username", "email", "firstName", "lastName", "role", "departments"));
        String username = optionalText(json, "username");
        if (username == null || username.length() > MAX_NAME) {
            throw new BadRequest("'username' is required, at most " + MAX_NAME + " characters");
        }
        String email = email(json);
        if (email == null) {
            throw new BadRequest("'email' is required");
        }
        String role = optionalText(json, "role");
        if (role == null) {
            throw new BadRequest("'role' is required: account-admin, department-admin or department-viewer");
        }
        List<String> departments = strings(json, "departments");
        return new NewUser(username.toLowerCase(Locale.ROOT), email, optionalText(json, "firstName"), optionalText(json, "lastName"),
                role, departments == null ? List.of() : departments);
    }

    public static UserEdit userEdit(String body) {
        JsonNode json = object(body, Set.of("email", "firstName", "lastName", "role", "departments"));
        return new UserEdit(email(json), optionalText(json, "firstName"), optionalText(json, "lastName"),
                optionalText(json, "role"), strings(json, "departments"));
    }

    private static String email(JsonNode json) {
        String email = optionalText(json, "email");
        if (email != null && (!email.contains("@") || email.length() > MAX_NAME)) {
            throw new BadRequest("'email' must be an email address");
        }
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }

    private static List<String> strings(JsonNode json, String field) {
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
            strings.add(item.asText());
        }
        return List.copyOf(strings);
    }

    public static NewGrant newGrant(String body) {
        JsonNode json = object(body, Set.of("group", "email", "enabled"));
        String group = optionalText(json, "group");
        String email = optionalText(json, "email");
        if ((group == null) == (email == null)) {
            throw new BadRequest("Give exactly one of 'group' (a consultant group) or 'email' (a consultant's exact email)");
        }
        if (email != null && !email.contains("@")) {
            throw new BadRequest("'email' must be an email address");
        }
        boolean enabled = !json.has("enabled") || bool(json, "enabled");
        return new NewGrant(group, email == null ? null : email.toLowerCase(Locale.ROOT), enabled);
    }

    public static boolean toggle(String body) {
        JsonNode json = object(body, Set.of("enabled"));
        if (!json.has("enabled")) {
            throw new BadRequest("'enabled' is required");
        }
        return bool(json, "enabled");
    }

    public static String name(String body) {
        JsonNode json = object(body, Set.of("name"));
        String name = optionalText(json, "name");
        if (name == null) {
            throw new BadRequest("'name' is required");
        }
        if (name.length() > MAX_NAME) {
            throw new BadRequest("'name' is longer than " + MAX_NAME + " characters");
        }
        return name;
    }

    public static NewSite newSite(String body) {
        JsonNode json = object(body, Set.of("key", "name"));
        String key = optionalText(json, "key");
        if (key == null || key.length() > 100 || !SITE_KEY.matcher(key).matches()) {
            throw new BadRequest("'key' is required: lower-case letters and digits in dash-separated words, at most 100 characters");
        }
        String name = optionalText(json, "name");
        if (name != null && name.length() > MAX_NAME) {
            throw new BadRequest("'name' is longer than " + MAX_NAME + " characters");
        }
        return new NewSite(key, name == null ? key : name);
    }

    private static JsonNode object(String body, Set<String> fields) {
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
        return json;
    }

    private static String optionalText(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BadRequest("'" + field + "' must be a non-empty string");
        }
        return value.asText().trim();
    }

    private static boolean bool(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isBoolean()) {
            throw new BadRequest("'" + field + "' must be true or false");
        }
        return value.asBoolean();
    }
}
