package io.amp.keycloak.permissions;

import io.amp.keycloak.rules.permissions.CatalogProblem;
import io.amp.keycloak.rules.permissions.PermissionCatalog;
import io.amp.keycloak.rules.permissions.PermissionRule;
import io.amp.keycloak.rules.requests.Eligibility;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a system client's catalog from its client roles: a role is a permission when its
 * {@code kind} attribute is {@code permission}; its rules are the attributes {@code requires},
 * {@code requires-any}, {@code implies} (each value one key, or keys separated by commas) and
 * {@code inverted} ({@code true} or {@code false}). Roles come from Keycloak's realm cache.
 */
public final class CatalogReader {


    private CatalogReader() {
    }

    public static boolean isPermission(RoleModel role) {
        return role.isClientRole() && PermissionsContract.KIND_PERMISSION.equals(role.getFirstAttribute(PermissionsContract.KIND));
    }

    /** The department roles of a client, each with the department key it is for ({@link Eligibility#PermissionsContract.ALL_DEPARTMENTS} for all). */
    public static Map<String, String> departmentRoles(ClientModel client) {
        return client.getRolesStream()
                .filter(role -> PermissionsContract.KIND_DEPARTMENT_ROLE.equals(role.getFirstAttribute(PermissionsContract.KIND)))
                .collect(Collectors.toMap(RoleModel::getName, role -> "true".equals(role.getFirstAttribute(PermissionsContract.ALL_DEPARTMENTS))
                        ? Eligibility.ALL_DEPARTMENTS : Optional.ofNullable(role.getFirstAttribute(PermissionsContract.DEPARTMENT)).orElse(""), (a, b) -> a));
    }

    /**
     * A permission's text ({@value PermissionsContract#DESCRIPTION_ON} or {@value PermissionsContract#DESCRIPTION_OFF})
     * as people read it, in full: the attribute's value, or, where it names one as {@code ${key}}
     * (a text longer than a role attribute keeps), the realm's localization text of that key in the
     * realm's default locale or English; null where the role has none.
     */
    public static String text(RealmModel realm, RoleModel role, String attribute) {
        String value = role.getFirstAttribute(attribute);
        if (value == null || !value.startsWith("${") || !value.endsWith("}")) {
            return value;
        }
        String key = value.substring(2, value.length() - 1);
        return Stream.of(realm.getDefaultLocale(), "en").filter(Objects::nonNull).distinct()
                .map(locale -> realm.getRealmLocalizationTextsByLocale(locale).get(key)).filter(Objects::nonNull)
                .findFirst().orElse(value);
    }

    /** The name people read for a catalog role: its {@value PermissionsContract#DISPLAY_NAME} attribute, else its key. */
    public static String displayName(RoleModel role) {
        String name = role.getFirstAttribute(PermissionsContract.DISPLAY_NAME);
        return name == null || name.isBlank() ? role.getName() : name;
    }

    public static PermissionCatalog read(ClientModel client) {
        List<PermissionRule> rules = new ArrayList<>();
        List<CatalogProblem> problems = new ArrayList<>();
        client.getRolesStream().filter(CatalogReader::isPermission).forEach(role -> {
            Boolean inverted = readInverted(role, problems);
            rules.add(new PermissionRule(role.getName(),
                    keys(role, PermissionRule.REQUIRES),
                    keys(role, PermissionRule.REQUIRES_ANY),
                    keys(role, PermissionRule.IMPLIES),
                    Boolean.TRUE.equals(inverted)));
        });
        return PermissionCatalog.of(rules, problems);
    }

    private static Set<String> keys(RoleModel role, String attribute) {
        return role.getAttributeStream(attribute)
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Boolean readInverted(RoleModel role, List<CatalogProblem> problems) {
        List<String> values = role.getAttributeStream(PermissionRule.INVERTED).map(String::trim).toList();
        if (values.isEmpty()) {
            return false;
        }
        String value = values.get(0).toLowerCase(Locale.ROOT);
        if (values.size() > 1 || !(value.equals("true") || value.equals("false"))) {
            problems.add(new CatalogProblem(role.getName(), PermissionRule.INVERTED,
                    "must be true or false, but is " + values));
            return null;
        }
        return value.equals("true");
    }
}
