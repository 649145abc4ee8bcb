package io.amp.keycloak.requests.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One access request and its decision, kept as history. */
@Entity
@Table(name = "AMP_ACCESS_REQUEST")
@NamedQueries({
        @NamedQuery(name = "ampRequestsOfUser", query = "select r from AmpAccessRequestEntity r where r.realmId = :realmId"
                + " and (r.requesterId = :userId or r.subjectId = :userId) order by r.createdAt desc"),
        @NamedQuery(name = "ampRequestsByStatus", query = "select r from AmpAccessRequestEntity r where r.realmId = :realmId"
                + " and r.status = :status order by r.createdAt"),
        @NamedQuery(name = "ampRequestsOfRealm", query = "select r from AmpAccessRequestEntity r where r.realmId = :realmId"
                + " order by r.createdAt desc, r.id desc"),
        @NamedQuery(name = "ampRequestsOfRealmByStatus", query = "select r from AmpAccessRequestEntity r where r.realmId = :realmId"
                + " and r.status = :status order by r.createdAt desc, r.id desc"),
        @NamedQuery(name = "ampPendingOfSubject", query = "select r from AmpAccessRequestEntity r where r.realmId = :realmId"
                + " and r.subjectId = :subjectId and r.clientId = :clientId and r.status = 'PENDING'"),
        @NamedQuery(name = "ampEndedAssignments", query = "select r from AmpAccessRequestEntity r where r.status = 'APPROVED'"
                + " and r.endsAt <= :now and r.removedAt is null order by r.endsAt"),
        @NamedQuery(name = "ampDecideRequest", query = "update AmpAccessRequestEntity r set r.status = :status,"
                + " r.decidedBy = :decidedBy, r.decisionReason = :reason, r.decidedAt = :decidedAt"
                + " where r.id = :id and r.status = 'PENDING'"),
        @NamedQuery(name = "ampDeleteRequestsOfRealm", query = "delete from AmpAccessRequestEntity r where r.realmId = :realmId"),
})
public class AmpAccessRequestEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;
    @Column(name = "REQUESTER_ID", length = 36, nullable = false)
    private String requesterId;
    @Column(name = "SUBJECT_ID", length = 36, nullable = false)
    private String subjectId;
    @Column(name = "ORGANIZATION", nullable = false)
    private String organization;
    @Column(name = "DEPARTMENT", nullable = false)
    private String department;
    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;
    /** Department role keys, comma-separated. */
    @Column(name = "ROLES", length = 2000, nullable = false)
    private String roles;
    @Column(name = "JUSTIFICATION", length = 1000)
    private String justification;
    @Column(name = "ENDS_AT")
    private Long endsAt;
    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;
    @Column(name = "DECIDED_BY")
    private String decidedBy;
    @Column(name = "DECISION_REASON", length = 1000)
    private String decisionReason;
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;
    @Column(name = "DECIDED_AT")
    private Long decidedAt;
    @Column(name = "REMOVED_AT")
    private Long removedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getRequesterId() { return requesterId; }
    public void setRequesterId(String requesterId) { this.requesterId = requesterId; }
    public String getSubjectId() { return subjectId; }
    public void setSubjectId(String subjectId) { this.subjectId = subjectId; }
    public String getOrganization() { return organization; }
    public void setOrganization(String organization) { this.organization = organization; }
    public String getDepartment() { return department; }
    public void setDepartment(String department) { this.department = department; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getRoles() { return roles; }
    public void setRoles(String roles) { this.roles = roles; }
    public String getJustification() { return justification; }
    public void setJustification(String justification) { this.justification = justification; }
    public Long getEndsAt() { return endsAt; }
    public void setEndsAt(Long endsAt) { this.endsAt = endsAt; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getDecidedBy() { return decidedBy; }
    public void setDecidedBy(String decidedBy) { this.decidedBy = decidedBy; }
    public String getDecisionReason() { return decisionReason; }
    public void setDecisionReason(String decisionReason) { this.decisionReason = decisionReason; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public Long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(Long decidedAt) { this.decidedAt = decidedAt; }
    public Long getRemovedAt() { return removedAt; }
    public void setRemovedAt(Long removedAt) { this.removedAt = removedAt; }
}
