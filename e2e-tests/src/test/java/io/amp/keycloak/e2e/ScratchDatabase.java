package io.amp.keycloak.e2e;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An empty database of its own for one Keycloak installation, created before the server starts and
 * dropped after it stops: on PostgreSQL (127.0.0.1:5432, user postgres), on MariaDB (127.0.0.1:3306,
 * user root) or as Keycloak's dev-file H2 in a scratch folder. It gives the server's {@code --db*}
 * options and a JDBC connection for the checks that read tables directly.
 *
 * Servers of a failsafe run never share a database, so each starts from the demo realms as
 * shipped and may change what it likes. Host, user and password of each server can be set with
 * {@code -Damp.postgres.url/user/password} and {@code -Damp.mariadb.url/user/password}.
 */
abstract class ScratchDatabase implements AutoCloseable {

    /** The kinds a server can run on, by the name {@code -Damp.e2e.db} and the tests use. */
    enum Kind {
        POSTGRES("postgres"), MARIADB("mariadb"), DEV_FILE("dev-file");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(String label) {
            return Stream.of(values()).filter(kind -> kind.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown database kind '" + label + "': postgres, mariadb or dev-file"));
        }
    }

    /** Thrown when the database server does not answer; the caller skips or fails, as it sees fit. */
    static final class NotReachable extends Exception {
        NotReachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    final String name = "amp_e2e_" + UUID.randomUUID().toString().substring(0, 8);

    abstract Kind kind();

    /** The {@code --db*} options of a server on this database. */
    abstract List<String> serverArgs();

    /** A new connection to this database; the caller closes it. */
    abstract Connection connect() throws SQLException;

    /** Removes the database and everything in it. */
    @Override
    public abstract void close();

    /** Where the database lives, for notices and failure messages. */
    abstract String where();

    /**
     * A scratch database of the given kind, or a visible {@code NOTICE} and an aborted (skipped)
     * test where its server does not answer: a machine without that database loses the checks, not
     * the build. {@code who} names the skipped tests in the notice.
     */
    static ScratchDatabase createOrSkip(Kind kind, String who) {
        try {
            return create(kind);
        } catch (NotReachable e) {
            System.out.println("NOTICE: " + e.getMessage() + ": " + who + " is skipped");
            Assumptions.abort(e.getMessage());
            throw new IllegalStateException("unreachable");
        }
    }

    static ScratchDatabase create(Kind kind) throws NotReachable {
        return switch (kind) {
            case POSTGRES -> new ServerDatabase(Server.POSTGRES);
            case MARIADB -> new ServerDatabase(Server.MARIADB);
            case DEV_FILE -> new DevFile();
        };
    }

    /** Stops the server running on {@code database}, then drops the database, whatever the stop did; either may be null (never started). */
    static void stopThenDrop(KeycloakServer server, ScratchDatabase database) {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    /** A single number a query answers, e.g. a count. */
    long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Every row a query answers, each as its columns' values in text form, in the order of the query. */
    List<List<String>> rows(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<List<String>> rows = new ArrayList<>();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /**
     * A database on a server that Keycloak reaches over JDBC: created with its server's own
     * statement, dropped the same way. PostgreSQL: {@code create database}, {@code drop database
     * ... with (force)}; host, user and password from {@code -Damp.postgres.*}. MariaDB: a database
     * in utf8mb4, so that every Unicode character of names and reasons fits; Keycloak takes an empty
     * {@code --db-password=} as no password (tried on 26.7.3), so the passwordless root of a
     * development server works as it is, without a user of our own; {@code -Damp.mariadb.*}.
     */
    private record Server(Kind kind, String title, String host, String user, String password, String adminDatabase,
                          String create, String drop) {

        static final Server POSTGRES = new Server(Kind.POSTGRES, "PostgreSQL",
                System.getProperty("amp.postgres.url", "jdbc:postgresql://127.0.0.1:5432/"),
                System.getProperty("amp.postgres.user", "postgres"),
                // Any value on a server with trust authentication; Keycloak needs one.
                System.getProperty("amp.postgres.password", "postgres"),
                "postgres", "create database %s", "drop database if exists %s with (force)");
        static final Server MARIADB = new Server(Kind.MARIADB, "MariaDB",
                System.getProperty("amp.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/"),
                System.getProperty("amp.mariadb.user", "root"),
                System.getProperty("amp.mariadb.password", ""),
                "", "create database %s character set utf8mb4 collate utf8mb4_unicode_ci", "drop database if exists %s");

        void execute(String statementFormat, String name) throws SQLException {
            try (Connection connection = DriverManager.getConnection(host + adminDatabase, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(statementFormat.formatted(name));
            }
        }
    }

    private static final class ServerDatabase extends ScratchDatabase {
        private final Server server;

        ServerDatabase(Server server) throws NotReachable {
            this.server = server;
            try {
                server.execute(server.create(), name);
            } catch (SQLException e) {
                throw new NotReachable(server.title() + " is not reachable at " + server.host() + " (" + e.getMessage() + ")", e);
            }
        }

        @Override
        Kind kind() {
            return server.kind();
        }

        @Override
        List<String> serverArgs() {
            return List.of("--db=" + server.kind().label, "--db-url=" + where(), "--db-username=" + server.user(),
                    "--db-password=" + server.password());
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection(where(), server.user(), server.password());
        }

        @Override
        String where() {
            return server.host() + name;
        }

        @Override
        public void close() {
            try {
                server.execute(server.drop(), name);
            } catch (SQLException e) {
                System.out.println("NOTICE: could not drop " + server.title() + " database " + name + ": " + e.getMessage());
            }
        }
    }

    /**
     * Keycloak's dev-file H2 in a scratch folder, with {@code AUTO_SERVER=TRUE}: H2 then lets a
     * second process in (it serves the file over a local port it opens on demand), so the tests
     * read the tables while the server runs. H2 refuses that together with run.sh's
     * {@code DB_CLOSE_ON_EXIT=FALSE}, so this URL leaves that out. The driver is the H2 jar of the
     * installation itself, so the file is read by the very version that wrote it.
     */
    private static final class DevFile extends ScratchDatabase {
        /** Keycloak's own defaults for its dev databases, given explicitly so the test's connection matches. */
        private static final String USER = "sa";
        private static final String PASSWORD = "password";

        private final Path folder;
        private Driver driver;

        DevFile() {
            try {
                folder = Files.createTempDirectory("amp-e2e-h2-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String url() {
            return "jdbc:h2:file:" + folder.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE";
        }

        @Override
        Kind kind() {
            return Kind.DEV_FILE;
        }

        @Override
        List<String> serverArgs() {
            return List.of("--db=dev-file", "--db-url=" + url(), "--db-username=" + USER, "--db-password=" + PASSWORD);
        }

        @Override
        Connection connect() throws SQLException {
            Properties credentials = new Properties();
            credentials.setProperty("user", USER);
            credentials.setProperty("password", PASSWORD);
            Connection connection = h2().connect(url(), credentials);
            if (connection == null) {
                throw new SQLException("The H2 driver does not accept " + url());
            }
            return connection;
        }

        /** H2's driver from the installation's lib folder (not a test dependency: it must match the server's). */
        private synchronized Driver h2() throws SQLException {
            if (driver == null) {
                Path lib = Path.of(System.getProperty("amp.keycloak.home"), "lib", "lib", "main");
                try (Stream<Path> jars = Files.list(lib)) {
                    Path jar = jars.filter(path -> path.getFileName().toString().startsWith("com.h2database.h2-")).findFirst()
                            .orElseThrow(() -> new SQLException("No H2 jar in " + lib));
                    URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                    driver = (Driver) loader.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
                } catch (IOException | ReflectiveOperationException e) {
                    throw new SQLException("Cannot load H2 from " + lib, e);
                }
            }
            return driver;
        }

        @Override
        String where() {
            return url();
        }

        @Override
        public void close() {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                System.out.println("NOTICE: could not remove " + folder + ": " + e.getMessage());
            }
        }
    }
}
