package io.amp.keycloak.requests.jpa;

import io.amp.keycloak.common.jpa.Writes;
import io.amp.keycloak.rules.requests.AccessRequest;
import io.amp.keycloak.rules.requests.AccessRequest.Status;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Access requests in Keycloak's database, through the request's own entity manager and transaction. */
public final class AccessRequestStore {

    private final EntityManager em;

    public AccessRequestStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public AmpAccessRequestEntity create(String realmId, AccessRequest request, String clientUuid) {
        AmpAccessRequestEntity entity = new AmpAccessRequestEntity();
        entity.setId(KeycloakModelUtils.generateId());
        entity.setRealmId(realmId);
        entity.setRequesterId(request.requester());
        entity.setSubjectId(request.subject());
        entity.setOrganization(request.organization());
        entity.setDepartment(request.department());
        entity.setClientId(clientUuid);
        entity.setRoles(String.join(",", request.roles()));
        entity.setJustification(request.justification());
        entity.setEndsAt(request.endsAt());
        entity.setStatus(Status.PENDING.name());
        entity.setCreatedAt(System.currentTimeMillis());
        em.persist(entity);
        for (String role : request.roles()) {
            AmpPendingRoleEntity pending = new AmpPendingRoleEntity();
            pending.setKey(AmpPendingRoleEntity.key(request.subject(), clientUuid, role));
            pending.setRequestId(entity.getId());
            em.persist(pending);
        }
        Writes.flush(em);
        return entity;
    }

    public Optional<AmpAccessRequestEntity> find(String realmId, String id) {
        return Optional.ofNullable(em.find(AmpAccessRequestEntity.class, id)).filter(entity -> entity.getRealmId().equals(realmId));
    }

    /**
     * Records a decision (or cancellation) of a pending request, if it is still pending: one
     * conditional update, so of two deciders racing only one changes the row. False when the
     * request was decided meanwhile; the caller then changes nothing else.
     */
    public boolean record(AmpAccessRequestEntity entity, AccessRequest decided) {
        if (!decide(entity.getId(), decided.status(), decided.decidedBy(), decided.decisionReason())) {
            return false;
        }
        em.refresh(entity);
        return true;
    }

    private boolean decide(String id, Status status, String decidedBy, String reason) {
        int changed = Writes.execute(em.createNamedQuery("ampDecideRequest")
                .setParameter("id", id).setParameter("status", status.name())
                .setParameter("decidedBy", decidedBy).setParameter("reason", reason)
                .setParameter("decidedAt", System.currentTimeMillis()));
        if (changed == 0) {
            return false;
        }
        Writes.execute(em.createNamedQuery("ampDeletePendingOfRequest").setParameter("requestId", id));
        return true;
    }

    /**
     * Cancels the pending requests a removed user made or was the subject of, keeping them as
     * history with the cause as their reason.
     */
    public void cancelOfRemovedUser(String realmId, String userId) {
        for (AmpAccessRequestEntity entity : ofUser(realmId, userId)) {
            if (Status.PENDING.name().equals(entity.getStatus())) {
                decide(entity.getId(), Status.CANCELLED, null,
                        "Cancelled: " + (userId.equals(entity.getSubjectId()) ? "the user it was for" : "the requester") + " was removed");
            }
        }
    }

    public void deleteRealm(String realmId) {
        em.createNamedQuery("ampDeletePendingOfRequests").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("ampDeleteRequestsOfRealm").setParameter("realmId", realmId).executeUpdate();
    }

    public List<AmpAccessRequestEntity> ofUser(String realmId, String userId) {
        return em.createNamedQuery("ampRequestsOfUser", AmpAccessRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
    }

    public List<AmpAccessRequestEntity> withStatus(String realmId, Status status) {
        return em.createNamedQuery("ampRequestsByStatus", AmpAccessRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("status", status.name()).getResultList();
    }

    /** A page of the realm's requests, newest first; of one status, or of every status when {@code status} is null. */
    public List<AmpAccessRequestEntity> page(String realmId, Status status, int first, int max) {
        TypedQuery<AmpAccessRequestEntity> query = status == null
                ? em.createNamedQuery("ampRequestsOfRealm", AmpAccessRequestEntity.class)
                : em.createNamedQuery("ampRequestsOfRealmByStatus", AmpAccessRequestEntity.class).setParameter("status", status.name());
        return query.setParameter("realmId", realmId).setFirstResult(first).setMaxResults(max).getResultList();
    }

    public List<String> pendingRoles(String realmId, String subjectId, String clientUuid) {
        return em.createNamedQuery("ampPendingOfSubject", AmpAccessRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("subjectId", subjectId).setParameter("clientId", clientUuid)
                .getResultStream().flatMap(entity -> Arrays.stream(entity.getRoles().split(","))).toList();
    }

    /** Approved requests whose end has passed and whose role mappings are still to be removed, oldest first. */
    public List<AmpAccessRequestEntity> endedAssignments(long now, int max) {
        return em.createNamedQuery("ampEndedAssignments", AmpAccessRequestEntity.class)
                .setParameter("now", now).setMaxResults(max).getResultList();
    }

    public void markRemoved(AmpAccessRequestEntity entity, long now) {
        entity.setRemovedAt(now);
        em.flush();
    }

    public static AccessRequest toRequest(AmpAccessRequestEntity entity, String system) {
        return new AccessRequest(entity.getId(), entity.getRequesterId(), entity.getSubjectId(), entity.getOrganization(),
                entity.getDepartment(), system, Arrays.asList(entity.getRoles().split(",")), entity.getJustification(),
                entity.getEndsAt(), Status.valueOf(entity.getStatus()), entity.getDecidedBy(), entity.getDecisionReason());
    }
}
