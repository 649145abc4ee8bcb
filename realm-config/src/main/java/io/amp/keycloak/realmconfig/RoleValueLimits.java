package io.amp.keycloak.realmconfig;

import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keycloak stores a role's description and each role attribute value in a 255-character column;
 * a longer one makes the whole realm import fail at server start. Refusing it at build time names
 * the role and the attribute instead. A catalog's permission texts never get here too long: the
 * generator keeps those in the realm's localization texts ({@link CatalogExpander}).
 */
final class RoleValueLimits {

    static final int MAX_LENGTH = 255;

    private RoleValueLimits() {
    }

    static void check(RealmRepresentation realm) {
        List<String> problems = new ArrayList<>();
        roles(realm).forEach(role -> {
            if (role.getDescription() != null && role.getDescription().length() > MAX_LENGTH) {
                problems.add("role " + role.getName() + ": description is " + role.getDescription().length() + " characters");
            }
            if (role.getAttributes() != null) {
                role.getAttributes().forEach((name, values) -> values.stream()
                        .filter(value -> value != null && value.length() > MAX_LENGTH)
                        .forEach(value -> problems.add("role " + role.getName() + ": attribute " + name + " is "
                                + value.length() + " characters")));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Keycloak keeps at most " + MAX_LENGTH + " characters per role value; "
                    + String.join("; ", problems));
        }
    }

    private static Stream<RoleRepresentation> roles(RealmRepresentation realm) {
        if (realm.getRoles() == null) {
            return Stream.empty();
        }
        Stream<RoleRepresentation> realmRoles = realm.getRoles().getRealm() == null ? Stream.empty() : realm.getRoles().getRealm().stream();
        Stream<RoleRepresentation> clientRoles = realm.getRoles().getClient() == null ? Stream.empty()
                : realm.getRoles().getClient().values().stream().flatMap(List::stream);
        return Stream.concat(realmRoles, clientRoles);
    }
}
