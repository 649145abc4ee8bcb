package io.amp.keycloak.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The SQL statements a server's request threads issued, read from its log (the suite's server
 * logs org.hibernate.SQL at debug). Leaves out the server's own scheduled tasks, which query on
 * their own clock, and the user-session tables, which Keycloak writes in batches whenever and no
 * AMP code touches.
 */
final class SqlStatements {

    private final KeycloakServer server;
    private final long offset;

    private SqlStatements(KeycloakServer server, long offset) {
        this.server = server;
        this.offset = offset;
    }

    /** Marks the log's current end; {@link #since()} then reads what follows. */
    static SqlStatements mark(KeycloakServer server) {
        return new SqlStatements(server, server.log().toFile().length());
    }

    List<String> since() {
        try (RandomAccessFile file = new RandomAccessFile(server.log().toFile(), "r")) {
            file.seek(offset);
            byte[] appended = new byte[(int) (file.length() - offset)];
            file.readFully(appended);
            return new String(appended, StandardCharsets.UTF_8).lines()
                    .filter(line -> line.contains("[org.hibernate.SQL]"))
                    .filter(line -> line.contains("(executor-thread-"))
                    .filter(line -> !line.contains("OFFLINE_USER_SESSION") && !line.contains("OFFLINE_CLIENT_SESSION"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
