package io.amp.keycloak.realmconfig;

import io.amp.keycloak.realmconfig.CatalogDefinition.Department;
import io.amp.keycloak.realmconfig.CatalogDefinition.DepartmentRole;
import io.amp.keycloak.realmconfig.CatalogDefinition.Permission;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a catalog into a realm: client roles for permissions and department roles on every
 * system client, and a group per department. Role attributes carry what the console should show
 * and what the providers read.
 *
 * <p>Keycloak keeps at most {@value RoleValueLimits#MAX_LENGTH} characters per role attribute value
 * and role description. A permission text longer than that goes, whole, into the realm's
 * localization texts ({@value #LOCALE}), and the attribute holds {@code ${key}} in its place; the
 * role's description then becomes {@code ${key}} too, for a text with the name and both texts in
 * full, which the admin console shows in the client's roles list.
 */
final class CatalogExpander {

    static final String KIND = "kind";
    static final String KIND_PERMISSION = "permission";
    static final String KIND_DEPARTMENT_ROLE = "department-role";
    static final String DISPLAY_NAME = "display-name";
    static final String DESCRIPTION_ON = "description-on";
    static final String DESCRIPTION_OFF = "description-off";
    static final String ALIASES = "aliases";
    static final String REQUIRES = "requires";
    static final String REQUIRES_ANY = "requires-any";
    static final String IMPLIES = "implies";
    static final String INVERTED = "inverted";
    static final String DEPARTMENT = "department";
    static final String ALL_DEPARTMENTS = "all-departments";
    static final String DEPARTMENTS_GROUP = "departments";
    /** The locale of the seeds' texts, under which the realm keeps those too long for a role. */
    static final String LOCALE = "en";

    private final CatalogDefinition catalog;
    private final Map<String, String> keysBySpelling = new HashMap<>();
    /** Texts too long for a role, by localization key. */
    private final Map<String, String> longTexts = new TreeMap<>();

    CatalogExpander(CatalogDefinition catalog) {
        this.catalog = catalog;
        for (Permission permission : catalog.permissions()) {
            String key = PermissionKey.of(permission.name());
            if (keysBySpelling.containsValue(key)) {
                throw new IllegalArgumentException("Permission '" + permission.name() + "' is listed twice (key " + key + ")");
            }
            keysBySpelling.put(key, key);
            permission.aliases().forEach(alias -> keysBySpelling.put(PermissionKey.of(alias), key));
        }
    }

    void expandInto(RealmRepresentation realm) {
        if (realm.getRoles() == null) {
            realm.setRoles(new RolesRepresentation());
        }
        if (realm.getRoles().getClient() == null) {
            realm.getRoles().setClient(new LinkedHashMap<>());
        }
        for (String system : catalog.systems()) {
            boolean declared = Optional.ofNullable(realm.getClients()).orElse(List.of()).stream()
                    .anyMatch(client -> system.equals(client.getClientId()));
            if (!declared) {
                throw new IllegalArgumentException("Catalog system '" + system + "' is not a client of realm " + realm.getRealm());
            }
            realm.getRoles().getClient().put(system, rolesFor(system));
        }
        if (!catalog.departments().isEmpty()) {
            addDepartmentGroups(realm);
        }
        if (!longTexts.isEmpty()) {
            Map<String, Map<String, String>> localization = new LinkedHashMap<>(Optional.ofNullable(realm.getLocalizationTexts()).orElse(Map.of()));
            Map<String, String> texts = new TreeMap<>(localization.getOrDefault(LOCALE, Map.of()));
            texts.putAll(longTexts);
            localization.put(LOCALE, texts);
            realm.setLocalizationTexts(localization);
        }
    }

    /** The localization key of a permission's text that is too long for a role: {@code amp.catalog.<key>[.<attribute>]}. */
    static String localizationKey(String permissionKey, String attribute) {
        return "amp.catalog." + permissionKey + (attribute == null ? "" : "." + attribute);
    }

    private List<RoleRepresentation> rolesFor(String system) {
        List<RoleRepresentation> roles = new ArrayList<>();
        for (Permission permission : catalog.permissions()) {
            roles.add(permissionRole(permission));
        }
        for (Department department : catalog.departments()) {
            for (DepartmentRole role : department.roles()) {
                RoleRepresentation rep = departmentRole(system, role);
                rep.getAttributes().put(DEPARTMENT, List.of(PermissionKey.of(department.name())));
                roles.add(rep);
            }
        }
        for (DepartmentRole role : catalog.sharedRoles()) {
            RoleRepresentation rep = departmentRole(system, role);
            rep.getAttributes().put(ALL_DEPARTMENTS, List.of("true"));
            roles.add(rep);
        }
        return roles;
    }

    private RoleRepresentation permissionRole(Permission permission) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(PermissionKey.of(permission.name()));
        role.setDescription(permission.name());
        role.setClientRole(true);
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put(KIND, List.of(KIND_PERMISSION));
        attributes.put(DISPLAY_NAME, List.of(permission.name()));
        if (!permission.aliases().isEmpty()) {
            attributes.put(ALIASES, permission.aliases());
        }
        if (permission.descriptionOn() != null) {
            attributes.put(DESCRIPTION_ON, List.of(kept(role.getName(), DESCRIPTION_ON, permission.descriptionOn())));
        }
        if (permission.descriptionOff() != null) {
            attributes.put(DESCRIPTION_OFF, List.of(kept(role.getName(), DESCRIPTION_OFF, permission.descriptionOff())));
        }
        if (tooLong(permission.descriptionOn()) || tooLong(permission.descriptionOff())) {
            String key = localizationKey(role.getName(), null);
            longTexts.put(key, permission.name() + ". Turned on: " + Optional.ofNullable(permission.descriptionOn()).orElse("-")
                    + " Turned off: " + Optional.ofNullable(permission.descriptionOff()).orElse("-"));
            role.setDescription("${" + key + "}");
        }
        putRule(attributes, REQUIRES, permission.requires(), permission.name());
        putRule(attributes, REQUIRES_ANY, permission.requiresAny(), permission.name());
        putRule(attributes, IMPLIES, permission.implies(), permission.name());
        if (permission.inverted()) {
            attributes.put(INVERTED, List.of("true"));
        }
        role.setAttributes(attributes);
        return role;
    }

    /** The text itself where a role keeps it; otherwise a reference to the realm's localization text that holds it. */
    private String kept(String permissionKey, String attribute, String text) {
        if (!tooLong(text)) {
            return text;
        }
        String key = localizationKey(permissionKey, attribute);
        longTexts.put(key, text);
        return "${" + key + "}";
    }

    private static boolean tooLong(String text) {
        return text != null && text.length() > RoleValueLimits.MAX_LENGTH;
    }

    private void putRule(Map<String, List<String>> attributes, String attribute, List<String> names, String owner) {
        if (!names.isEmpty()) {
            attributes.put(attribute, names.stream().map(name -> keyOf(name, owner)).distinct().toList());
        }
    }

    private RoleRepresentation departmentRole(String system, DepartmentRole departmentRole) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(PermissionKey.of(departmentRole.name()));
        role.setDescription(departmentRole.name());
        role.setClientRole(true);
        role.setComposite(true);
        List<String> grants = departmentRole.grants().stream()
                .map(grant -> keyOf(grant, departmentRole.name()))
                .distinct()
                .toList();
        RoleRepresentation.Composites composites = new RoleRepresentation.Composites();
        composites.setClient(Map.of(system, grants));
        role.setComposites(composites);
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put(KIND, List.of(KIND_DEPARTMENT_ROLE));
        attributes.put(DISPLAY_NAME, List.of(departmentRole.name()));
        role.setAttributes(attributes);
        return role;
    }

    private String keyOf(String spelling, String owner) {
        String key = keysBySpelling.get(PermissionKey.of(spelling));
        if (key == null) {
            throw new IllegalArgumentException("'" + owner + "' names '" + spelling + "', which is not a permission of the catalog");
        }
        return key;
    }

    private void addDepartmentGroups(RealmRepresentation realm) {
        GroupRepresentation parent = new GroupRepresentation();
        parent.setName(DEPARTMENTS_GROUP);
        List<GroupRepresentation> children = new ArrayList<>();
        for (Department department : catalog.departments()) {
            GroupRepresentation group = new GroupRepresentation();
            group.setName(PermissionKey.of(department.name()));
            group.setAttributes(Map.of(DISPLAY_NAME, List.of(department.name())));
            children.add(group);
        }
        parent.setSubGroups(children);
        List<GroupRepresentation> groups = realm.getGroups() == null ? new ArrayList<>() : new ArrayList<>(realm.getGroups());
        groups.add(0, parent);
        realm.setGroups(groups);
    }
}
