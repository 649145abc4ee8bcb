package io.amp.keycloak.consultant.jpa;

import io.amp.keycloak.common.jpa.Writes;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.UserCache;
import org.keycloak.models.jpa.entities.UserEntity;

/**
 * A lock on a user's row in Keycloak's own USER_ENTITY table, held to the end of the transaction:
 * two edits of one user (roles, departments, profile) then run one after the other, each deciding on
 * what the other committed, instead of both deciding on the same old state (waiting too long is a
 * {@link Writes.Lost} race). A user kept outside Keycloak's database (federation) has no row here
 * and is not locked.
 */
public final class UserLocks {

    private UserLocks() {
    }

    /**
     * Locks the user's row, then reads the user past Keycloak's user cache: the edit that held the
     * lock before may have committed a moment before the cache heard of it.
     */
    public static UserModel lockAndLoad(KeycloakSession session, RealmModel realm, String userId) {
        Writes.lock(session.getProvider(JpaConnectionProvider.class).getEntityManager(), UserEntity.class, userId);
        UserModel user = session.users().getUserById(realm, userId);
        UserCache cache = session.getProvider(UserCache.class);
        if (user == null || cache == null) {
            return user;
        }
        cache.evict(realm, user);
        return session.users().getUserById(realm, userId);
    }
}
