package io.amp.keycloak.consultant.jpa;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.cache.CacheRealmProvider;
import org.keycloak.models.cache.infinispan.RealmCacheManager;
import org.keycloak.models.cache.infinispan.RealmCacheSession;
import org.keycloak.models.cache.infinispan.entities.AbstractRevisioned;
import org.keycloak.models.cache.infinispan.entities.InRealm;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The site keys of each grant holder, account and department, kept in Keycloak's realm cache the
 * way Keycloak keeps its own organizations there: a local cache on each node, entries stamped with
 * the key's revision before the database read (a read that races a change is never stored over
 * it), and a change registered in the writing transaction, dropped on this node when it commits
 * and on every other node through Keycloak's cluster invalidation events. So a token of a
 * consultant with warm caches reads nothing from the database, whatever they hold, and a grant,
 * switch or removal on one node is seen by the next token on any node.
 *
 * <p>Every write of {@link SiteStore} registers what it changes here; nothing else writes sites or
 * grants. Group membership, group moves, organization membership and user removal need nothing
 * here: the reader takes those from Keycloak's own cached models, and the holders' sets do not
 * depend on them. Where Keycloak runs without its realm cache, every read goes to the database.
 */
final class SiteCache {

    private static final String PREFIX = "amp.sites.";

    /** Null when Keycloak runs without its realm cache (then nothing is cached). */
    private final RealmCacheSession realmCache;

    SiteCache(KeycloakSession session) {
        this.realmCache = session.getProvider(CacheRealmProvider.class) instanceof RealmCacheSession cache ? cache : null;
    }

    private static String key(SiteStore.Holder holder) {
        return PREFIX + holder.kind() + "." + holder.id();
    }

    /** Marks a holder's set as changed by this transaction. */
    void invalidate(String kind, String id) {
        if (realmCache != null) {
            realmCache.registerInvalidation(key(new SiteStore.Holder(kind, id)));
        }
    }

    /**
     * The sorted site keys of each holder: from the cache where it holds them, the rest through
     * one call of {@code load}, which gets the missing holders and returns their keys (a holder
     * without sites may be absent from its answer).
     */
    Map<SiteStore.Holder, List<String>> get(String realmId, Collection<SiteStore.Holder> holders,
                                            Function<Collection<SiteStore.Holder>, Map<SiteStore.Holder, List<String>>> load) {
        Map<SiteStore.Holder, List<String>> sets = new LinkedHashMap<>();
        // A missing holder with the revision its key had before the read; null: not to be cached.
        Map<SiteStore.Holder, Long> missing = new HashMap<>();
        RealmCacheManager cache = realmCache == null ? null : realmCache.getCache();
        for (SiteStore.Holder holder : holders) {
            String key = key(holder);
            if (cache == null || realmCache.isInvalid(key)) {
                missing.put(holder, null);
                continue;
            }
            CachedSiteKeys cached = cache.get(key, CachedSiteKeys.class);
            if (cached != null && cached.getRealm().equals(realmId)) {
                sets.put(holder, cached.keys);
            } else {
                missing.put(holder, cache.getCurrentRevision(key));
            }
        }
        if (missing.isEmpty()) {
            return sets;
        }
        Map<SiteStore.Holder, List<String>> loaded = load.apply(missing.keySet());
        missing.forEach((holder, revision) -> {
            List<String> keys = loaded.getOrDefault(holder, List.of()).stream().sorted().distinct().toList();
            sets.put(holder, keys);
            if (revision != null) {
                cache.addRevisioned(new CachedSiteKeys(revision, key(holder), realmId, keys), realmCache.getStartupRevision());
            }
        });
        return sets;
    }

    /** One holder's sorted site keys, in the realm cache; dropped with its realm. */
    static final class CachedSiteKeys extends AbstractRevisioned implements InRealm {

        private final String realmId;
        private final List<String> keys;

        CachedSiteKeys(long revision, String key, String realmId, List<String> keys) {
            super(revision, key);
            this.realmId = realmId;
            this.keys = keys;
        }

        @Override
        public String getRealm() {
            return realmId;
        }
    }
}
