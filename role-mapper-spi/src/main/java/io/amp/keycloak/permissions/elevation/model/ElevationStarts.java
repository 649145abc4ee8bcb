package io.amp.keycloak.permissions.elevation.model;

import io.amp.keycloak.permissions.elevation.Elevation;
import io.amp.keycloak.permissions.elevation.ElevationPolicy.EndCause;
import io.amp.keycloak.permissions.elevation.ElevationPolicy.Status;
import io.amp.keycloak.permissions.elevation.jpa.AmpElevationEntity;
import io.amp.keycloak.permissions.elevation.jpa.ElevationStore;
import io.amp.keycloak.permissions.elevation.model.ElevationEvents.Action;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * Puts a started elevation on its session, for an emergency access at login and an approved
 * break-the-glass request alike. A session runs one elevation: one still running there is ended
 * first (END event, cause session-ended), so that no record stays active without its note.
 */
public final class ElevationStarts {

    private ElevationStarts() {
    }

    public static void putOnSession(KeycloakSession session, RealmModel realm, UserSessionModel userSession, AmpElevationEntity started) {
        ElevationStore store = new ElevationStore(session);
        long now = System.currentTimeMillis();
        ElevationSessions.of(userSession).map(Elevation::id).filter(id -> !id.equals(started.getId()))
                .flatMap(id -> store.find(realm.getId(), id))
                .filter(previous -> Status.ACTIVE.name().equals(previous.getStatus()) && previous.getEndsAt() > now)
                .ifPresent(previous -> {
                    store.end(previous, EndCause.SESSION_ENDED, now);
                    ElevationEvents.send(session, realm, null, Action.END, previous, null);
                });
        ElevationSessions.put(userSession, ElevationStore.elevation(started));
    }
}
