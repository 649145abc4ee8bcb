package io.amp.keycloak.common.rest;

import io.amp.keycloak.common.jpa.Writes;
import io.amp.keycloak.rules.Refused;
import jakarta.ws.rs.core.Response;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.ErrorResponseException;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The JSON errors of the AMP admin APIs, through Keycloak's own ErrorResponse: {"errorMessage": "..."}. */
public final class Errors {

    private Errors() {
    }

    /**
     * Runs a rule or reads a body, turning its {@link Refused} into a 400, 403, 409 or 413 that says
     * why: the one place where AMP's refusals become Keycloak's JSON errors.
     */
    public static <T> T decide(Supplier<T> rule) {
        try {
            return rule.get();
        } catch (Refused refused) {
            throw switch (refused.problem()) {
                case INVALID -> badRequest(refused.getMessage());
                case FORBIDDEN -> forbidden(refused.getMessage());
                case CONFLICT -> conflict(refused.getMessage());
                case TOO_LARGE -> tooLarge(refused.getMessage());
            };
        }
    }

    /** Runs a write whose outcome the database decides; a race it lost ({@link Writes.Lost}) is a 409 saying {@code lost}. */
    public static <T> T unlessLost(Supplier<T> write, String lost) {
        try {
            return write.get();
        } catch (Writes.Lost e) {
            throw conflict(lost);
        }
    }

    /**
     * Runs a conditional change of state (true when this call made it): a change another caller
     * made first, or a race lost, is a 409 saying {@code otherwise}, and the call does nothing more.
     */
    public static void once(BooleanSupplier change, String otherwise) {
        if (!unlessLost(change::getAsBoolean, otherwise)) {
            throw conflict(otherwise);
        }
    }

    public static ErrorResponseException badRequest(String message) {
        return ErrorResponse.error(message, Response.Status.BAD_REQUEST);
    }

    /** A 403, recorded in the audit of refusals ({@link Refusals}). */
    public static ErrorResponseException forbidden(String message) {
        Refusals.record(403, message);
        return ErrorResponse.error(message, Response.Status.FORBIDDEN);
    }

    public static ErrorResponseException notFound(String message) {
        return ErrorResponse.error(message, Response.Status.NOT_FOUND);
    }

    public static ErrorResponseException conflict(String message) {
        return ErrorResponse.error(message, Response.Status.CONFLICT);
    }

    public static ErrorResponseException tooLarge(String message) {
        return ErrorResponse.error(message, Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    public static ErrorResponseException unsupportedMediaType(String message) {
        return ErrorResponse.error(message, Response.Status.UNSUPPORTED_MEDIA_TYPE);
    }

    /**
     * A query parameter that must be a whole number from {@code min} to {@code max} (paging's
     * {@code first} and {@code max}); anything else is a 400 that says the range.
     */
    public static int wholeNumber(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw badRequest("'" + name + "' must be a whole number from " + min + " to " + max);
    }
}
