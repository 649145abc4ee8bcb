package io.amp.keycloak.realmconfig;

import java.util.List;

/**
 * The compact form of a system's permission catalog, as the seeds state it: permissions, and
 * department roles that each grant a list of permissions by the seed's own spelling.
 */
public record CatalogDefinition(
        List<String> systems,
        List<Permission> permissions,
        List<Department> departments,
        List<DepartmentRole> sharedRoles) {

    public CatalogDefinition {
        systems = nullToEmpty(systems);
        permissions = nullToEmpty(permissions);
        departments = nullToEmpty(departments);
        sharedRoles = nullToEmpty(sharedRoles);
    }

    /**
     * A permission and its rules; rules name other permissions by the seed's spelling.
     */
    public record Permission(String name, List<String> aliases, String descriptionOn, String descriptionOff,
                             List<String> requires, List<String> requiresAny, List<String> implies, boolean inverted) {
        public Permission {
            aliases = nullToEmpty(aliases);
            requires = nullToEmpty(requires);
            requiresAny = nullToEmpty(requiresAny);
            implies = nullToEmpty(implies);
        }
    }

    public record Department(String name, List<DepartmentRole> roles) {
        public Department {
            roles = nullToEmpty(roles);
        }
    }

    public record DepartmentRole(String name, List<String> grants) {
        public DepartmentRole {
            grants = nullToEmpty(grants);
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
