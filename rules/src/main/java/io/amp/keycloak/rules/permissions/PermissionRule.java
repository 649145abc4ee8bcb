package io.amp.keycloak.rules.permissions;

import java.util.Set;

/**
 * The rules one catalog permission carries in its role attributes.
 *
 * @param requires    every one of these must be effective too ({@code requires})
 * @param requiresAny at least one of these must be effective, when not empty ({@code requires-any})
 * @param implies     holding this permission grants these too ({@code implies})
 * @param inverted    holding it turns a feature off rather than on ({@code inverted}); it resolves like
 *                    any other permission, and relying applications read its presence as "disabled"
 */
public record PermissionRule(String key, Set<String> requires, Set<String> requiresAny, Set<String> implies,
                             boolean inverted) {

    public static final String REQUIRES = "requires";
    public static final String REQUIRES_ANY = "requires-any";
    public static final String IMPLIES = "implies";
    public static final String INVERTED = "inverted";

    public PermissionRule {
        requires = Set.copyOf(requires);
        requiresAny = Set.copyOf(requiresAny);
        implies = Set.copyOf(implies);
    }

    public static PermissionRule plain(String key) {
        return new PermissionRule(key, Set.of(), Set.of(), Set.of(), false);
    }

    boolean isSatisfiedBy(Set<String> effective) {
        return effective.containsAll(requires)
                && (requiresAny.isEmpty() || requiresAny.stream().anyMatch(effective::contains));
    }
}
