package io.amp.keycloak.common.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.function.Function;

/**
 * What both surfaces do before any AMP resource runs: check the body's framing, resolve the
 * caller, and tell the audit who calls and which API answers.
 */
final class Entry {

    private Entry() {
    }

    static Object serve(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                        Function<Caller, Object> resources) {
        Refusals.caller(session, auth.adminAuth());
        requireJsonBody(session);
        Object resource = resources.apply(new Caller(session, realm, auth, adminEvent));
        Refusals.api(session, resource.getClass());
        return resource;
    }

    /**
     * Every AMP call that sends a body sends JSON: another media type, or a body without one, is
     * a 415 before any resource method reads it (a bodiless POST, such as cancel, needs none).
     * No AMP call needs more than {@link JsonBody#MAX_BODY}: a longer body is a 413, unread.
     */
    private static void requireJsonBody(KeycloakSession session) {
        HttpRequest request = session.getContext().getHttpRequest();
        HttpHeaders headers = request.getHttpHeaders();
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declaredLength(length) > JsonBody.MAX_BODY) {
            throw Errors.tooLarge("The body is larger than " + JsonBody.MAX_BODY + " bytes");
        }
        String method = request.getHttpMethod();
        if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method)) {
            return;
        }
        MediaType type;
        try {
            type = headers.getMediaType();
        } catch (IllegalArgumentException unparsable) {
            throw Errors.unsupportedMediaType("Send the body as application/json");
        }
        boolean hasBody = headers.getHeaderString("Transfer-Encoding") != null || (length != null && !"0".equals(length.strip()));
        if (type == null ? hasBody : !(type.getType().equalsIgnoreCase("application") && type.getSubtype().equalsIgnoreCase("json"))) {
            throw Errors.unsupportedMediaType("Send the body as application/json");
        }
    }

    private static long declaredLength(String contentLength) {
        try {
            return contentLength == null ? 0 : Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
