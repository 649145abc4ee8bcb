package io.amp.keycloak.requests.resource;

import java.util.List;

/** What the access-request API answers, and what its admin events record. */
public final class Representations {

    private Representations() {
    }

    /** What the API answers with: users by username, the system by clientId. */
    public record RequestRepresentation(String id, String requester, String subject, String organization, String department,
                                        String system, List<String> roles, String justification, Long endsAt, String status,
                                        String decidedBy, String decisionReason, long createdAt, Long decidedAt) {
    }

    /**
     * The choices of the request form: the organizations a request may name, the departments (by key,
     * with the name people read), the departments the caller is in, and each system with a catalog
     * and its department roles, each with the departments it is open to (none listed: open to every
     * department). Everything sorted by key.
     */
    public record RequestOptions(List<String> organizations, List<DepartmentOption> departments, List<String> myDepartments,
                                 List<SystemOption> systems) {
    }

    public record DepartmentOption(String key, String name) {
    }

    public record SystemOption(String clientId, String name, List<RoleOption> roles) {
    }

    public record RoleOption(String key, String name, List<String> departments) {
    }
}
