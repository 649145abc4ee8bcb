package io.amp.keycloak.rest;

import jakarta.ws.rs.core.Response;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.ErrorResponseException;

import java.util.function.Supplier;

/** The JSON errors of the AMP admin APIs, through Keycloak's own ErrorResponse: {"errorMessage": "..."}. */
public final class Errors {

    private Errors() {
    }

    /** Runs a reading step, turning a {@link JsonBody.BadRequest} into a 400 that says why. */
    public static <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (JsonBody.BadRequest e) {
            throw badRequest(e.getMessage());
        }
    }

    public static ErrorResponseException badRequest(String message) {
        return ErrorResponse.error(message, Response.Status.BAD_REQUEST);
    }

    public static ErrorResponseException forbidden(String message) {
        return ErrorResponse.error(message, Response.Status.FORBIDDEN);
    }

    public static ErrorResponseException notFound(String message) {
        return ErrorResponse.error(message, Response.Status.NOT_FOUND);
    }

    public static ErrorResponseException conflict(String message) {
        return ErrorResponse.error(message, Response.Status.CONFLICT);
    }
}
