package io.amp.keycloak.permissions.elevation.model;

import io.amp.keycloak.permissions.elevation.Elevation;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

import java.util.Map;
import java.util.Optional;

/**
 * Where a running elevation lives for the token side: a note of the user session. Keycloak keeps
 * the note with the session (replicated and persisted like the session itself), so a token is
 * decided without a query, a logout takes the elevation with the session, and a revocation is
 * the removal of the note, seen by every node at the next token. Offline sessions (offline_access
 * refresh tokens) are never elevated, even when Keycloak copied the note into one: an elevation
 * belongs to the signed-in session and ends with it.
 */
public final class ElevationSessions {

    public static final String NOTE = "amp.elevation";
    private static final String ENDED = "amp.elevation.ended/";
    /** An emergency access chosen at login, waiting for the login to complete: {@code seconds|clientId|reason}. */
    public static final String STAGED = "amp.elevation.staged";

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

    public static Optional<Elevation> of(UserSessionModel userSession) {
        return userSession == null || userSession.isOffline() ? Optional.empty() : Elevation.fromNote(userSession.getNote(NOTE));
    }

    /**
     * The elevation a token of this session carries: the session's note, unless its record was
     * ended meanwhile. A note can outlive its record's end when the end came before the note was
     * committed (a racing login replaced it, a revocation overtook the login that started it);
     * the mark left by the end, in Keycloak's cluster-wide single-use store, still takes it away.
     */
    public static Optional<Elevation> running(KeycloakSession session, UserSessionModel userSession) {
        return of(userSession).filter(elevation -> !session.singleUseObjects().contains(ENDED + elevation.id()));
    }

    /** Marks an ended elevation for the token side until its planned end, after which the clock ends it anyway. */
    public static void markEnded(KeycloakSession session, String elevationId, Long endsAt) {
        long seconds = endsAt == null ? 0 : Math.floorDiv(endsAt - System.currentTimeMillis(), 1000L) + 1;
        if (seconds > 0) {
            session.singleUseObjects().put(ENDED + elevationId, seconds, Map.of());
        }
    }

    /** Takes the staged emergency access off the session, if there is one. */
    public static Optional<Staged> takeStaged(UserSessionModel userSession) {
        String note = userSession.getNote(STAGED);
        if (note != null) {
            userSession.removeNote(STAGED);
        }
        return Staged.fromNote(note);
    }

    public static void put(UserSessionModel userSession, Elevation elevation) {
        userSession.setNote(NOTE, elevation.toNote());
    }

    /** The signed-in session the elevation was given in, while it still exists. */
    public static boolean sessionExists(KeycloakSession session, RealmModel realm, String sessionId) {
        return sessionId != null && session.sessions().getUserSession(realm, sessionId) != null;
    }

    /** Takes the elevation off its session, if it is still there. */
    public static void remove(KeycloakSession session, RealmModel realm, String sessionId, String elevationId) {
        UserSessionModel userSession = sessionId == null ? null : session.sessions().getUserSession(realm, sessionId);
        if (userSession != null && of(userSession).filter(running -> running.id().equals(elevationId)).isPresent()) {
            userSession.removeNote(NOTE);
        }
    }
}
