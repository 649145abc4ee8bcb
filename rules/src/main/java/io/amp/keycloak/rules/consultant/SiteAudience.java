package io.amp.keycloak.rules.consultant;

import java.util.Set;

/**
 * Whose sites a user's {@code sites} claim lists: a consultant exactly their enabled grants
 * (directly and through groups); an Account Admin every site of their accounts; a Department Admin
 * or Viewer the sites of their departments; anyone else none. A consultant who also holds an
 * admin role is still a consultant: the level decides first.
 */
public enum SiteAudience {
    GRANTS,
    ACCOUNTS,
    DEPARTMENTS,
    NONE;

    public static SiteAudience of(AccessLevel level, Set<String> realmRoles) {
        if (level.isConsultant()) {
            return GRANTS;
        }
        if (realmRoles.contains(Reach.ACCOUNT_ADMIN)) {
            return ACCOUNTS;
        }
        if (realmRoles.contains(Reach.DEPARTMENT_ADMIN) || realmRoles.contains(Reach.DEPARTMENT_VIEWER)) {
            return DEPARTMENTS;
        }
        return NONE;
    }
}
