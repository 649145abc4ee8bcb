package io.amp.keycloak.permissions.requests.jpa;

import io.amp.keycloak.permissions.requests.AccessRequest;
import io.amp.keycloak.permissions.requests.AccessRequest.Status;
import jakarta.persistence.EntityManager;
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
        em.flush();
        return entity;
    }

    public Optional<AmpAccessRequestEntity> find(String realmId, String id) {
        return Optional.ofNullable(em.find(AmpAccessRequestEntity.class, id)).filter(entity -> entity.getRealmId().equals(realmId));
    }

    public void record(AmpAccessRequestEntity entity, AccessRequest decided) {
        entity.setStatus(decided.status().name());
        entity.setDecidedBy(decided.decidedBy());
        entity.setDecisionReason(decided.decisionReason());
        entity.setDecidedAt(System.currentTimeMillis());
        em.flush();
    }

    public List<AmpAccessRequestEntity> ofUser(String realmId, String userId) {
        return em.createNamedQuery("ampRequestsOfUser", AmpAccessRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
    }

    public List<AmpAccessRequestEntity> withStatus(String realmId, Status status) {
        return em.createNamedQuery("ampRequestsByStatus", AmpAccessRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("status", status.name()).getResultList();
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
