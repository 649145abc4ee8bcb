package io.amp.keycloak.requests.resource;

import java.util.List;

/** What the access-request API answers, and what its admin events record. */
public final class Representations {

    private Representations() {
    }

    /** What the API answers with: users by username, the system by clientId. */
    public record RequestRepresentation(String id, String requester, String subject, String organization, String department,
                                        String system, List<String> roles, String justification, Long endsAt, String status,
                                        String decidedBy, String decisionReason, long createdAt, Long decidedAt) {
    }
}
