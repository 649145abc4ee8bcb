package io.amp.keycloak.e2e;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.amp.keycloak.e2e.MailCatcher.recipients;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mails of the AMP process, caught by an SMTP server the test starts itself (GreenMail on a
 * free loopback port), with the workforce realm's SMTP settings pointed at it for the test.
 */
class AccessRequestMailIT {

    /** The user surface: access requests are made and decided by the realm's users, with a token of the workforce realm. */
    private static final String API = "realms/workforce/amp/requests";

    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private MailCatcher smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new MailCatcher(KeycloakServer.get().admin().realm("workforce"), "amp@workforce.example");
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    @DisplayName("Given a request, then the approver is mailed; given its decision, then requester and subject are mailed")
    void mails() {
        String ivan = oidc.accessToken("workforce", "drchrono", "ivan.impl");
        Oidc.Response submitted = Portal.expect(oidc.send("POST", API, ivan, "{\"organization\": \"DrChrono\","
                + " \"department\": \"implementation-team\", \"system\": \"drchrono-staging\", \"roles\": [\"btg-drc\"],"
                + " \"justification\": \"on-call week\"}"), 201);

        MimeMessage toApprover = smtp.await(1)[0];
        assertThat(recipients(toApprover)).containsExactly("mia.manager@example.com");
        assertThat(subject(toApprover)).isEqualTo("Access request from ivan.impl for ivan.impl");
        assertThat(GreenMailUtil.getBody(toApprover)).contains("btg-drc").contains("drchrono-staging").contains("on-call week");

        Portal.expect(oidc.send("POST", API + "/" + submitted.string("id") + "/deny", oidc.accessToken("workforce", "drchrono", "mia.manager"),
                "{\"reason\": \"use the on-call rota\"}"), 200);

        MimeMessage decision = smtp.await(2)[1];
        assertThat(recipients(decision)).containsExactly("ivan.impl@example.com");
        assertThat(subject(decision)).isEqualTo("Your access request was denied");
        assertThat(GreenMailUtil.getBody(decision)).contains("use the on-call rota").contains("mia.manager");
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
