package io.amp.keycloak.common.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.utils.KeycloakSessionUtil;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The audit of refused calls: every 403 an AMP API answers, and every 401 of the user surface
 * {@code /realms/{realm}/amp}, is one line in the log category
 * {@value #CATEGORY}, saying who asked (user and client, with their realm), in which realm, what
 * (method and the path as sent, still encoded), on which target (the ids in the path), when, and why; never the body or the
 * token. Every value a caller or an admin could choose is quoted and escaped, so no one adds a
 * field or a line of their own. Keycloak's admin events record only what succeeded; on the admin
 * surface a 401 (no or bad token) is answered by Keycloak before any AMP code runs and shows in
 * Keycloak's HTTP access log.
 */
public final class Refusals {

    public static final String CATEGORY = "io.amp.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final String CALLER = Refusals.class.getName() + ".caller";
    private static final String API = Refusals.class.getName() + ".api";
    /** Segments before an API's own path: {@code realms/{realm}/amp/{api}} and {@code admin/realms/{realm}/{extension}}. */
    private static final int API_BASE = 4;

    private Refusals() {
    }

    /** Remembers who is calling, for the refusals of this request. */
    static void caller(KeycloakSession session, AdminAuth auth) {
        String client = auth.getClient() == null ? "-" : auth.getClient().getClientId();
        String user = auth.getUser() == null ? "-" : auth.getUser().getUsername();
        session.setAttribute(CALLER, "user=\"" + safe(user + "@" + auth.getRealm().getName()) + "\" client=\"" + safe(client) + "\"");
    }

    /** Remembers which resource answers this request, to name the ids of a refusal (see {@link PathTemplates}). */
    static void api(KeycloakSession session, Class<?> resource) {
        session.setAttribute(API, resource);
    }

    static void record(int status, String reason) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null || session.getContext().getHttpRequest() == null) {
            return;
        }
        String caller = session.getAttributeOrDefault(CALLER, "user=\"anonymous\" client=\"-\"");
        UriInfo uri = session.getContext().getUri();
        MultivaluedMap<String, String> parameters = uri.getPathParameters();
        String target = String.join("/", target(session, uri));
        String realm = session.getContext().getRealm() == null ? "-" : session.getContext().getRealm().getName();
        LOG.warnf("AMP refused %d: realm=\"%s\" %s operation=\"%s %s\" target=\"%s\" at=%s reason=\"%s\"", status,
                safe(parameters.getFirst("realm") != null ? parameters.getFirst("realm") : realm), caller,
                session.getContext().getHttpRequest().getHttpMethod(), safe(uri.getRequestUri().getRawPath()),
                target.isEmpty() ? "-" : safe(target),
                Instant.now(), safe(reason));
    }

    /**
     * The ids the caller named, in path order. Matched against the API's operations, so that a
     * refusal decided in a sub-resource locator, before JAX-RS has matched the ids below it, names
     * them too; otherwise the path parameters matched so far, but the realm and the API's own name.
     */
    private static List<String> target(KeycloakSession session, UriInfo uri) {
        // The segments as sent, decoded once here as JAX-RS decoded the ids: KeycloakUriInfo's decoded
        // segments decode a second time, which misstates "%2561" and fails on "%25zz".
        String raw = uri.getRequestUri().getRawPath();
        String base = uri.getBaseUri().getRawPath();
        List<String> segments = Arrays.stream((raw.startsWith(base) ? raw.substring(base.length()) : raw).split("/"))
                .filter(segment -> !segment.isEmpty()).map(Refusals::decodeOnce).toList();
        Class<?> api = session.getAttribute(API, Class.class);
        if (api != null && segments.size() >= API_BASE) {
            Optional<List<String>> ids = PathTemplates.ids(api, segments.subList(API_BASE, segments.size()));
            if (ids.isPresent()) {
                return ids.get();
            }
        }
        String path = uri.getPath();
        return uri.getPathParameters().entrySet().stream()
                .filter(parameter -> !"realm".equals(parameter.getKey()) && !"extension".equals(parameter.getKey())
                        && !"api".equals(parameter.getKey()))
                .flatMap(parameter -> parameter.getValue().stream())
                .sorted(Comparator.comparingInt(path::indexOf))
                .toList();
    }

    private static String decodeOnce(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    /**
     * A value as one line that says what it is: ids in paths are the caller's to choose, so line
     * breaks, other control characters, quotes and backslashes are escaped, and no one can write a
     * line of their own into the audit.
     */
    static String safe(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
