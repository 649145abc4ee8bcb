package io.amp.keycloak.elevation.jpa;

import io.amp.keycloak.common.jpa.Writes;
import io.amp.keycloak.permissions.SessionElevation;
import io.amp.keycloak.rules.elevation.Elevation;
import io.amp.keycloak.rules.elevation.Elevation.Kind;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import io.amp.keycloak.rules.elevation.ElevationPolicy.EndCause;
import io.amp.keycloak.rules.elevation.ElevationPolicy.Status;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Elevation records in Keycloak's database, through the request's own entity manager and transaction. */
public final class ElevationStore {

    private final KeycloakSession session;
    private final EntityManager em;

    public ElevationStore(KeycloakSession session) {
        this.session = session;
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
        Writes.flush(em);
        return entity;
    }

    /** A break-the-glass request, waiting for a reviewer. */
    public AmpElevationEntity request(String realmId, String userId, String clientUuid, String sessionId, String reason,
                                      long durationSeconds, long now) {
        AmpElevationEntity entity = create(realmId, userId, clientUuid, sessionId, Kind.BREAK_THE_GLASS, reason, durationSeconds, now);
        entity.setStatus(Status.PENDING.name());
        em.persist(entity);
        Writes.flush(em);
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
        entity.setOpenKey(userId + "/" + clientUuid);
        return entity;
    }

    public Optional<AmpElevationEntity> find(String realmId, String id) {
        return Optional.ofNullable(em.find(AmpElevationEntity.class, id)).filter(entity -> entity.getRealmId().equals(realmId));
    }

    /*
     * Each change of state below is one conditional update that names the state it leaves: of two
     * callers racing, one changes the row and gets true, the other changes nothing and gets false
     * (or a Writes.Lost where the database reports the lost race instead), and must do nothing else.
     */

    public boolean approve(AmpElevationEntity entity, String reviewerId, String comment, long now) {
        return changed(entity, em.createNamedQuery("ampApproveElevation").setParameter("reviewerId", reviewerId)
                .setParameter("comment", comment).setParameter("now", now)
                .setParameter("endsAt", ElevationPolicy.end(now, entity.getDurationSeconds())));
    }

    public boolean deny(AmpElevationEntity entity, String reviewerId, String comment, long now) {
        return changed(entity, em.createNamedQuery("ampDenyElevation").setParameter("reviewerId", reviewerId)
                .setParameter("comment", comment).setParameter("now", now));
    }

    public boolean acknowledge(AmpElevationEntity entity, String reviewerId, String comment, long now) {
        return changed(entity, em.createNamedQuery("ampAcknowledgeElevation").setParameter("reviewerId", reviewerId)
                .setParameter("comment", comment).setParameter("now", now));
    }

    /** Ends a pending or running record. */
    public boolean end(AmpElevationEntity entity, EndCause cause, long endedAt) {
        return end(entity, cause, endedAt, null, null);
    }

    public boolean revoke(AmpElevationEntity entity, String revokedBy, String comment, long now) {
        return end(entity, EndCause.REVOKED, now, revokedBy, comment);
    }

    /** Ends the record and, for the token side, marks it ended (see {@link SessionElevation#running}). */
    private boolean end(AmpElevationEntity entity, EndCause cause, long endedAt, String revokedBy, String comment) {
        if (!changed(entity, em.createNamedQuery("ampEndElevation").setParameter("cause", cause.name()).setParameter("endedAt", endedAt)
                .setParameter("revokedBy", revokedBy).setParameter("comment", comment))) {
            return false;
        }
        SessionElevation.markEnded(session, entity.getId(), entity.getEndsAt());
        return true;
    }

    private boolean changed(AmpElevationEntity entity, Query update) {
        if (Writes.execute(update.setParameter("id", entity.getId())) == 0) {
            return false;
        }
        em.refresh(entity);
        return true;
    }

    public List<AmpElevationEntity> ofUser(String realmId, String userId) {
        return em.createNamedQuery("ampElevationsOfUser", AmpElevationEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
    }

    /** Records of a user on one application still marked pending or active, whatever their end. */
    public List<AmpElevationEntity> openOfUser(String realmId, String userId, String clientUuid) {
        return em.createNamedQuery("ampOpenElevationsOfUser", AmpElevationEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("clientId", clientUuid).getResultList();
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

    /**
     * Every realm's active records and pending requests, what the sweep looks at: a page of at most
     * {@code max} in the order they were asked for, after the record {@code (afterRequestedAt, afterId)}.
     */
    public List<AmpElevationEntity> toSweep(long afterRequestedAt, String afterId, int max) {
        return em.createNamedQuery("ampElevationsToSweep", AmpElevationEntity.class)
                .setParameter("afterRequestedAt", afterRequestedAt).setParameter("afterId", afterId).setMaxResults(max).getResultList();
    }

    public void deleteRealm(String realmId) {
        em.createQuery("delete from AmpElevationEntity e where e.realmId = :realmId").setParameter("realmId", realmId).executeUpdate();
    }

    /** The token-side form of a running record. */
    public static Elevation elevation(AmpElevationEntity entity) {
        return new Elevation(entity.getId(), Kind.valueOf(entity.getKind()), entity.getClientId(), entity.getStartsAt(), entity.getEndsAt());
    }
}
