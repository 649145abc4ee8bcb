package io.amp.keycloak.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What a server wrote to its log since a mark: for tests that check what the server recorded. */
final class ServerLog {

    private final KeycloakServer server;
    private final long offset;

    private ServerLog(KeycloakServer server, long offset) {
        this.server = server;
        this.offset = offset;
    }

    /** Marks the log's current end; {@link #since()} then reads what follows. */
    static ServerLog mark(KeycloakServer server) {
        return new ServerLog(server, server.log().toFile().length());
    }

    List<String> since() {
        try (RandomAccessFile file = new RandomAccessFile(server.log().toFile(), "r")) {
            file.seek(offset);
            byte[] appended = new byte[(int) (file.length() - offset)];
            file.readFully(appended);
            return new String(appended, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
