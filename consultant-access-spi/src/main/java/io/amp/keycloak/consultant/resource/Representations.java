package io.amp.keycloak.consultant.resource;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** What the consultant-access API answers with. */
public final class Representations {

    private Representations() {
    }

    /** An account; {@code contract} only for its Account Admins and realm admins, who may view (never edit) it here. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Account(String id, String name, String alias, String contract) {
    }

    public record Department(String id, String name, String accountId) {
    }

    public record Site(String key, String name, String accountId, String departmentId) {
    }

    /**
     * Who a grant is for. A group grant names the group only, never its members, so consultants
     * stay anonymous to the department's admins.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subject(String type, String id, String name, String email) {
    }

    public record Grant(String id, String site, Subject subject, boolean enabled, String grantedBy, long grantedAt,
                        long updatedAt) {
    }

    public record Sites(List<String> sites, int first, int max, boolean more) {
    }

    /** A consultant group: a group below the realm's consultant-groups parent, with its full path. */
    public record ConsultantGroup(String id, String name, String path) {
    }

    /** A member of a consultant group, as those who manage the group see them. */
    public record GroupMember(String id, String username, String email) {
    }

    /** A user of an account, as account management shows them. */
    public record AccountUser(String id, String username, String email, String firstName, String lastName, String role,
                              List<String> departments) {
    }
}
