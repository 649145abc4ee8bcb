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
 * The two steps every path of an elevation shares. Putting a started elevation on its session,
 * for an emergency access at login and an approved break-the-glass request alike: a session runs
 * one elevation, so one still running there is ended first. Ending a record, whoever notices it
 * (logout, the sweep, a newer elevation): the record and its END event always go together.
 */
public final class ElevationLifecycle {

    private ElevationLifecycle() {
    }

    public static void putOnSession(KeycloakSession session, RealmModel realm, UserSessionModel userSession, AmpElevationEntity started) {
        ElevationStore store = new ElevationStore(session);
        long now = System.currentTimeMillis();
        ElevationSessions.of(userSession).map(Elevation::id).filter(id -> !id.equals(started.getId()))
                .flatMap(id -> store.find(realm.getId(), id))
                .filter(previous -> Status.ACTIVE.name().equals(previous.getStatus()) && previous.getEndsAt() > now)
                .ifPresent(previous -> end(session, realm, store, previous, EndCause.SESSION_ENDED, now));
        ElevationSessions.put(userSession, ElevationStore.elevation(started));
    }

    /** Marks the record ended at {@code endedAt} for {@code cause} and sends its END event. */
    public static void end(KeycloakSession session, RealmModel realm, ElevationStore store, AmpElevationEntity entity, EndCause cause,
                           long endedAt) {
        store.end(entity, cause, endedAt);
        ElevationEvents.send(session, realm, null, Action.END, entity, null);
    }
}
