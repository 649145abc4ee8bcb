package io.amp.keycloak.tokenbenchmark;

import java.util.List;

/**
 * The databases a run can use. The database kind is a build option of Keycloak, so each gets a
 * scratch installation of its own ({@link Distribution}); the connection settings are runtime
 * options.
 */
public enum Database {

    /**
     * Keycloak's embedded H2 database in a file of the scratch installation ({@code data/h2}).
     * Keycloak 26.7.3 accepts {@code --db=dev-file} in production mode ({@code kc.sh build} and
     * {@code start --optimized}) without a warning; the file starts empty on every run.
     */
    EMBEDDED("embedded", "embedded H2 (dev-file)", List.of("--db=dev-file")),
    /** PostgreSQL, in a scratch database that the run creates and drops ({@link PostgresScratch}). */
    POSTGRES("postgres", "PostgreSQL", List.of("--db=postgres"));

    private final String key;
    private final String label;
    private final List<String> buildArgs;

    Database(String key, String label, List<String> buildArgs) {
        this.key = key;
        this.label = label;
        this.buildArgs = buildArgs;
    }

    /** Short name, used in folder and file names. */
    public String key() {
        return key;
    }

    /** What the results call it. */
    public String label() {
        return label;
    }

    /** Options of {@code kc.sh build}. */
    public List<String> buildArgs() {
        return buildArgs;
    }
}
