package io.amp.keycloak.rules.requests;

import java.util.List;
import java.util.Objects;

/**
 * A request of the AMP process (seed 000): someone asks, for themselves or on behalf of another
 * user, for one or more department roles on one system, naming the organization and department.
 *
 * @param requester the user who asks
 * @param subject   the user who would get the roles (the requester when asking for themselves)
 * @param system    the system client's clientId
 * @param roles     department role keys on that system
 * @param endsAt    when the roles stop counting, epoch milliseconds; null for no end
 */
public record AccessRequest(String id, String requester, String subject, String organization, String department,
                            String system, List<String> roles, String justification, Long endsAt, Status status,
                            String decidedBy, String decisionReason) {

    public enum Status { PENDING, APPROVED, DENIED, CANCELLED }

    public AccessRequest {
        roles = List.copyOf(roles);
        Objects.requireNonNull(status);
    }

    public boolean onBehalf() {
        return !requester.equals(subject);
    }

    AccessRequest decided(Status newStatus, String by, String reason) {
        return new AccessRequest(id, requester, subject, organization, department, system, roles, justification, endsAt,
                newStatus, by, reason);
    }
}
