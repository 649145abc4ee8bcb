package io.amp.keycloak.tokenbenchmark;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What must not outlive the run: the Keycloak server that is running now (it changes on every
 * restart) and the scratch PostgreSQL database. Run by the shutdown hook, so Ctrl-C, a kill and a
 * failure leave nothing behind, and at the end of each database's part.
 */
final class Cleanup {

    private final AtomicReference<KeycloakProcess> server = new AtomicReference<>();
    private final AtomicReference<PostgresScratch> database = new AtomicReference<>();

    void server(KeycloakProcess running) {
        server.set(running);
    }

    void database(PostgresScratch scratch) {
        database.set(scratch);
    }

    /** Stops the server, then drops the database (Keycloak first, so it does not log lost connections). */
    synchronized void run() {
        KeycloakProcess running = server.getAndSet(null);
        if (running != null) {
            running.stop();
        }
        PostgresScratch scratch = database.getAndSet(null);
        if (scratch != null) {
            scratch.drop();
        }
    }
}
