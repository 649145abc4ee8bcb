package io.amp.keycloak.requests;

import io.amp.keycloak.permissions.RoleExpiry;
import io.amp.keycloak.requests.jpa.AccessRequestStore;
import io.amp.keycloak.requests.jpa.AmpAccessRequestEntity;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.timer.ScheduledTask;

import java.util.Map;

/**
 * Removes the role mappings of approved requests whose end has passed. Tokens stop counting them
 * at the end already (see {@link RoleExpiry}); this keeps the console and exports truthful.
 * Keycloak's cluster-aware runner makes one node of a cluster do it per interval. A role granted
 * again since, without an end or with a later one, is left alone.
 */
final class EndedAssignmentsTask implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(EndedAssignmentsTask.class);
    private static final int BATCH = 500;

    @Override
    public void run(KeycloakSession session) {
        AccessRequestStore store = new AccessRequestStore(session);
        long now = System.currentTimeMillis();
        for (AmpAccessRequestEntity request : store.endedAssignments(now, BATCH)) {
            RealmModel realm = session.realms().getRealm(request.getRealmId());
            if (realm != null) {
                session.getContext().setRealm(realm);
            }
            UserModel user = realm == null ? null : session.users().getUserById(realm, request.getSubjectId());
            ClientModel client = realm == null ? null : realm.getClientById(request.getClientId());
            if (user != null && client != null) {
                Map<String, Long> expiries = RoleExpiry.of(user);
                for (String roleName : request.getRoles().split(",")) {
                    RoleModel role = client.getRole(roleName);
                    if (role != null && user.hasDirectRole(role) && !RoleExpiry.counts(expiries, role, now)
                            && RoleExpiry.hasEnd(expiries, role)) {
                        user.deleteRoleMapping(role);
                        RoleExpiry.set(user, role, null);
                        LOG.debugf("Removed %s/%s from %s: its access request ended", client.getClientId(), roleName, user.getUsername());
                    }
                }
            }
            store.markRemoved(request, now);
        }
    }

    @Override
    public String getTaskName() {
        return "amp-ended-assignments";
    }
}
