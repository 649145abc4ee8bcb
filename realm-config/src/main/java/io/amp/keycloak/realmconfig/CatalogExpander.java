package io.amp.keycloak.realmconfig;

import io.amp.keycloak.realmconfig.CatalogDefinition.Department;
import io.amp.keycloak.realmconfig.CatalogDefinition.DepartmentRole;
import io.amp.keycloak.realmconfig.CatalogDefinition.Permission;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a catalog into a realm: client roles for permissions and department roles on every
 * system client, the permissions mapper on each of them, and a group per department. Role attributes carry what the console should show
 * and what the providers read.
 */
final class CatalogExpander {

    static final String KIND = "kind";
    static final String KIND_PERMISSION = "permission";
    static final String KIND_DEPARTMENT_ROLE = "department-role";
    static final String DISPLAY_NAME = "display-name";
    static final String DESCRIPTION_ON = "description-on";
    static final String DESCRIPTION_OFF = "description-off";
    static final String ALIASES = "aliases";
    static final String DEPARTMENT = "department";
    static final String ALL_DEPARTMENTS = "all-departments";
    static final String DEPARTMENTS_GROUP = "departments";
    /** The provider id of the permissions protocol mapper in amp-role-mapper-spi. */
    static final String PERMISSIONS_MAPPER = "amp-permissions-mapper";
    static final String PERMISSIONS_CLAIM = "permissions";

    private final CatalogDefinition catalog;
    private final Map<String, String> keysBySpelling = new HashMap<>();

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
            ClientRepresentation client = Optional.ofNullable(realm.getClients()).orElse(List.of()).stream()
                    .filter(candidate -> system.equals(candidate.getClientId()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Catalog system '" + system + "' is not a client of realm " + realm.getRealm()));
            realm.getRoles().getClient().put(system, rolesFor(system));
            addPermissionsMapper(client);
        }
        if (!catalog.departments().isEmpty()) {
            addDepartmentGroups(realm);
        }
    }

    private static void addPermissionsMapper(ClientRepresentation client) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(PERMISSIONS_CLAIM);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(PERMISSIONS_MAPPER);
        mapper.setConfig(Map.of(
                "claim.name", PERMISSIONS_CLAIM,
                "access.token.claim", "true",
                "id.token.claim", "true",
                "userinfo.token.claim", "true",
                "introspection.token.claim", "true"));
        List<ProtocolMapperRepresentation> mappers = new ArrayList<>(Optional.ofNullable(client.getProtocolMappers()).orElse(List.of()));
        mappers.add(mapper);
        client.setProtocolMappers(mappers);
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
            attributes.put(DESCRIPTION_ON, List.of(permission.descriptionOn()));
        }
        if (permission.descriptionOff() != null) {
            attributes.put(DESCRIPTION_OFF, List.of(permission.descriptionOff()));
        }
        role.setAttributes(attributes);
        return role;
    }

    private RoleRepresentation departmentRole(String system, DepartmentRole departmentRole) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(PermissionKey.of(departmentRole.name()));
        role.setDescription(departmentRole.name());
        role.setClientRole(true);
        role.setComposite(true);
        List<String> grants = departmentRole.grants().stream()
                .map(grant -> keyOf(grant, departmentRole))
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

    private String keyOf(String spelling, DepartmentRole role) {
        String key = keysBySpelling.get(PermissionKey.of(spelling));
        if (key == null) {
            throw new IllegalArgumentException("Department role '" + role.name() + "' grants '" + spelling
                    + "', which is not a permission of the catalog");
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
