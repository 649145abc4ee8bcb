package io.amp.keycloak.rules.elevation;

import io.amp.keycloak.rules.Refused;
import io.amp.keycloak.rules.Refused.Problem;
import io.amp.keycloak.rules.Text;
import io.amp.keycloak.rules.elevation.Elevation.Kind;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules of emergency access and break-the-glass (seed 001), without Keycloak: what an
 * elevation adds, when it counts, which reasons and durations are accepted, and who may review,
 * acknowledge or revoke what.
 */
public final class ElevationPolicy {

    /** Lets a user choose emergency access on the login page. */
    public static final String EMERGENCY_ACCESS = "emergency-access";
    /** Lets a user review break-the-glass requests and acknowledge emergency accesses. */
    public static final String REVIEW = "break-the-glass-review";
    /**
     * Create and Update Patients, Access Scheduling, Access Clinical Notes: what an elevation grants
     * unless the realm configures another set ({@link #permissions(String)}).
     */
    public static final List<String> ELEVATED = List.of("create-and-update-patients", "access-scheduling", "access-clinical-notes");
    public static final int MAX_REASON = 500;
    public static final int MAX_COMMENT = 1000;
    public static final int MAX_MINUTES = 480;
    public static final long DEFAULT_EMERGENCY_SECONDS = 3600;

    private ElevationPolicy() {
    }

    /** The stored life of a record. A break-the-glass request starts PENDING; emergency access starts ACTIVE. */
    public enum Status { PENDING, DENIED, ACTIVE, ENDED }

    /** Why an active elevation ended. */
    public enum EndCause { EXPIRED, SESSION_ENDED, REVOKED, REPLACED, USER_REMOVED }

    /** The reason, trimmed: required, at most {@value #MAX_REASON} characters. */
    public static String reason(String raw) {
        return text(raw, "A reason is required", "reason", MAX_REASON);
    }

    /** A break-the-glass duration: whole minutes from 1 to {@value #MAX_MINUTES}. */
    public static int minutes(Long minutes) {
        if (minutes == null) {
            throw new Refused(Problem.INVALID, "'durationMinutes' is required");
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new Refused(Problem.INVALID, "'durationMinutes' must be between 1 and " + MAX_MINUTES + ", but is " + minutes);
        }
        return minutes.intValue();
    }

    /**
     * The permission keys an elevation grants, as a realm configures them: a comma-separated list
     * (blanks around keys and empty items ignored, each key once, in the order given). Absent or
     * holding no key: {@link #ELEVATED}.
     */
    public static List<String> permissions(String configured) {
        if (configured == null) {
            return ELEVATED;
        }
        List<String> keys = Arrays.stream(configured.split(",")).map(String::strip).filter(key -> !key.isEmpty()).distinct().toList();
        return keys.isEmpty() ? ELEVATED : keys;
    }

    /**
     * Whether an application may be elevated to {@code permissions}: it must have each of them as a
     * permission of its catalog ({@code isPermission}); one it lacks makes the application not
     * eligible, rather than elevating to part of the set.
     */
    public static boolean eligible(Collection<String> permissions, Predicate<String> isPermission) {
        return !permissions.isEmpty() && permissions.stream().allMatch(isPermission);
    }

    /**
     * The permission keys the elevation adds to a token of {@code clientId} at {@code now}: none
     * unless it is this client's and running; an emergency access also only while the user still
     * holds Emergency Access ({@code effective} is what the user has without the elevation).
     * {@code permissions} is what an elevation grants in the realm ({@link #permissions(String)}).
     */
    public static Set<String> grants(Optional<Elevation> elevation, String clientId, Set<String> effective, long now,
                                     Collection<String> permissions) {
        if (elevation.isEmpty()) {
            return Set.of();
        }
        Elevation running = elevation.get();
        if (!running.clientId().equals(clientId) || !running.activeAt(now)) {
            return Set.of();
        }
        if (running.kind() == Kind.EMERGENCY_ACCESS && !effective.contains(EMERGENCY_ACCESS)) {
            return Set.of();
        }
        return new LinkedHashSet<>(permissions);
    }

    /**
     * When an elevation starting at {@code startsAt} (epoch ms) for {@code durationSeconds} ends:
     * rounded down to a whole second, so that the end is exactly expressible as a token's
     * {@code exp}. An elevation is never longer than configured, and shorter by less than a second.
     */
    public static long end(long startsAt, long durationSeconds) {
        return Math.floorDiv(startsAt + durationSeconds * 1000L, 1000L) * 1000L;
    }

    /** Approving or denying: never one's own request, only a pending one, always with a comment. */
    public static String review(String requester, String reviewer, Status status, String comment) {
        if (requester.equals(reviewer)) {
            throw new Refused(Problem.FORBIDDEN, "Nobody reviews their own break-the-glass request");
        }
        if (status != Status.PENDING) {
            throw new Refused(Problem.CONFLICT, "The request is " + status.name().toLowerCase() + " already");
        }
        return text(comment, "A comment is required", "comment", MAX_COMMENT);
    }

    /**
     * Acknowledging an emergency access after the fact: by a reviewer other than the user, once.
     * The comment is optional; returns it trimmed, or null.
     */
    public static String acknowledge(Kind kind, String user, String reviewer, boolean acknowledged, String comment) {
        if (kind != Kind.EMERGENCY_ACCESS) {
            throw new Refused(Problem.CONFLICT, "Only emergency accesses are acknowledged; break-the-glass requests are reviewed");
        }
        if (user.equals(reviewer)) {
            throw new Refused(Problem.FORBIDDEN, "Nobody acknowledges their own emergency access");
        }
        if (acknowledged) {
            throw new Refused(Problem.CONFLICT, "The emergency access is acknowledged already");
        }
        return comment == null || Text.isBlank(comment) ? null : text(comment, null, "comment", MAX_COMMENT);
    }

    /** Only a running elevation is revoked. */
    public static void revoke(Status status, Long endsAt, long now) {
        if (shown(status, endsAt, now) != Status.ACTIVE) {
            throw new Refused(Problem.CONFLICT, "The elevation is not active");
        }
    }

    /** The status as of {@code now}: an active record past its end is ended, even before the sweep marks it. */
    public static Status shown(Status stored, Long endsAt, long now) {
        return stored == Status.ACTIVE && endsAt != null && now >= endsAt ? Status.ENDED : stored;
    }

    private static String text(String raw, String missing, String field, int max) {
        String trimmed = raw == null ? "" : raw.strip();
        if (trimmed.isEmpty() || Text.isBlank(trimmed)) {
            throw new Refused(Problem.INVALID, missing);
        }
        if (!Text.isFreeText(trimmed)) {
            throw new Refused(Problem.INVALID, "The " + field + " holds control or direction-override characters");
        }
        if (trimmed.length() > max) {
            throw new Refused(Problem.INVALID, "The " + field + " has " + trimmed.length() + " characters; at most " + max + " are allowed");
        }
        return trimmed;
    }
}
