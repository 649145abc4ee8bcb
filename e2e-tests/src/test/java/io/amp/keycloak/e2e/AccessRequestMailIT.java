package io.amp.keycloak.e2e;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.amp.keycloak.client.representation.AccessRequest;
import io.amp.keycloak.client.representation.NewAccessRequest;
import io.amp.keycloak.client.representation.Reason;
import io.amp.keycloak.client.resource.AccessRequestsResource;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.amp.keycloak.e2e.MailCatcher.recipients;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mails of the AMP process, caught by an SMTP server the test starts itself (GreenMail on a
 * free loopback port), with the workforce realm's SMTP settings pointed at it for the test.
 */
class AccessRequestMailIT {

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
        AccessRequest submitted = requests("ivan.impl").submit(new NewAccessRequest(null, "DrChrono", "implementation-team",
                "drchrono-staging", List.of("btg-drc"), "on-call week", null));

        MimeMessage toApprover = smtp.await(1)[0];
        assertThat(recipients(toApprover)).containsExactly("mia.manager@example.com");
        assertThat(subject(toApprover)).isEqualTo("Access request from ivan.impl for ivan.impl");
        assertThat(GreenMailUtil.getBody(toApprover)).contains("btg-drc").contains("drchrono-staging").contains("on-call week");

        requests("mia.manager").deny(submitted.id(), new Reason("use the on-call rota"));

        MimeMessage decision = smtp.await(2)[1];
        assertThat(recipients(decision)).containsExactly("ivan.impl@example.com");
        assertThat(subject(decision)).isEqualTo("Your access request was denied");
        assertThat(GreenMailUtil.getBody(decision)).contains("use the on-call rota").contains("mia.manager");
    }

    /** The user surface: access requests are made and decided by the realm's users, with a token of the workforce realm. */
    private AccessRequestsResource requests(String username) {
        return AmpApi.as(oidc.accessToken("workforce", "drchrono", username)).realm("workforce").requests();
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
