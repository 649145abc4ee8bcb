package io.amp.keycloak.rules.elevation;

import java.util.Locale;
import java.util.Optional;

/**
 * A running elevation as the token side sees it: which record, how it started, for which system
 * (client id) and for which instants. It travels in a note of the user session, so that a token
 * is decided without a query; the record in the project's table stays the history.
 *
 * @param startsAt epoch milliseconds, inclusive
 * @param endsAt   epoch milliseconds, exclusive: at {@code endsAt} the elevation no longer counts
 */
public record Elevation(String id, Kind kind, String clientId, long startsAt, long endsAt) {

    /** How an elevation started. */
    public enum Kind {
        /** Chosen on the login page by a user holding Emergency Access. */
        EMERGENCY_ACCESS,
        /** Asked for while signed in, approved by a reviewer holding Break the Glass Review. */
        BREAK_THE_GLASS;

        /** The name in the API, the token and the events: {@code emergency-access}, {@code break-the-glass}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final char SEPARATOR = '|';

    public Elevation {
        if (id == null || id.isEmpty() || kind == null || clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("An elevation needs an id, a kind and a client");
        }
        if (endsAt <= startsAt) {
            throw new IllegalArgumentException("An elevation ends after it starts");
        }
    }

    /** True from {@link #startsAt} up to, not including, {@link #endsAt}. */
    public boolean activeAt(long now) {
        return startsAt <= now && now < endsAt;
    }

    /** The end in epoch seconds (ends fall on whole seconds, see {@link ElevationPolicy#end}). */
    public long until() {
        return Math.floorDiv(endsAt, 1000L);
    }

    /**
     * The latest {@code exp} (epoch seconds) a token carrying this elevation may have. Keycloak
     * counts a token active through the whole second of its {@code exp} (active while the current
     * second is not after it), so {@code exp} is the last whole second before the end: Keycloak's
     * introspection and its own endpoints refuse such a token from the end on; a JWT validator
     * that rejects at {@code now >= exp} does so one second earlier.
     */
    public long latestTokenExpiry() {
        return until() - 1;
    }

    /** The session-note form: {@code id|kind|clientId|startsAt|endsAt}; ids and client ids hold no '|'. */
    public String toNote() {
        return String.join(String.valueOf(SEPARATOR), id, kind.name(), clientId, Long.toString(startsAt), Long.toString(endsAt));
    }

    /** Reads a note written by {@link #toNote()}; anything else is no elevation (fail closed). */
    public static Optional<Elevation> fromNote(String note) {
        if (note == null) {
            return Optional.empty();
        }
        String[] parts = note.split("\\|", -1);
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Elevation(parts[0], Kind.valueOf(parts[1]), parts[2], Long.parseLong(parts[3]),
                    Long.parseLong(parts[4])));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }
}
