package io.amp.keycloak.realmconfig;

import java.util.Locale;

/**
 * The claim contract's key for a catalog name: lower-case kebab form, so that "Sword Tools" is
 * {@code sword-tools} and "ePS Enrollment (Edit)" is {@code eps-enrollment-edit}. Spellings that
 * differ only in case or punctuation ("BizDev" and "Bizdev") share one key.
 */
public final class PermissionKey {

    private PermissionKey() {
    }

    public static String of(String name) {
        String key = name.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("No key can be made from the name '" + name + "'");
        }
        return key;
    }
}
