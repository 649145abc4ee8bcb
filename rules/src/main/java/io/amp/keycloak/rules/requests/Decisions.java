package io.amp.keycloak.rules.requests;

import io.amp.keycloak.rules.Refused;
import io.amp.keycloak.rules.Refused.Problem;
import io.amp.keycloak.rules.requests.AccessRequest.Status;

import java.util.Locale;

/**
 * Who may decide or withdraw a request, and what it becomes. Nobody approves or denies a request
 * they made or that is for themselves; only a pending request can be decided or cancelled, and
 * only its requester cancels it. A decision needs a reason.
 */
public final class Decisions {

    private Decisions() {
    }

    public static AccessRequest approve(AccessRequest request, String approver, String reason) {
        return decide(request, approver, reason, Status.APPROVED);
    }

    public static AccessRequest deny(AccessRequest request, String approver, String reason) {
        return decide(request, approver, reason, Status.DENIED);
    }

    public static AccessRequest cancel(AccessRequest request, String caller) {
        if (!request.requester().equals(caller)) {
            throw new Refused(Problem.FORBIDDEN, "Only the requester can cancel a request");
        }
        requirePending(request);
        return request.decided(Status.CANCELLED, caller, null);
    }

    private static AccessRequest decide(AccessRequest request, String approver, String reason, Status outcome) {
        if (approver.equals(request.requester())) {
            throw new Refused(Problem.FORBIDDEN, "Nobody decides a request they made");
        }
        if (approver.equals(request.subject())) {
            throw new Refused(Problem.FORBIDDEN, "Nobody decides a request for themselves");
        }
        if (reason == null || reason.isBlank()) {
            throw new Refused(Problem.INVALID, "A decision needs a reason");
        }
        requirePending(request);
        return request.decided(outcome, approver, reason.trim());
    }

    private static void requirePending(AccessRequest request) {
        if (request.status() != Status.PENDING) {
            throw new Refused(Problem.CONFLICT, "The request is " + request.status().name().toLowerCase(Locale.ROOT)
                    + " already");
        }
    }

    /**
     * The end a role has once a request for it is approved: an approval never shortens what the
     * user holds. A role not held (or held past its end) gets the approval's end; one held without
     * an end keeps none; one held with an end keeps the later of the two, and no end beats any.
     */
    public static Long endAfterApproval(boolean mapped, Long currentEnd, Long approvedEnd, long now) {
        boolean held = mapped && counts(currentEnd, now);
        if (!held) {
            return approvedEnd;
        }
        if (currentEnd == null || approvedEnd == null) {
            return null;
        }
        return Math.max(currentEnd, approvedEnd);
    }

    /** An approved assignment with an end stops counting at exactly that instant. */
    public static boolean counts(Long endsAt, long now) {
        return endsAt == null || now < endsAt;
    }
}
