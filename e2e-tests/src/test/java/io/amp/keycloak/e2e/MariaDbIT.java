package io.amp.keycloak.e2e;

/**
 * The installation on MariaDB (127.0.0.1:3306, user root without a password; see
 * {@link ScratchDatabase}), one node, in a database of its own that the test creates and drops:
 * everything {@link DatabaseContract} promises, and the race scenarios. Where no MariaDB answers,
 * the tests are skipped with a {@code NOTICE: MariaDB is not reachable ...} line.
 */
class MariaDbIT extends DatabaseContract implements DatabaseRaces {

    @Override
    protected ScratchDatabase.Kind kind() {
        return ScratchDatabase.Kind.MARIADB;
    }

    @Override
    public KeycloakServer raceServer() {
        return server;
    }
}
