package io.amp.keycloak.elevation;

import io.amp.keycloak.common.rest.UserNames;
import io.amp.keycloak.elevation.jpa.AmpElevationEntity;
import io.amp.keycloak.rules.elevation.Elevation.Kind;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import io.amp.keycloak.rules.elevation.ElevationPolicy.Status;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.Locale;

/**
 * Every step of an elevation as a Keycloak admin event of resource type {@value #ElevationContract.RESOURCE_TYPE}
 * (kept when the realm saves admin events), with the action, the kind and the reason in the
 * event's details and the record as its representation; and one log line each.
 */
public final class ElevationEvents {

    private static final Logger LOG = Logger.getLogger(ElevationEvents.class);

    /** What happened to the record. */
    public enum Action { START, REQUEST, APPROVE, DENY, ACKNOWLEDGE, REVOKE, END }


    private ElevationEvents() {
    }

    public static ElevationRepresentation representation(KeycloakSession session, RealmModel realm, AmpElevationEntity entity) {
        ClientModel client = realm.getClientById(entity.getClientId());
        Status status = ElevationPolicy.shown(Status.valueOf(entity.getStatus()), entity.getEndsAt(), System.currentTimeMillis());
        String endCause = entity.getEndCause() != null ? entity.getEndCause()
                : status == Status.ENDED ? ElevationPolicy.EndCause.EXPIRED.name() : null;
        return new ElevationRepresentation(entity.getId(), Kind.valueOf(entity.getKind()).key(), UserNames.of(session, realm, entity.getUserId()),
                client == null ? entity.getClientId() : client.getClientId(), entity.getReason(), entity.getDurationSeconds(),
                lower(status.name()), entity.getRequestedAt(), entity.getStartsAt(), entity.getEndsAt(),
                entity.getEndedAt() != null ? entity.getEndedAt() : status == Status.ENDED ? entity.getEndsAt() : null,
                lower(endCause), UserNames.of(session, realm, entity.getReviewerId()), entity.getReviewComment(), entity.getReviewedAt(),
                UserNames.of(session, realm, entity.getAcknowledgedBy()), entity.getAcknowledgedAt(), entity.getAcknowledgeComment(),
                entity.getRevokedBy(), entity.getRevokeComment());
    }

    /**
     * Sends the event of {@code action}; {@code events} is the admin API's builder, or null where
     * no admin request runs (login, sweep): then the event is authored by the record's own user.
     */
    public static ElevationRepresentation send(KeycloakSession session, RealmModel realm, AdminEventBuilder events, Action action,
                                               AmpElevationEntity entity, String comment) {
        ElevationRepresentation representation = representation(session, realm, entity);
        AdminEventBuilder builder = events != null ? events.clone(session) : ownEvents(session, realm, entity);
        if (builder != null) {
            builder.operation(action == Action.START || action == Action.REQUEST ? OperationType.CREATE : OperationType.UPDATE)
                    .resource(ElevationContract.RESOURCE_TYPE).resourcePath("elevations", entity.getId())
                    .detail("action", lower(action.name())).detail("kind", representation.kind())
                    .detail("user", representation.user()).detail("reason", entity.getReason());
            if (comment != null) {
                builder.detail("comment", comment);
            }
            if (representation.endCause() != null) {
                builder.detail("end_cause", representation.endCause());
            }
            builder.representation(representation).success();
        }
        LOG.infof("Elevation %s %s: %s of %s on %s (%s), reason: %s", entity.getId(), lower(action.name()), representation.kind(),
                representation.user(), representation.system(), representation.status(), entity.getReason());
        return representation;
    }

    private static AdminEventBuilder ownEvents(KeycloakSession session, RealmModel realm, AmpElevationEntity entity) {
        UserModel user = session.users().getUserById(realm, entity.getUserId());
        ClientModel client = realm.getClientById(entity.getClientId());
        if (user == null || client == null) {
            return null;
        }
        String address = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteHost();
        return new AdminEventBuilder(realm, new AdminAuth(realm, null, user, client), session, address, null) {
        };
    }


    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
