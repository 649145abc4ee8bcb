package io.amp.keycloak.client.representation;

import java.util.List;

/**
 * The choices of the access-request form: the organizations a request may name, the departments,
 * the departments the caller is in ({@code myDepartments}, keys), and each system with a catalog
 * and its department roles. Everything sorted by key.
 */
public record RequestOptions(List<String> organizations, List<DepartmentOption> departments, List<String> myDepartments,
                             List<SystemOption> systems) {

    /** A department: its key (the group under /departments) and the name people read. */
    public record DepartmentOption(String key, String name) {
    }

    /** A system client with department roles. */
    public record SystemOption(String clientId, String name, List<RoleOption> roles) {
    }

    /** A department role, with the department keys it is open to; an empty list: open to every department. */
    public record RoleOption(String key, String name, List<String> departments) {
    }
}
