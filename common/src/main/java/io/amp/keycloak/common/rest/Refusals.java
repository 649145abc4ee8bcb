package io.amp.keycloak.common.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.utils.KeycloakSessionUtil;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit of refused calls: every 403 an AMP API answers, and every 401 of the user surface
 * {@code /realms/{realm}/amp}, is one line in the log category
 * {@value #CATEGORY}, saying who asked (user and client, with their realm), in which realm, what
 * (method and path), on which target (the ids in the path), when, and why; never the body or the
 * token. Every value a caller or an admin could choose is quoted and escaped, so no one adds a
 * field or a line of their own. Keycloak's admin events record only what succeeded; on the admin
 * surface a 401 (no or bad token) is answered by Keycloak before any AMP code runs and shows in
 * Keycloak's HTTP access log.
 */
public final class Refusals {

    public static final String CATEGORY = "io.amp.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final String CALLER = Refusals.class.getName() + ".caller";

    private Refusals() {
    }

    /** Remembers who is calling, for the refusals of this request. */
    static void caller(KeycloakSession session, AdminAuth auth) {
        String client = auth.getClient() == null ? "-" : auth.getClient().getClientId();
        String user = auth.getUser() == null ? "-" : auth.getUser().getUsername();
        session.setAttribute(CALLER, "user=\"" + safe(user + "@" + auth.getRealm().getName()) + "\" client=\"" + safe(client) + "\"");
    }

    static void record(int status, String reason) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null || session.getContext().getHttpRequest() == null) {
            return;
        }
        String caller = session.getAttributeOrDefault(CALLER, "user=\"anonymous\" client=\"-\"");
        UriInfo uri = session.getContext().getUri();
        MultivaluedMap<String, String> parameters = uri.getPathParameters();
        // The ids the caller named: every path parameter but the realm and the API's own name ({extension}, {api}).
        String target = parameters.entrySet().stream().filter(parameter -> !"realm".equals(parameter.getKey())
                        && !"extension".equals(parameter.getKey()) && !"api".equals(parameter.getKey()))
                .map(Map.Entry::getValue).flatMap(List::stream).collect(Collectors.joining("/"));
        String realm = session.getContext().getRealm() == null ? "-" : session.getContext().getRealm().getName();
        LOG.warnf("AMP refused %d: realm=\"%s\" %s operation=\"%s %s\" target=\"%s\" at=%s reason=\"%s\"", status,
                safe(parameters.getFirst("realm") != null ? parameters.getFirst("realm") : realm), caller,
                session.getContext().getHttpRequest().getHttpMethod(), safe(uri.getPath()), target.isEmpty() ? "-" : safe(target),
                Instant.now(), safe(reason));
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
