package io.amp.keycloak.permissions;

import io.amp.keycloak.rules.elevation.Elevation;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;

import java.util.Map;
import java.util.Optional;

/**
 * The running elevation as the token side sees it: a note of the user session. Keycloak keeps
 * the note with the session (replicated and persisted like the session itself), so a token is
 * decided without a query, a logout takes the elevation with the session, and a revocation is
 * the removal of the note, seen by every node at the next token. Offline sessions (offline_access
 * refresh tokens) are never elevated, even when Keycloak copied the note into one: an elevation
 * belongs to the signed-in session and ends with it. The emergency-access module writes the note;
 * this class is the contract both sides read.
 */
public final class SessionElevation {


    private SessionElevation() {
    }

    public static Optional<Elevation> of(UserSessionModel userSession) {
        return userSession == null || userSession.isOffline() ? Optional.empty() : Elevation.fromNote(userSession.getNote(PermissionsContract.ELEVATION_NOTE));
    }

    /**
     * The elevation a token of this session carries: the session's note, unless its record was
     * ended meanwhile. A note can outlive its record's end when the end came before the note was
     * committed (a racing login replaced it, a revocation overtook the login that started it);
     * the mark left by the end, in Keycloak's cluster-wide single-use store, still takes it away.
     */
    public static Optional<Elevation> running(KeycloakSession session, UserSessionModel userSession) {
        return of(userSession).filter(elevation -> !session.singleUseObjects().contains(PermissionsContract.ELEVATION_ENDED + elevation.id()));
    }

    /** Marks an ended elevation for the token side until its planned end, after which the clock ends it anyway. */
    public static void markEnded(KeycloakSession session, String elevationId, Long endsAt) {
        long seconds = endsAt == null ? 0 : Math.floorDiv(endsAt - System.currentTimeMillis(), 1000L) + 1;
        if (seconds > 0) {
            session.singleUseObjects().put(PermissionsContract.ELEVATION_ENDED + elevationId, seconds, Map.of());
        }
    }
}
