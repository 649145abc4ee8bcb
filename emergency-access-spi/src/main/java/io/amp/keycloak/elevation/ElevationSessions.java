package io.amp.keycloak.elevation;

import io.amp.keycloak.permissions.PermissionsContract;
import io.amp.keycloak.permissions.SessionElevation;
import io.amp.keycloak.rules.elevation.Elevation;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

import java.util.Optional;

/**
 * The emergency-access side of the session note ({@link SessionElevation}): staging an emergency
 * access at login, putting a started elevation on its session, taking it off again.
 */
public final class ElevationSessions {


    /** What the login step leaves for the end of the login. */
    public record Staged(long durationSeconds, String clientId, String reason) {
        public String toNote() {
            return durationSeconds + "|" + clientId + "|" + reason;
        }

        static Optional<Staged> fromNote(String note) {
            String[] parts = note == null ? new String[0] : note.split("\\|", 3);
            if (parts.length != 3) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Staged(Long.parseLong(parts[0]), parts[1], parts[2]));
            } catch (NumberFormatException unreadable) {
                return Optional.empty();
            }
        }
    }

    private ElevationSessions() {
    }


    /** Takes the staged emergency access off the session, if there is one. */
    public static Optional<Staged> takeStaged(UserSessionModel userSession) {
        String note = userSession.getNote(ElevationContract.STAGED_NOTE);
        if (note != null) {
            userSession.removeNote(ElevationContract.STAGED_NOTE);
        }
        return Staged.fromNote(note);
    }

    public static void put(UserSessionModel userSession, Elevation elevation) {
        userSession.setNote(PermissionsContract.ELEVATION_NOTE, elevation.toNote());
    }

    /** The signed-in session the elevation was given in, while it still exists. */
    public static boolean sessionExists(KeycloakSession session, RealmModel realm, String sessionId) {
        return sessionId != null && session.sessions().getUserSession(realm, sessionId) != null;
    }

    /** Takes the elevation off its session, if it is still there. */
    public static void remove(KeycloakSession session, RealmModel realm, String sessionId, String elevationId) {
        UserSessionModel userSession = sessionId == null ? null : session.sessions().getUserSession(realm, sessionId);
        if (userSession != null && SessionElevation.of(userSession).filter(running -> running.id().equals(elevationId)).isPresent()) {
            userSession.removeNote(PermissionsContract.ELEVATION_NOTE);
        }
    }
}
