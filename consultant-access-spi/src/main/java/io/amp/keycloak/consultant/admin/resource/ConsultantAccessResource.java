package io.amp.keycloak.consultant.admin.resource;

import io.amp.keycloak.consultant.AccessLevel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * The consultant-access admin API, under {@code /admin/realms/{realm}/amp-consultant-access}.
 * Keycloak has already authenticated the bearer token (no token: 401); each method decides what
 * the caller may see.
 */
public final class ConsultantAccessResource {

    private final AdminPermissionEvaluator auth;
    private final int consultantThreshold;

    ConsultantAccessResource(AdminPermissionEvaluator auth, int consultantThreshold) {
        this.auth = auth;
        this.consultantThreshold = consultantThreshold;
    }

    /** The caller's own access level: every authenticated user of the realm may ask about themselves. */
    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public AccessLevelRepresentation me() {
        UserModel caller = auth.adminAuth().getUser();
        AccessLevel level = AccessLevel.of(
                RoleUtils.getDeepUserRoleMappings(caller).stream()
                        .filter(role -> !role.isClientRole())
                        .map(role -> role.getFirstAttribute(AccessLevel.LEVEL_ATTRIBUTE))
                        .toList(),
                consultantThreshold);
        Integer value = level.level().isPresent() ? level.level().getAsInt() : null;
        return new AccessLevelRepresentation(caller.getUsername(), value, level.isConsultant());
    }
}
