package io.amp.keycloak.tokenbenchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The scratch PostgreSQL database of a run: created empty before Keycloak starts, dropped when the
 * run ends (also on failure and Ctrl-C, through the shutdown hook). The server is the project's
 * usual one (127.0.0.1:5432, user postgres, trust authentication), so the password is any value.
 */
public final class PostgresScratch {

    public static final String DATABASE = "amp_bench";
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private final String serverUrl;
    private volatile boolean created;

    private PostgresScratch(String serverUrl) {
        this.serverUrl = serverUrl;
    }

    /**
     * The scratch database, freshly created; empty when PostgreSQL does not answer, with the reason
     * in {@code whyNot}.
     */
    public static Optional<PostgresScratch> create(String serverUrl, StringBuilder whyNot) {
        PostgresScratch scratch = new PostgresScratch(serverUrl);
        try {
            scratch.execute("drop database if exists " + DATABASE + " with (force)");
            scratch.execute("create database " + DATABASE);
            scratch.created = true;
            return Optional.of(scratch);
        } catch (SQLException e) {
            whyNot.append(e.getMessage());
            return Optional.empty();
        }
    }

    /** Keycloak's runtime options for this database. */
    public List<String> keycloakArgs() {
        return List.of("--db-url=" + serverUrl + DATABASE, "--db-username=" + USER, "--db-password=" + PASSWORD);
    }

    public String url() {
        return serverUrl + DATABASE;
    }

    /** Drops the database; the connections Keycloak may still hold are closed by {@code with (force)}. */
    public synchronized void drop() {
        if (!created) {
            return;
        }
        try {
            execute("drop database if exists " + DATABASE + " with (force)");
            created = false;
        } catch (SQLException e) {
            System.err.println("Could not drop the scratch database " + DATABASE + ": " + e.getMessage());
        }
    }

    private void execute(String sql) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "5");
        try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", properties);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
