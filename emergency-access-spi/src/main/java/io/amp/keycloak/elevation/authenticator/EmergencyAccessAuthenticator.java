package io.amp.keycloak.elevation.authenticator;

import io.amp.keycloak.elevation.ElevationContract;
import io.amp.keycloak.elevation.ElevationSessions;
import io.amp.keycloak.permissions.CatalogReader;
import io.amp.keycloak.permissions.ElevationPermissions;
import io.amp.keycloak.permissions.PermissionResolver;
import io.amp.keycloak.rules.Refused;
import io.amp.keycloak.rules.Text;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The login step of emergency access. Placed right after the username-password form, it reads
 * the Emergency Access choice and the reason from that same form post (the amp login theme adds
 * both fields). Without the choice it passes. With it: a user who does not hold Emergency Access
 * on the application signing in is told so and continues unelevated; a missing or oversized
 * reason is asked for again (or the user continues without); a duration that is misconfigured
 * ({@link EmergencyAccessConfig}) refuses emergency access with a page that says so and an error in
 * the log, never a default in its place; otherwise the choice is staged in the login, and the
 * elevation starts when the login completes ({@code ElevationEventListener}). Steps after it (OTP)
 * and identity-provider logins are untouched.
 */
public final class EmergencyAccessAuthenticator implements Authenticator {

    public static final String TEMPLATE = "amp-emergency-access.ftl";
    private static final Logger LOG = Logger.getLogger(EmergencyAccessAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = form(context);
        if (!chosen(form.getFirst(ElevationContract.FORM_CHOICE))) {
            EmergencyAccessConfig config = config(context);
            if (!config.usable()) {
                LOG.warnf("Emergency access step of realm %s: %s; emergency access is refused until it is fixed", context.getRealm().getName(),
                        config.problem());
            }
            context.success();
            return;
        }
        decide(context, form.getFirst(ElevationContract.FORM_REASON));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = form(context);
        if (!"start".equals(form.getFirst(ElevationContract.FORM_DECISION))) {
            context.getEvent().detail(ElevationContract.FORM_CHOICE, "declined");
            context.success();
            return;
        }
        decide(context, form.getFirst(ElevationContract.FORM_REASON));
    }

    private void decide(AuthenticationFlowContext context, String rawReason) {
        KeycloakSession session = context.getSession();
        UserModel user = context.getUser();
        ClientModel client = context.getAuthenticationSession().getClient();
        if (!PermissionResolver.effective(session, user, client).contains(ElevationPolicy.EMERGENCY_ACCESS)) {
            context.getEvent().detail(ElevationContract.FORM_CHOICE, "not-held");
            challenge(context, false, null, new FormMessage(null, "ampEmergencyAccessNotHeld", client.getClientId()));
            return;
        }
        EmergencyAccessConfig config = config(context);
        if (!config.usable()) {
            LOG.errorf("Emergency access refused to %s in realm %s: %s", user.getUsername(), context.getRealm().getName(), config.problem());
            context.getEvent().detail(ElevationContract.FORM_CHOICE, "misconfigured");
            challenge(context, false, null, new FormMessage(null, "ampEmergencyAccessMisconfigured"));
            return;
        }
        String reason;
        try {
            reason = ElevationPolicy.reason(rawReason);
        } catch (Refused refused) {
            challenge(context, true, rawReason, reasonMessage(rawReason));
            return;
        }
        stage(context, client, reason, config.durationSeconds());
        context.success();
    }

    private static EmergencyAccessConfig config(AuthenticationFlowContext context) {
        return EmergencyAccessConfig.of(context.getAuthenticatorConfig(), context.getRealm());
    }

    /** Why a reason was refused, in the user's words: nothing visible, too long, or characters that hide or turn text. */
    private static FormMessage reasonMessage(String rawReason) {
        if (rawReason == null || Text.isBlank(rawReason)) {
            return new FormMessage(ElevationContract.FORM_REASON, "ampEmergencyReasonMissing");
        }
        if (rawReason.strip().length() > ElevationPolicy.MAX_REASON) {
            return new FormMessage(ElevationContract.FORM_REASON, "ampEmergencyReasonTooLong", ElevationPolicy.MAX_REASON, rawReason.strip().length());
        }
        return new FormMessage(ElevationContract.FORM_REASON, "ampEmergencyReasonInvalid");
    }

    /**
     * Leaves the emergency access for the end of the login: Keycloak copies the note into the user
     * session it creates once every step (OTP included) has passed, and the elevation listener
     * starts the elevation on that LOGIN event. A login abandoned before then starts nothing.
     */
    private void stage(AuthenticationFlowContext context, ClientModel client, String reason, long durationSeconds) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setUserSessionNote(ElevationContract.STAGED_NOTE,
                new ElevationSessions.Staged(durationSeconds, client.getId(), reason).toNote());
        context.getEvent().detail(ElevationContract.FORM_CHOICE, "chosen");
    }

    private static void challenge(AuthenticationFlowContext context, boolean held, String reason, FormMessage message) {
        Map<String, Object> page = new HashMap<>();
        page.put("held", held);
        page.put("reason", reason == null ? "" : reason);
        page.put("maxReason", ElevationPolicy.MAX_REASON);
        page.put("minutes", Math.max(1, config(context).durationSeconds() / 60));
        page.put("grants", grants(context.getRealm(), context.getAuthenticationSession().getClient()));
        var forms = context.form().setAttribute("ampEmergency", page);
        if (message.getField() != null) {
            forms.addError(message);
        } else {
            forms.setInfo(message.getMessage(), message.getParameters());
        }
        context.challenge(forms.createForm(TEMPLATE));
    }

    /** What an emergency access grants in this realm (Realm settings > AMP), by the names the application's catalog gives them. */
    private static String grants(RealmModel realm, ClientModel client) {
        return ElevationPermissions.of(realm).stream().map(key -> {
            RoleModel role = client.getRole(key);
            return role == null ? key : CatalogReader.displayName(role);
        }).collect(Collectors.joining(", "));
    }

    private static boolean chosen(String value) {
        return value != null && (value.equalsIgnoreCase("on") || value.equalsIgnoreCase("true"));
    }

    private static MultivaluedMap<String, String> form(AuthenticationFlowContext context) {
        if (!HttpMethod.POST.equals(context.getHttpRequest().getHttpMethod())) {
            return new MultivaluedHashMap<>();
        }
        return context.getHttpRequest().getDecodedFormParameters();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
