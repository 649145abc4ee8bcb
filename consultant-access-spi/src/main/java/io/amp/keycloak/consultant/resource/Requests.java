package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.rest.JsonBody;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request bodies of the consultant-access API, read strictly through {@link JsonBody}: a body
 * that is not a JSON object, an unknown field, a missing or mistyped value is a
 * {@link io.amp.keycloak.rules.Refused} (INVALID) that says which.
 */
public final class Requests {

    private static final Pattern SITE_KEY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_NAME = 255;

    private Requests() {
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

    public static NewGrant newGrant(String body) {
        JsonBody json = JsonBody.parse(body, Set.of("group", "email", "enabled"));
        String group = json.text("group");
        String email = email(json);
        if ((group == null) == (email == null)) {
            throw JsonBody.invalid("Give exactly one of 'group' (a consultant group) or 'email' (a consultant's exact email)");
        }
        if (group != null && group.length() > 1000) {
            throw JsonBody.invalid("'group' is longer than 1000 characters");
        }
        boolean enabled = !json.has("enabled") || json.bool("enabled");
        return new NewGrant(group, email, enabled);
    }

    public static boolean toggle(String body) {
        JsonBody json = JsonBody.parse(body, Set.of("enabled"));
        if (!json.has("enabled")) {
            throw JsonBody.invalid("'enabled' is required");
        }
        return json.bool("enabled");
    }

    public static String name(String body) {
        return JsonBody.parse(body, Set.of("name")).requiredText("name", MAX_NAME);
    }

    /** A consultant by exact email, to add to a consultant group. */
    public static String email(String body) {
        return JsonBody.parse(body, Set.of("email")).requiredText("email", MAX_NAME);
    }

    public static NewSite newSite(String body) {
        JsonBody json = JsonBody.parse(body, Set.of("key", "name"));
        String key = json.text("key");
        if (key == null || key.length() > 100 || !SITE_KEY.matcher(key).matches()) {
            throw JsonBody.invalid("'key' is required: lower-case letters and digits in dash-separated words, at most 100 characters");
        }
        String name = json.text("name");
        if (name != null && name.length() > MAX_NAME) {
            throw JsonBody.invalid("'name' is longer than " + MAX_NAME + " characters");
        }
        return new NewSite(key, name == null ? key : name);
    }

    public static NewUser newUser(String body) {
        JsonBody json = JsonBody.parse(body, Set.of("username", "email", "firstName", "lastName", "role", "departments"));
        String username = json.text("username");
        if (username == null || username.length() > MAX_NAME) {
            throw JsonBody.invalid("'username' is required, at most " + MAX_NAME + " characters");
        }
        String email = email(json);
        if (email == null) {
            throw JsonBody.invalid("'email' is required");
        }
        String role = json.text("role");
        if (role == null || role.length() > MAX_NAME) {
            throw JsonBody.invalid("'role' is required: account-admin, department-admin or department-viewer");
        }
        List<String> departments = json.strings("departments");
        return new NewUser(username.toLowerCase(Locale.ROOT), email, personName(json, "firstName"), personName(json, "lastName"),
                role, departments == null ? List.of() : departments);
    }

    public static UserEdit userEdit(String body) {
        JsonBody json = JsonBody.parse(body, Set.of("email", "firstName", "lastName", "role", "departments"));
        UserEdit edit = new UserEdit(email(json), personName(json, "firstName"), personName(json, "lastName"), json.text("role"),
                json.strings("departments"));
        if (edit.email() == null && edit.firstName() == null && edit.lastName() == null && edit.role() == null && edit.departments() == null) {
            throw JsonBody.invalid("Nothing to change: give one or more of email, firstName, lastName, role, departments");
        }
        return edit;
    }

    private static String personName(JsonBody json, String field) {
        String name = json.text(field);
        if (name != null && name.length() > MAX_NAME) {
            throw JsonBody.invalid("'" + field + "' is longer than " + MAX_NAME + " characters");
        }
        return name;
    }

    private static String email(JsonBody json) {
        String email = json.text("email");
        if (email != null && (!email.contains("@") || email.length() > MAX_NAME)) {
            throw JsonBody.invalid("'email' must be an email address");
        }
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
