package io.amp.keycloak.elevation;

import io.amp.keycloak.elevation.ElevationEvents.Action;
import io.amp.keycloak.elevation.jpa.AmpElevationEntity;
import io.amp.keycloak.elevation.jpa.ElevationStore;
import io.amp.keycloak.permissions.SessionElevation;
import io.amp.keycloak.rules.elevation.Elevation;
import io.amp.keycloak.rules.elevation.Elevation.Kind;
import io.amp.keycloak.rules.elevation.ElevationPolicy.EndCause;
import io.amp.keycloak.rules.elevation.ElevationPolicy.Status;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The two steps every path of an elevation shares. Putting a started elevation on its session,
 * for an emergency access at login and an approved break-the-glass request alike: a session runs
 * one elevation, so one still running there is ended first. Ending a record, whoever notices it
 * (logout, the sweep, a newer elevation): the record and its END event always go together.
 */
public final class ElevationLifecycle {

    /**
     * How long an emergency-access record may point to a session no one can see yet. It is recorded
     * at login in a transaction of its own, which commits before the login creating its session
     * does, and another node sees that session later still: a competing login or the sweep that
     * looked in that moment would end a running elevation as "session ended". Within this time after
     * the record was made, a missing session does not close it (the clock and the logout event still
     * do, and a newer emergency login replaces it). Break-the-glass is asked for from a session that
     * exists already, so its records get no such time.
     */
    static final long SESSION_VISIBILITY_MILLIS = 5_000;

    private ElevationLifecycle() {
    }

    public static void putOnSession(KeycloakSession session, RealmModel realm, UserSessionModel userSession, AmpElevationEntity started) {
        ElevationStore store = new ElevationStore(session);
        long now = System.currentTimeMillis();
        SessionElevation.of(userSession).map(Elevation::id).filter(id -> !id.equals(started.getId()))
                .flatMap(id -> store.find(realm.getId(), id))
                .filter(previous -> Status.ACTIVE.name().equals(previous.getStatus()) && previous.getEndsAt() > now)
                .ifPresent(previous -> end(session, realm, store, previous, EndCause.SESSION_ENDED, now));
        ElevationSessions.put(userSession, ElevationStore.elevation(started));
    }

    /**
     * Marks the record ended at {@code endedAt} for {@code cause} and sends its END event, unless
     * someone else ended it first: then nothing happens and the answer is false.
     */
    public static boolean end(KeycloakSession session, RealmModel realm, ElevationStore store, AmpElevationEntity entity, EndCause cause,
                              long endedAt) {
        if (!store.end(entity, cause, endedAt)) {
            return false;
        }
        ElevationEvents.send(session, realm, null, Action.END, entity, null);
        return true;
    }

    /**
     * The records of a user on one application that still count as open: pending or running, with a
     * live session, before their end. Those that no longer count are closed on the way (expired at
     * their end; one whose session is gone, now), so that they free the user's one open place
     * before the sweep comes by.
     */
    public static List<AmpElevationEntity> open(KeycloakSession session, RealmModel realm, ElevationStore store, String userId,
                                                String clientUuid, long now) {
        List<AmpElevationEntity> open = new ArrayList<>();
        for (AmpElevationEntity entity : store.openOfUser(realm.getId(), userId, clientUuid)) {
            if (!closeIfOver(session, realm, store, entity, now)) {
                open.add(entity);
            }
        }
        return open;
    }

    /**
     * Closes a pending or running record that no longer counts: one past its end ends at exactly
     * its end (expired), one whose session is gone ends now (an emergency access once its session
     * had time to be seen, {@link #SESSION_VISIBILITY_MILLIS}). True when the record no longer counts.
     */
    public static boolean closeIfOver(KeycloakSession session, RealmModel realm, ElevationStore store, AmpElevationEntity entity, long now) {
        if (Status.ACTIVE.name().equals(entity.getStatus()) && entity.getEndsAt() <= now) {
            end(session, realm, store, entity, EndCause.EXPIRED, entity.getEndsAt());
            return true;
        }
        boolean sessionMayBeUnseen = Kind.EMERGENCY_ACCESS.name().equals(entity.getKind())
                && now - entity.getRequestedAt() < SESSION_VISIBILITY_MILLIS;
        if (!sessionMayBeUnseen && !ElevationSessions.sessionExists(session, realm, entity.getSessionId())) {
            end(session, realm, store, entity, EndCause.SESSION_ENDED, now);
            return true;
        }
        return false;
    }

    /** Ends every open record of a user, on every application: the user is being removed. */
    public static void endAllOfRemovedUser(KeycloakSession session, RealmModel realm, String userId) {
        ElevationStore store = new ElevationStore(session);
        long now = System.currentTimeMillis();
        store.ofUser(realm.getId(), userId).stream()
                .filter(entity -> Status.ACTIVE.name().equals(entity.getStatus()) || Status.PENDING.name().equals(entity.getStatus()))
                .forEach(entity -> end(session, realm, store, entity, EndCause.USER_REMOVED, now));
    }
}
