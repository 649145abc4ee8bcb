package io.amp.keycloak.common.mail;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one AMP mail through Keycloak's e-mail sender, with the realm's SMTP settings and e-mail
 * theme. No SMTP settings or no address: nothing is sent. A mail that cannot be sent is logged and
 * undoes nothing. Templates get {@code recipient} (first name, else username) besides their own attributes.
 */
public final class AmpMail {

    private static final Logger LOG = Logger.getLogger(AmpMail.class);

    private AmpMail() {
    }

    public static void send(KeycloakSession session, RealmModel realm, UserModel recipient, String subjectKey,
                            List<Object> subjectAttributes, String template, Map<String, Object> attributes, String about) {
        if (recipient.getEmail() == null || realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            return;
        }
        Map<String, Object> all = new HashMap<>(attributes);
        all.put("recipient", recipient.getFirstName() == null ? recipient.getUsername() : recipient.getFirstName());
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(recipient)
                    .send(subjectKey, subjectAttributes, template, all);
        } catch (EmailException e) {
            LOG.warnf(e, "Could not mail %s about %s", recipient.getUsername(), about);
        }
    }
}
