package io.amp.keycloak.common.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /realms/{realm}/amp/portal/}: the AMP portal page, for customers' admins, consultants,
 * requesters, approvers and reviewers, who never get the admin console. The page is the template
 * {@value #TEMPLATE} of the {@value #THEME} login theme (Keycloak's theme engine, PatternFly 5 from
 * Keycloak's own common theme) and a JavaScript module among the theme's resources. It holds no
 * data: the script signs in with the public client {@value #CLIENT} (authorization code with PKCE)
 * and calls the user surface {@code /realms/{realm}/amp/...} with the bearer token, so the page
 * itself needs no authentication and every authorization stays in the API.
 */
public final class PortalResource {

    /** The public client the portal signs in with; the demo realms create it. */
    public static final String CLIENT = "amp-portal";
    static final String THEME = "amp";
    static final String TEMPLATE = "amp-portal.ftl";
    /**
     * Only this origin's scripts, styles, fonts and calls; no frames, no inline script (the page's
     * settings travel in data attributes), no form posts elsewhere.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    private final KeycloakSession session;

    PortalResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The page at {@code .../amp/portal/}; without the trailing slash, a redirect there: the client's
     * redirect URIs are registered below that address, and the page's relative links resolve from it.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        if (!session.getContext().getUri().getRequestUri().getPath().endsWith("/")) {
            URI canonical = session.getContext().getUri().getRequestUriBuilder().replaceQuery(null).path("/").build();
            return Response.status(Response.Status.MOVED_PERMANENTLY).location(canonical).build();
        }
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = realm.getClientByClientId(CLIENT);
        if (client == null || !client.isEnabled()) {
            throw Errors.notFound("Realm '" + realm.getName() + "' has no enabled client '" + CLIENT + "', which the AMP portal signs in with");
        }
        Theme theme = theme();
        URI base = session.getContext().getUri().getBaseUri();
        String themeRoot = Urls.themeRoot(base).getPath();
        String realmUrl = UriBuilder.fromUri(base).path("realms").path(realm.getName()).build().toString();
        // Keycloak's FreeMarker provider adds its own entries to the model, so it must be mutable.
        Map<String, Object> model = new HashMap<>(Map.of(
                "realmName", realm.getName(),
                "realmDisplayName", realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName() : realm.getDisplayName(),
                "realmUrl", realmUrl,
                "portalUrl", realmUrl + "/amp/portal/",
                "clientId", CLIENT,
                "resourcesPath", themeRoot + "/login/" + THEME,
                "resourcesCommonPath", themeRoot + "/common/keycloak"));
        String html;
        try {
            html = session.getProvider(FreeMarkerProvider.class).processTemplate(model, TEMPLATE, theme);
        } catch (FreeMarkerException e) {
            throw new IllegalStateException("The AMP portal template failed", e);
        }
        Response.ResponseBuilder response = Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store");
        securityHeaders(realm, response);
        return response.build();
    }

    /**
     * The realm's browser security headers, as Keycloak sends them with its own pages, except the
     * Content-Security-Policy, which is the portal's own stricter {@link #CONTENT_SECURITY_POLICY}:
     * Keycloak's filter would replace it, so it is told to leave this response alone.
     */
    private void securityHeaders(RealmModel realm, Response.ResponseBuilder response) {
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        Map<String, String> configured = realm.getBrowserSecurityHeaders();
        for (BrowserSecurityHeaders header : BrowserSecurityHeaders.values()) {
            String value = header == BrowserSecurityHeaders.CONTENT_SECURITY_POLICY ? CONTENT_SECURITY_POLICY
                    : configured.getOrDefault(header.getKey(), header.getDefaultValue());
            if (value != null && !value.isEmpty()) {
                response.header(header.getHeaderName(), value);
            }
        }
    }

    /** The {@value #THEME} login theme (amp-themes.jar); Keycloak would fall back to another theme, so its absence is said plainly. */
    private Theme theme() {
        try {
            if (!session.theme().nameSet(Theme.Type.LOGIN).contains(THEME)) {
                throw Errors.notFound("The AMP portal needs the '" + THEME + "' theme: install amp-themes.jar beside the AMP providers");
            }
            return session.theme().getTheme(THEME, Theme.Type.LOGIN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
