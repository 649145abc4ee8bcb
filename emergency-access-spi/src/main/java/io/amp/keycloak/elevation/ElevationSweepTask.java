package io.amp.keycloak.elevation;

import io.amp.keycloak.elevation.jpa.AmpElevationEntity;
import io.amp.keycloak.elevation.jpa.ElevationStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

import java.util.List;

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
    /** At most this many pages a run (10,000 open records); a larger backlog is taken up by the next runs. */
    private static final int MAX_PAGES = 20;

    @Override
    public void run(KeycloakSession session) {
        ElevationStore store = new ElevationStore(session);
        long now = System.currentTimeMillis();
        // Page by page through every open record (a page each keyed by the last one seen), so that
        // records still valid at the front never keep the sweep from those behind them.
        long afterRequestedAt = Long.MIN_VALUE;
        String afterId = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            List<AmpElevationEntity> open = store.toSweep(afterRequestedAt, afterId, BATCH);
            open.forEach(entity -> sweep(session, store, entity, now));
            if (open.size() < BATCH) {
                return;
            }
            AmpElevationEntity last = open.get(open.size() - 1);
            afterRequestedAt = last.getRequestedAt();
            afterId = last.getId();
        }
    }

    private static void sweep(KeycloakSession session, ElevationStore store, AmpElevationEntity entity, long now) {
        RealmModel realm = session.realms().getRealm(entity.getRealmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        ElevationLifecycle.closeIfOver(session, realm, store, entity, now);
    }

    @Override
    public String getTaskName() {
        return "amp-elevation-sweep";
    }
}
