package io.amp.keycloak.elevation.events;

import io.amp.keycloak.common.jpa.Writes;
import io.amp.keycloak.elevation.ElevationEvents;
import io.amp.keycloak.elevation.ElevationEvents.Action;
import io.amp.keycloak.elevation.ElevationLifecycle;
import io.amp.keycloak.elevation.ElevationSessions;
import io.amp.keycloak.elevation.ElevationSessions.Staged;
import io.amp.keycloak.elevation.jpa.AmpElevationEntity;
import io.amp.keycloak.elevation.jpa.ElevationStore;
import io.amp.keycloak.permissions.PermissionResolver;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import io.amp.keycloak.rules.elevation.ElevationPolicy.EndCause;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.concurrent.ThreadLocalRandom;


/**
 * Starts and ends emergency accesses on Keycloak's own login events, in the login's transaction.
 * LOGIN: the login has passed every step and its user session exists, so a staged emergency
 * access starts now (record, session note, START event). LOGOUT: the session's running elevation
 * ends now (END event, cause session-ended). Registered as a global listener: no realm setting.
 */
public final class ElevationEventListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(ElevationEventListener.class);
    /** Each attempt lost means another elevation of the user committed, so this many always suffice for as many logins at once. */
    private static final int ATTEMPTS = 10;

    private final KeycloakSession session;

    ElevationEventListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getSessionId() == null || (event.getType() != EventType.LOGIN && event.getType() != EventType.LOGOUT)) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        if (event.getType() == EventType.LOGIN) {
            UserSessionModel userSession = session.sessions().getUserSession(realm, event.getSessionId());
            if (userSession != null) {
                ElevationSessions.takeStaged(userSession).ifPresent(staged -> start(realm, userSession, staged));
            }
        } else {
            ElevationStore store = new ElevationStore(session);
            long now = System.currentTimeMillis();
            for (AmpElevationEntity entity : store.activeOfSession(realm.getId(), event.getSessionId())) {
                if (entity.getEndsAt() > now) {
                    ElevationLifecycle.end(session, realm, store, entity, EndCause.SESSION_ENDED, now);
                }
            }
        }
    }

    private void start(RealmModel realm, UserSessionModel userSession, Staged staged) {
        ClientModel client = realm.getClientById(staged.clientId());
        // Held at the password step; checked again in case it was taken away while the login went on.
        if (client == null || !PermissionResolver.effective(session, userSession.getUser(), client).contains(ElevationPolicy.EMERGENCY_ACCESS)) {
            return;
        }
        String userId = userSession.getUser().getId();
        AmpElevationEntity started = null;
        for (int attempt = 1; started == null && attempt <= ATTEMPTS; attempt++) {
            try {
                started = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), inner -> {
                    RealmModel innerRealm = inner.realms().getRealm(realm.getId());
                    inner.getContext().setRealm(innerRealm);
                    return replaceAndStart(inner, innerRealm, userId, client.getId(), userSession.getId(), staged);
                });
            } catch (Writes.Lost lost) {
                LOG.debugf("Emergency access of %s raced another elevation (attempt %d)", userId, attempt);
                pause(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
            }
        }
        if (started == null) {
            LOG.warnf("Emergency access of user %s on %s not started: another elevation kept winning", userId, client.getClientId());
            return;
        }
        ElevationLifecycle.putOnSession(session, realm, userSession, started);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * In a transaction of its own, so that a race lost to another elevation of the same user (the
     * unique open key) fails this step and not the login: ends what the user had open on the
     * application, in this session (as a new login would end it anyway) or in another, and starts
     * the emergency access. The caller tries again when another elevation got in between.
     */
    private static AmpElevationEntity replaceAndStart(KeycloakSession session, RealmModel realm, String userId, String clientUuid,
                                                      String sessionId, Staged staged) {
        ElevationStore store = new ElevationStore(session);
        for (AmpElevationEntity open : ElevationLifecycle.open(session, realm, store, userId, clientUuid, System.currentTimeMillis())) {
            boolean sameSession = open.getSessionId().equals(sessionId);
            // Never before it started: a racing login may have started it a moment after this one read the clock.
            long endedAt = Math.max(System.currentTimeMillis(), open.getStartsAt() == null ? 0 : open.getStartsAt());
            if (ElevationLifecycle.end(session, realm, store, open, sameSession ? EndCause.SESSION_ENDED : EndCause.REPLACED, endedAt)
                    && !sameSession) {
                ElevationSessions.remove(session, realm, open.getSessionId(), open.getId());
            }
        }
        AmpElevationEntity entity = store.startEmergency(realm.getId(), userId, clientUuid, sessionId, staged.reason(),
                staged.durationSeconds(), System.currentTimeMillis());
        ElevationEvents.send(session, realm, null, Action.START, entity, null);
        return entity;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
