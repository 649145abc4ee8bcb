package io.amp.keycloak.permissions.elevation.jpa;

import io.amp.keycloak.permissions.elevation.Elevation;
import io.amp.keycloak.permissions.elevation.Elevation.Kind;
import io.amp.keycloak.permissions.elevation.ElevationPolicy;
import io.amp.keycloak.permissions.elevation.ElevationPolicy.EndCause;
import io.amp.keycloak.permissions.elevation.ElevationPolicy.Status;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Elevation records in Keycloak's database, through the request's own entity manager and transaction. */
public final class ElevationStore {

    private final EntityManager em;

    public ElevationStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** An emergency access, running from {@code now} for {@code durationSeconds}. */
    public AmpElevationEntity startEmergency(String realmId, String userId, String clientUuid, String sessionId, String reason,
                                             long durationSeconds, long now) {
        AmpElevationEntity entity = create(realmId, userId, clientUuid, sessionId, Kind.EMERGENCY_ACCESS, reason, durationSeconds, now);
        entity.setStatus(Status.ACTIVE.name());
        entity.setStartsAt(now);
        entity.setEndsAt(ElevationPolicy.end(now, durationSeconds));
        em.persist(entity);
        return entity;
    }

    /** A break-the-glass request, waiting for a reviewer. */
    public AmpElevationEntity request(String realmId, String userId, String clientUuid, String sessionId, String reason,
                                      long durationSeconds, long now) {
        AmpElevationEntity entity = create(realmId, userId, clientUuid, sessionId, Kind.BREAK_THE_GLASS, reason, durationSeconds, now);
        entity.setStatus(Status.PENDING.name());
        em.persist(entity);
        em.flush();
        return entity;
    }

    private static AmpElevationEntity create(String realmId, String userId, String clientUuid, String sessionId, Kind kind,
                                             String reason, long durationSeconds, long now) {
        AmpElevationEntity entity = new AmpElevationEntity();
        entity.setId(KeycloakModelUtils.generateId());
        entity.setRealmId(realmId);
        entity.setUserId(userId);
        entity.setClientId(clientUuid);
        entity.setSessionId(sessionId);
        entity.setKind(kind.name());
        entity.setReason(reason);
        entity.setDurationSeconds(durationSeconds);
        entity.setRequestedAt(now);
        return entity;
    }

    public Optional<AmpElevationEntity> find(String realmId, String id) {
        return Optional.ofNullable(em.find(AmpElevationEntity.class, id)).filter(entity -> entity.getRealmId().equals(realmId));
    }

    public void approve(AmpElevationEntity entity, String reviewerId, String comment, long now) {
        review(entity, reviewerId, comment, now, Status.ACTIVE);
        entity.setStartsAt(now);
        entity.setEndsAt(ElevationPolicy.end(now, entity.getDurationSeconds()));
        em.flush();
    }

    public void deny(AmpElevationEntity entity, String reviewerId, String comment, long now) {
        review(entity, reviewerId, comment, now, Status.DENIED);
        em.flush();
    }

    private static void review(AmpElevationEntity entity, String reviewerId, String comment, long now, Status outcome) {
        entity.setStatus(outcome.name());
        entity.setReviewerId(reviewerId);
        entity.setReviewComment(comment);
        entity.setReviewedAt(now);
    }

    public void acknowledge(AmpElevationEntity entity, String reviewerId, String comment, long now) {
        entity.setAcknowledgedBy(reviewerId);
        entity.setAcknowledgedAt(now);
        entity.setAcknowledgeComment(comment);
        em.flush();
    }

    public void end(AmpElevationEntity entity, EndCause cause, long endedAt) {
        entity.setStatus(Status.ENDED.name());
        entity.setEndCause(cause.name());
        entity.setEndedAt(endedAt);
        em.flush();
    }

    public void revoke(AmpElevationEntity entity, String revokedBy, String comment, long now) {
        entity.setRevokedBy(revokedBy);
        entity.setRevokeComment(comment);
        end(entity, EndCause.REVOKED, now);
    }

    public List<AmpElevationEntity> ofUser(String realmId, String userId) {
        return em.createNamedQuery("ampElevationsOfUser", AmpElevationEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
    }

    /** Pending requests and running elevations of a user: what forbids asking again. */
    public List<AmpElevationEntity> openOfUser(String realmId, String userId, long now) {
        return em.createNamedQuery("ampOpenElevationsOfUser", AmpElevationEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("now", now).getResultList();
    }

    public List<AmpElevationEntity> of(String realmId, Kind kind, Collection<Status> statuses) {
        return em.createNamedQuery("ampElevationsByKindAndStatus", AmpElevationEntity.class)
                .setParameter("realmId", realmId).setParameter("kind", kind.name())
                .setParameter("statuses", statuses.stream().map(Status::name).toList()).getResultList();
    }

    /** Records still marked active of one user session, whatever their end. */
    public List<AmpElevationEntity> activeOfSession(String realmId, String sessionId) {
        return em.createNamedQuery("ampActiveElevationsOfSession", AmpElevationEntity.class)
                .setParameter("realmId", realmId).setParameter("sessionId", sessionId).getResultList();
    }

    public List<AmpElevationEntity> active(String realmId, long now) {
        return em.createNamedQuery("ampActiveElevations", AmpElevationEntity.class)
                .setParameter("realmId", realmId).setParameter("now", now).getResultList();
    }

    /** Every realm's active records and pending requests: what the sweep looks at. */
    public List<AmpElevationEntity> toSweep(int max) {
        return em.createNamedQuery("ampElevationsToSweep", AmpElevationEntity.class).setMaxResults(max).getResultList();
    }

    public void deleteRealm(String realmId) {
        em.createQuery("delete from AmpElevationEntity e where e.realmId = :realmId").setParameter("realmId", realmId).executeUpdate();
    }

    /** The token-side form of a running record. */
    public static Elevation elevation(AmpElevationEntity entity) {
        return new Elevation(entity.getId(), Kind.valueOf(entity.getKind()), entity.getClientId(), entity.getStartsAt(), entity.getEndsAt());
    }
}
