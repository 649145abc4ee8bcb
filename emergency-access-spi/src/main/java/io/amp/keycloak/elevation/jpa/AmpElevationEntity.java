package io.amp.keycloak.elevation.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One elevation: an emergency access chosen at login, or a break-the-glass request and, once
 * approved, its elevation. Kept as history; ids of users and clients stay when those are removed.
 */
@Entity
@Table(name = "AMP_ELEVATION")
@NamedQueries({
        @NamedQuery(name = "ampElevationsOfUser", query = "select e from AmpElevationEntity e where e.realmId = :realmId"
                + " and e.userId = :userId order by e.requestedAt desc"),
        @NamedQuery(name = "ampElevationsByKindAndStatus", query = "select e from AmpElevationEntity e where e.realmId = :realmId"
                + " and e.kind = :kind and e.status in :statuses order by e.requestedAt desc"),
        @NamedQuery(name = "ampOpenElevationsOfUser", query = "select e from AmpElevationEntity e where e.realmId = :realmId"
                + " and e.userId = :userId and e.clientId = :clientId and e.status in ('PENDING', 'ACTIVE')"),
        @NamedQuery(name = "ampApproveElevation", query = "update AmpElevationEntity e set e.status = 'ACTIVE', e.reviewerId = :reviewerId,"
                + " e.reviewComment = :comment, e.reviewedAt = :now, e.startsAt = :now, e.endsAt = :endsAt"
                + " where e.id = :id and e.status = 'PENDING'"),
        @NamedQuery(name = "ampDenyElevation", query = "update AmpElevationEntity e set e.status = 'DENIED', e.reviewerId = :reviewerId,"
                + " e.reviewComment = :comment, e.reviewedAt = :now, e.openKey = null where e.id = :id and e.status = 'PENDING'"),
        @NamedQuery(name = "ampAcknowledgeElevation", query = "update AmpElevationEntity e set e.acknowledgedBy = :reviewerId,"
                + " e.acknowledgeComment = :comment, e.acknowledgedAt = :now where e.id = :id and e.acknowledgedAt is null"),
        @NamedQuery(name = "ampEndElevation", query = "update AmpElevationEntity e set e.status = 'ENDED', e.endCause = :cause,"
                + " e.endedAt = :endedAt, e.revokedBy = :revokedBy, e.revokeComment = :comment, e.openKey = null"
                + " where e.id = :id and e.status in ('PENDING', 'ACTIVE')"),
        @NamedQuery(name = "ampElevationsToSweep", query = "select e from AmpElevationEntity e where e.status in ('ACTIVE', 'PENDING')"
                + " and (e.requestedAt > :afterRequestedAt or (e.requestedAt = :afterRequestedAt and e.id > :afterId))"
                + " order by e.requestedAt, e.id"),
        @NamedQuery(name = "ampActiveElevationsOfSession", query = "select e from AmpElevationEntity e where e.realmId = :realmId"
                + " and e.sessionId = :sessionId and e.status = 'ACTIVE'"),
        @NamedQuery(name = "ampActiveElevations", query = "select e from AmpElevationEntity e where e.realmId = :realmId"
                + " and e.status = 'ACTIVE' and e.endsAt > :now order by e.startsAt desc"),
})
public class AmpElevationEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;
    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;
    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;
    @Column(name = "SESSION_ID", length = 36, nullable = false)
    private String sessionId;
    @Column(name = "KIND", length = 32, nullable = false)
    private String kind;
    @Column(name = "REASON", length = 500, nullable = false)
    private String reason;
    @Column(name = "DURATION_SECONDS", nullable = false)
    private long durationSeconds;
    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;
    @Column(name = "REQUESTED_AT", nullable = false)
    private long requestedAt;
    @Column(name = "STARTS_AT")
    private Long startsAt;
    @Column(name = "ENDS_AT")
    private Long endsAt;
    @Column(name = "ENDED_AT")
    private Long endedAt;
    @Column(name = "END_CAUSE", length = 16)
    private String endCause;
    @Column(name = "REVIEWER_ID", length = 36)
    private String reviewerId;
    @Column(name = "REVIEW_COMMENT", length = 1000)
    private String reviewComment;
    @Column(name = "REVIEWED_AT")
    private Long reviewedAt;
    @Column(name = "ACKNOWLEDGED_BY", length = 36)
    private String acknowledgedBy;
    @Column(name = "ACKNOWLEDGED_AT")
    private Long acknowledgedAt;
    @Column(name = "ACKNOWLEDGE_COMMENT", length = 1000)
    private String acknowledgeComment;
    /** A name, not an id: the revoking administrator may belong to another realm (master). */
    /** {@code <user id>/<client id>} while pending or running, else null: unique, see the 0.2.0 changelog. */
    @Column(name = "OPEN_KEY", length = 80)
    private String openKey;
    @Column(name = "REVOKED_BY")
    private String revokedBy;
    @Column(name = "REVOKE_COMMENT", length = 1000)
    private String revokeComment;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getSessionId() { return sessionId; }
    public void setSessionId(String sessionId) { this.sessionId = sessionId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public long getDurationSeconds() { return durationSeconds; }
    public void setDurationSeconds(long durationSeconds) { this.durationSeconds = durationSeconds; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public long getRequestedAt() { return requestedAt; }
    public void setRequestedAt(long requestedAt) { this.requestedAt = requestedAt; }
    public Long getStartsAt() { return startsAt; }
    public void setStartsAt(Long startsAt) { this.startsAt = startsAt; }
    public Long getEndsAt() { return endsAt; }
    public void setEndsAt(Long endsAt) { this.endsAt = endsAt; }
    public Long getEndedAt() { return endedAt; }
    public void setEndedAt(Long endedAt) { this.endedAt = endedAt; }
    public String getOpenKey() { return openKey; }
    public void setOpenKey(String openKey) { this.openKey = openKey; }
    public String getEndCause() { return endCause; }
    public void setEndCause(String endCause) { this.endCause = endCause; }
    public String getReviewerId() { return reviewerId; }
    public void setReviewerId(String reviewerId) { this.reviewerId = reviewerId; }
    public String getReviewComment() { return reviewComment; }
    public void setReviewComment(String reviewComment) { this.reviewComment = reviewComment; }
    public Long getReviewedAt() { return reviewedAt; }
    public void setReviewedAt(Long reviewedAt) { this.reviewedAt = reviewedAt; }
    public String getAcknowledgedBy() { return acknowledgedBy; }
    public void setAcknowledgedBy(String acknowledgedBy) { this.acknowledgedBy = acknowledgedBy; }
    public Long getAcknowledgedAt() { return acknowledgedAt; }
    public void setAcknowledgedAt(Long acknowledgedAt) { this.acknowledgedAt = acknowledgedAt; }
    public String getAcknowledgeComment() { return acknowledgeComment; }
    public void setAcknowledgeComment(String acknowledgeComment) { this.acknowledgeComment = acknowledgeComment; }
    public String getRevokedBy() { return revokedBy; }
    public void setRevokedBy(String revokedBy) { this.revokedBy = revokedBy; }
    public String getRevokeComment() { return revokeComment; }
    public void setRevokeComment(String revokeComment) { this.revokeComment = revokeComment; }
}
