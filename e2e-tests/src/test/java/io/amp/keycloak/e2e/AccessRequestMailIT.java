package io.amp.keycloak.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mails of the AMP process, caught by an SMTP server the test starts itself (GreenMail on a
 * free loopback port), with the workforce realm's SMTP settings pointed at it for the test.
 */
class AccessRequestMailIT {

    private static final String API = "admin/realms/workforce/amp-access-requests/requests";

    private final Cleanup cleanup = new Cleanup();
    private final Oidc oidc = new Oidc(KeycloakServer.get());
    private final RealmResource realm = KeycloakServer.get().admin().realm("workforce");
    private GreenMail smtp;

    @BeforeEach
    void startSmtp() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        RealmRepresentation representation = realm.toRepresentation();
        Map<String, String> before = representation.getSmtpServer() == null ? Map.of() : representation.getSmtpServer();
        Map<String, String> smtpServer = new HashMap<>();
        smtpServer.put("host", "127.0.0.1");
        smtpServer.put("port", Integer.toString(port));
        smtpServer.put("from", "amp@workforce.example");
        representation.setSmtpServer(smtpServer);
        realm.update(representation);
        cleanup.add(() -> {
            RealmRepresentation restore = realm.toRepresentation();
            restore.setSmtpServer(before);
            realm.update(restore);
        });
    }

    @AfterEach
    void stop() {
        cleanup.run();
        smtp.stop();
    }

    @Test
    @DisplayName("Given a request, then the approver is mailed; given its decision, then requester and subject are mailed")
    void mails() throws Exception {
        String ivan = oidc.accessToken("workforce", "drchrono", "ivan.impl");
        Oidc.Response submitted = Portal.expect(oidc.send("POST", API, ivan, "{\"organization\": \"DrChrono\","
                + " \"department\": \"implementation-team\", \"system\": \"drchrono-staging\", \"roles\": [\"btg-drc\"],"
                + " \"justification\": \"on-call week\"}"), 201);

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage toApprover = smtp.getReceivedMessages()[0];
        assertThat(recipients(toApprover)).containsExactly("mia.manager@example.com");
        assertThat(toApprover.getSubject()).isEqualTo("Access request from ivan.impl for ivan.impl");
        assertThat(GreenMailUtil.getBody(toApprover)).contains("btg-drc").contains("drchrono-staging").contains("on-call week");

        Portal.expect(oidc.send("POST", API + "/" + submitted.string("id") + "/deny", oidc.accessToken("workforce", "drchrono", "mia.manager"),
                "{\"reason\": \"use the on-call rota\"}"), 200);

        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage decision = smtp.getReceivedMessages()[1];
        assertThat(recipients(decision)).containsExactly("ivan.impl@example.com");
        assertThat(decision.getSubject()).isEqualTo("Your access request was denied");
        assertThat(GreenMailUtil.getBody(decision)).contains("use the on-call rota").contains("mia.manager");
    }

    private static List<String> recipients(MimeMessage message) throws Exception {
        return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    }
}
