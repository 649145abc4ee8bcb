package io.amp.keycloak.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An SMTP server of the test's own (GreenMail on a free loopback port) with a realm's SMTP
 * settings pointed at it; {@link #close()} stops it and puts the realm's settings back.
 */
final class MailCatcher implements AutoCloseable {

    private final GreenMail smtp;
    private final RealmResource realm;
    private final Map<String, String> before;

    MailCatcher(RealmResource realm, String from) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.smtp.start();
        this.realm = realm;
        RealmRepresentation representation = realm.toRepresentation();
        this.before = representation.getSmtpServer() == null ? Map.of() : representation.getSmtpServer();
        Map<String, String> smtpServer = new HashMap<>();
        smtpServer.put("host", "127.0.0.1");
        smtpServer.put("port", Integer.toString(port));
        smtpServer.put("from", from);
        representation.setSmtpServer(smtpServer);
        realm.update(representation);
    }

    /** The first {@code count} mails, waiting up to 10 s for them. */
    MimeMessage[] await(int count) {
        if (!smtp.waitForIncomingEmail(10_000, count)) {
            throw new AssertionError("Expected " + count + " mails, got " + smtp.getReceivedMessages().length);
        }
        return smtp.getReceivedMessages();
    }

    static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        RealmRepresentation restore = realm.toRepresentation();
        restore.setSmtpServer(before);
        realm.update(restore);
        smtp.stop();
    }
}
