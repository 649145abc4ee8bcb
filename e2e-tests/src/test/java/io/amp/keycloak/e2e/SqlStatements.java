package io.amp.keycloak.e2e;

import java.util.List;

/**
 * The SQL statements a server's request threads issued, read from its log (the suite's server
 * logs org.hibernate.SQL at debug). Leaves out the server's own scheduled tasks, which query on
 * their own clock, and the user-session tables, which Keycloak writes in batches whenever and no
 * AMP code touches.
 */
final class SqlStatements {

    private final ServerLog log;

    private SqlStatements(ServerLog log) {
        this.log = log;
    }

    /** Marks the log's current end; {@link #since()} then reads what follows. */
    static SqlStatements mark(KeycloakServer server) {
        return new SqlStatements(ServerLog.mark(server));
    }

    List<String> since() {
        return log.since().stream()
                .filter(line -> line.contains("[org.hibernate.SQL]"))
                .filter(line -> line.contains("(executor-thread-"))
                .filter(line -> !line.contains("OFFLINE_USER_SESSION") && !line.contains("OFFLINE_CLIENT_SESSION"))
                .toList();
    }
}
