package io.amp.keycloak.permissions.elevation.jpa;

import io.amp.keycloak.permissions.elevation.ElevationPolicy.EndCause;
import io.amp.keycloak.permissions.elevation.ElevationPolicy.Status;
import io.amp.keycloak.permissions.elevation.model.ElevationLifecycle;
import io.amp.keycloak.permissions.elevation.model.ElevationSessions;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Closes the records of elevations that no longer count, with an END event each: those past their
 * end (ended at exactly their end), and those whose session is gone, by logout, by an admin or by
 * expiry (ended when noticed; their tokens stopped working with the session). A pending request
 * whose session is gone can no longer be approved and ends too. Tokens never wait for this: the
 * token side decides by the session note and the clock; the sweep keeps the history truthful.
 * A logout ends the record at once ({@code ElevationEventListener}); the sweep catches sessions
 * that end otherwise (expiry, an administrator signing the user out).
 */
final class ElevationSweepTask implements ScheduledTask {

    private static final int BATCH = 500;

    @Override
    public void run(KeycloakSession session) {
        ElevationStore store = new ElevationStore(session);
        long now = System.currentTimeMillis();
        for (AmpElevationEntity entity : store.toSweep(BATCH)) {
            RealmModel realm = session.realms().getRealm(entity.getRealmId());
            if (realm == null) {
                continue;
            }
            session.getContext().setRealm(realm);
            boolean active = Status.ACTIVE.name().equals(entity.getStatus());
            if (active && entity.getEndsAt() <= now) {
                ElevationLifecycle.end(session, realm, store, entity, EndCause.EXPIRED, entity.getEndsAt());
            } else if (!ElevationSessions.sessionExists(session, realm, entity.getSessionId())) {
                ElevationLifecycle.end(session, realm, store, entity, EndCause.SESSION_ENDED, now);
            }
        }
    }

    @Override
    public String getTaskName() {
        return "amp-elevation-sweep";
    }
}
