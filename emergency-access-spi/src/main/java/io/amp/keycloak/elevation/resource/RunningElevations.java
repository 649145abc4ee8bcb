package io.amp.keycloak.elevation.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.elevation.ElevationEvents;
import io.amp.keycloak.elevation.ElevationEvents.Action;
import io.amp.keycloak.elevation.ElevationRepresentation;
import io.amp.keycloak.elevation.ElevationSessions;
import io.amp.keycloak.elevation.jpa.AmpElevationEntity;
import io.amp.keycloak.elevation.jpa.ElevationStore;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import io.amp.keycloak.rules.elevation.ElevationPolicy.Status;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.List;

/**
 * What realm administrators do with the realm's running elevations, whichever surface they call:
 * list them, and revoke one. One implementation for {@code /admin/realms/{realm}/amp-elevation}
 * ({@link ElevationAdminResource}) and {@code /realms/{realm}/amp/elevations} ({@link ElevationsResource});
 * each surface authorizes its caller first, before any id is read, and then comes here.
 */
final class RunningElevations {

    private static final String NOT_FOUND = "Elevation not found";

    private final Caller caller;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final ElevationStore store;

    RunningElevations(Caller caller) {
        this.caller = caller;
        this.session = caller.session();
        this.realm = caller.realm();
        this.store = new ElevationStore(session);
    }

    /** Running elevations of the realm, latest start first. */
    List<ElevationRepresentation> active() {
        return store.active(realm.getId(), System.currentTimeMillis()).stream()
                .map(entity -> ElevationEvents.representation(session, realm, entity)).toList();
    }

    /**
     * Ends a running elevation now (one conditional update: of two revocations, or a revocation and
     * the elevation's own end, one wins and the other is a 409), takes it off its session so that
     * the next token is not elevated, and records the admin event. An optional body
     * {@code {"comment": "..."}} says why.
     */
    ElevationRepresentation revoke(String id, String body) {
        String comment = ElevationsResource.optionalComment(body);
        AmpElevationEntity entity = store.find(realm.getId(), id).orElseThrow(() -> Errors.notFound(NOT_FOUND));
        long now = System.currentTimeMillis();
        Errors.decide(() -> {
            ElevationPolicy.revoke(Status.valueOf(entity.getStatus()), entity.getEndsAt(), now);
            return null;
        });
        Errors.once(() -> store.revoke(entity, caller.qualifiedName(), comment, now), "The elevation ended meanwhile");
        ElevationSessions.remove(session, realm, entity.getSessionId(), entity.getId());
        return ElevationEvents.send(session, realm, caller.adminEvent(), Action.REVOKE, entity, comment);
    }
}
