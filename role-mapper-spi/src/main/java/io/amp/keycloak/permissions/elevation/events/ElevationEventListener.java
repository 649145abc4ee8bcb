package io.amp.keycloak.permissions.elevation.events;

import io.amp.keycloak.permissions.elevation.ElevationPolicy;
import io.amp.keycloak.permissions.elevation.ElevationPolicy.EndCause;
import io.amp.keycloak.permissions.elevation.jpa.AmpElevationEntity;
import io.amp.keycloak.permissions.elevation.jpa.ElevationStore;
import io.amp.keycloak.permissions.elevation.model.ElevationEvents;
import io.amp.keycloak.permissions.elevation.model.ElevationEvents.Action;
import io.amp.keycloak.permissions.elevation.model.ElevationLifecycle;
import io.amp.keycloak.permissions.elevation.model.ElevationSessions;
import io.amp.keycloak.permissions.elevation.model.ElevationSessions.Staged;
import io.amp.keycloak.permissions.model.PermissionResolver;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;


/**
 * Starts and ends emergency accesses on Keycloak's own login events, in the login's transaction.
 * LOGIN: the login has passed every step and its user session exists, so a staged emergency
 * access starts now (record, session note, START event). LOGOUT: the session's running elevation
 * ends now (END event, cause session-ended). Registered as a global listener: no realm setting.
 */
public final class ElevationEventListener implements EventListenerProvider {

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
        ElevationStore store = new ElevationStore(session);
        long now = System.currentTimeMillis();
        // One open elevation per user and application: an emergency access replaces what the user had open there,
        // in this session (as a new login would end it anyway) or in another.
        for (AmpElevationEntity open : ElevationLifecycle.open(session, realm, store, userSession.getUser().getId(), client.getId(), now)) {
            boolean sameSession = open.getSessionId().equals(userSession.getId());
            if (ElevationLifecycle.end(session, realm, store, open, sameSession ? EndCause.SESSION_ENDED : EndCause.REPLACED, now)
                    && !sameSession) {
                ElevationSessions.remove(session, realm, open.getSessionId(), open.getId());
            }
        }
        AmpElevationEntity entity = store.startEmergency(realm.getId(), userSession.getUser().getId(),
                client.getId(), userSession.getId(), staged.reason(), staged.durationSeconds(), now);
        ElevationLifecycle.putOnSession(session, realm, userSession, entity);
        ElevationEvents.send(session, realm, null, Action.START, entity, null);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
