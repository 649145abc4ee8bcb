package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.rest.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.theme.Theme;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Users of an account are created and edited through Keycloak's user profile, in the context of
 * the admin API: the realm's user profile decides what a valid username, email and name are, as
 * it does for the console. Its refusals become a 400 (409 for a username or email taken) with
 * Keycloak's own messages.
 */
final class UserProfiles {

    private static final List<String> TAKEN = List.of("usernameExistsMessage", "emailExistsMessage", "error-username-exists",
            "error-email-exists");

    private UserProfiles() {
    }

    static UserModel create(KeycloakSession session, Map<String, List<String>> attributes) {
        try {
            UserProfile profile = session.getProvider(UserProfileProvider.class).create(UserProfileContext.USER_API, attributes);
            profile.validate();
            return profile.create();
        } catch (ValidationException e) {
            throw refusal(session, e);
        }
    }

    /** Changes the given fields (null: as they are); a changed email is no longer verified. */
    static void update(KeycloakSession session, UserModel user, String email, String firstName, String lastName) {
        Map<String, List<String>> attributes = new HashMap<>(user.getAttributes());
        boolean emailChanged = email != null && !email.equalsIgnoreCase(user.getEmail());
        if (email != null) {
            attributes.put(UserModel.EMAIL, List.of(email));
        }
        if (firstName != null) {
            attributes.put(UserModel.FIRST_NAME, List.of(firstName));
        }
        if (lastName != null) {
            attributes.put(UserModel.LAST_NAME, List.of(lastName));
        }
        try {
            session.getProvider(UserProfileProvider.class).create(UserProfileContext.USER_API, attributes, user).update(false);
        } catch (ValidationException e) {
            throw refusal(session, e);
        }
        if (emailChanged) {
            user.setEmailVerified(false);
        }
    }

    private static ErrorResponseException refusal(KeycloakSession session, ValidationException e) {
        Properties messages = messages(session);
        String message = e.getErrors().stream()
                .map(error -> error.getFormattedMessage((key, parameters) -> format(messages, key, parameters)))
                .distinct().collect(Collectors.joining("; "));
        boolean taken = e.getErrors().stream().anyMatch(error -> TAKEN.contains(error.getMessage()));
        return taken ? Errors.conflict(message) : Errors.badRequest(message);
    }

    private static String format(Properties messages, String key, Object[] parameters) {
        String pattern = messages.getProperty(key);
        if (pattern == null) {
            return key;
        }
        try {
            return MessageFormat.format(pattern.replace("'", "''"), parameters);
        } catch (IllegalArgumentException e) {
            return pattern;
        }
    }

    /** Keycloak's own English messages for user-profile errors, from the realm's login theme. */
    private static Properties messages(KeycloakSession session) {
        try {
            return session.theme().getTheme(Theme.Type.LOGIN).getMessages(Locale.ENGLISH);
        } catch (IOException e) {
            return new Properties();
        }
    }
}
