package io.amp.keycloak.common.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;

import java.sql.SQLException;

/**
 * Writes whose outcome the database decides, for state changes that must happen once: an insert
 * that a unique constraint guards, a conditional update ({@code ... where STATUS = 'PENDING'}).
 * A write that another transaction won (a duplicate key, a lock or serialization failure) is a
 * {@link Lost} race, which the REST layer answers with 409; any other failure goes on as it was.
 * Keycloak's entity manager reports database failures as {@link ModelException}s (a duplicate key
 * as {@link ModelDuplicateException}) around the original exception; both forms are read.
 */
public final class Writes {

    /** Another transaction made this change, or a conflicting one, first. */
    public static final class Lost extends RuntimeException {
        Lost(Throwable cause) {
            super("Another change won the race", cause);
        }
    }

    private Writes() {
    }

    /** Flushes pending inserts and updates now, so a constraint speaks inside the caller's step. */
    public static void flush(EntityManager em) {
        try {
            em.flush();
        } catch (PersistenceException | ModelException e) {
            throw lostOr(e);
        }
    }

    /** Runs an update or delete statement; the number of rows it changed tells whether it won. */
    public static int execute(Query statement) {
        try {
            return statement.executeUpdate();
        } catch (PersistenceException | ModelException e) {
            throw lostOr(e);
        }
    }

    /**
     * Locks a row for the rest of the transaction ({@code SELECT ... FOR UPDATE}), waiting for a
     * transaction that holds it; null when there is no such row. Waiting too long is a lost race.
     */
    public static <T> T lock(EntityManager em, Class<T> type, Object id) {
        try {
            return em.find(type, id, LockModeType.PESSIMISTIC_WRITE);
        } catch (PersistenceException | ModelException e) {
            throw lostOr(e);
        }
    }

    private static RuntimeException lostOr(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ModelDuplicateException) {
                return new Lost(e);
            }
            if (cause instanceof jakarta.persistence.OptimisticLockException || cause instanceof jakarta.persistence.PessimisticLockException
                    || cause instanceof jakarta.persistence.LockTimeoutException) {
                return new Lost(e);
            }
            if (cause instanceof SQLException sql && raced(sql)) {
                return new Lost(e);
            }
        }
        return e;
    }

    /**
     * SQL states of a lost race: class 23 (integrity constraint: a duplicate key), class 40
     * (serialization failure, deadlock), H2's lock time-out and concurrent update, and MariaDB's
     * lock wait time-out (error 1205).
     */
    private static boolean raced(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("23") || state.startsWith("40") || state.equals("HYT00") || state.equals("90131"))
                || e.getErrorCode() == 1205;
    }
}
