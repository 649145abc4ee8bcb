package io.amp.keycloak.elevation;

/** The record as the API and the events show it: users by username, the system by clientId. */
public record ElevationRepresentation(String id, String kind, String user, String system, String reason,
                                      long durationSeconds, String status, long requestedAt, Long startsAt, Long endsAt,
                                      Long endedAt, String endCause, String reviewer, String reviewComment, Long reviewedAt,
                                      String acknowledgedBy, Long acknowledgedAt, String acknowledgeComment, String revokedBy,
                                      String revokeComment) {
}
