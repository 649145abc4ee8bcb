package io.amp.keycloak.common.settings;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.Objects;
import java.util.Optional;

/**
 * One field of the AMP tab (Realm settings > AMP) and the realm attribute it writes. The field's
 * name is what the admin console's form uses (no dots: the console would split the name there);
 * the attribute is what AMP reads. An empty field means the attribute is absent, so the default
 * the help text names applies.
 *
 * @param field     the tab's config key, letters, digits and dashes
 * @param attribute the realm attribute it stands for
 * @param check     why a (trimmed, non-empty) value cannot be saved, or empty when it can
 */
public record AmpSetting(String field, String attribute, String label, String helpText, String type, Check check) {

    /** Why a value is refused, in words the console shows as they are; empty when the value may be saved. */
    @FunctionalInterface
    public interface Check {
        Optional<String> problem(KeycloakSession session, RealmModel realm, String value);
    }

    public AmpSetting {
        Objects.requireNonNull(field);
        Objects.requireNonNull(attribute);
        Objects.requireNonNull(check);
        if (!field.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("An AMP tab field is written in lower-case words joined by dashes: " + field);
        }
    }

    /** A whole number from {@code min} to {@code max}, shown as a number field. */
    public static AmpSetting wholeNumber(String field, String attribute, String label, String helpText, long min, long max) {
        return new AmpSetting(field, attribute, label, helpText, ProviderConfigProperty.INTEGER_TYPE, (session, realm, value) ->
                value.matches("\\d{1,18}") && Long.parseLong(value) >= min && Long.parseLong(value) <= max ? Optional.empty()
                        : Optional.of(label + ": " + quoted(value) + " is not a whole number from " + min + " to " + max));
    }

    /** A line of text, checked by {@code check}. */
    public static AmpSetting text(String field, String attribute, String label, String helpText, Check check) {
        return new AmpSetting(field, attribute, label, helpText, ProviderConfigProperty.STRING_TYPE, check);
    }

    /** What the console shows: no default value, so an empty field reads as "not set" rather than as a value to save. */
    public ProviderConfigProperty property() {
        ProviderConfigProperty property = new ProviderConfigProperty();
        property.setName(field);
        property.setLabel(label);
        property.setHelpText(helpText + " Realm attribute " + attribute + ".");
        property.setType(type);
        return property;
    }

    /**
     * A value inside a refusal: double-quoted and at most 60 characters. Keycloak passes a refusal
     * through {@link java.text.MessageFormat}, so apostrophes and braces are escaped for it.
     */
    public static String quoted(String value) {
        return "\"" + literal(value.length() > 60 ? value.substring(0, 57) + "..." : value) + "\"";
    }

    /** Text inside a refusal that must come out as it is (a realm's name, say): escaped for {@link java.text.MessageFormat}. */
    public static String literal(String text) {
        return text.replace("'", "''").replace("{", "'{'").replace("}", "'}'");
    }
}
