package io.amp.keycloak.client.representation;

/**
 * An emergency access or a break-the-glass request and its elevation: users by username, the
 * system by clientId, instants in epoch milliseconds ({@code endsAt} a whole second, not included);
 * null where there is no value yet. {@code kind} emergency-access or break-the-glass; {@code status}
 * pending, denied, active or ended; {@code endCause} expired, session-ended or revoked.
 */
public record Elevation(String id, String kind, String user, String system, String reason, long durationSeconds,
                        String status, long requestedAt, Long startsAt, Long endsAt, Long endedAt, String endCause,
                        String reviewer, String reviewComment, Long reviewedAt, String acknowledgedBy, Long acknowledgedAt,
                        String acknowledgeComment, String revokedBy, String revokeComment) {
}
