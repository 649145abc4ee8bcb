package io.amp.keycloak.client.representation;

import java.util.List;

/**
 * An access request: users by username, the system by clientId, instants in epoch milliseconds;
 * {@code status} pending, approved, denied or cancelled.
 */
public record AccessRequest(String id, String requester, String subject, String organization, String department,
                            String system, List<String> roles, String justification, Long endsAt, String status,
                            String decidedBy, String decisionReason, long createdAt, Long decidedAt) {
}
