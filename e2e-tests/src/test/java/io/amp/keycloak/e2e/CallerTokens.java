package io.amp.keycloak.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access tokens of the callers the matrix and hostile-input tests act as, fetched once and reused
 * for a short while (the master admin's token lives 60 s, the demo realms' 5 min), and every
 * session they open signed out at the end.
 */
final class CallerTokens {

    private static final long USER_TTL_MILLIS = 60_000;
    private static final long ADMIN_TTL_MILLIS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached(String token, long fetchedAt) {
    }

    private record Session(String realm, String client, String refreshToken) {
    }

    private final Oidc oidc;
    private final Map<String, Cached> cache = new HashMap<>();
    private final List<Session> sessions = new ArrayList<>();

    CallerTokens(Oidc oidc) {
        this.oidc = oidc;
    }

    /** The demo application of each demo realm, where users sign in with the password grant. */
    static String clientOf(String realm) {
        return switch (realm) {
            case "practice" -> "ehr";
            case "workforce" -> "drchrono";
            case "portal" -> "portal";
            default -> throw new IllegalArgumentException("No demo client in realm " + realm);
        };
    }

    synchronized String admin() {
        Cached cached = cache.get("realm-admin");
        if (cached == null || System.currentTimeMillis() - cached.fetchedAt() > ADMIN_TTL_MILLIS) {
            cached = new Cached(oidc.adminToken(), System.currentTimeMillis());
            cache.put("realm-admin", cached);
        }
        return cached.token();
    }

    /** A user's access token at the realm's demo client, from a session kept for a minute. */
    synchronized String user(String realm, String username) {
        String key = username + "@" + realm;
        Cached cached = cache.get(key);
        if (cached == null || System.currentTimeMillis() - cached.fetchedAt() > USER_TTL_MILLIS) {
            cached = new Cached(signIn(realm, username).string("access_token"), System.currentTimeMillis());
            cache.put(key, cached);
        }
        return cached.token();
    }

    /** A new session of the user (signed out by {@link #signOutAll()}); its token response. */
    synchronized Oidc.Response signIn(String realm, String username) {
        Oidc.Response tokens = oidc.passwordGrant(realm, clientOf(realm), username, Oidc.DEMO_PASSWORD);
        if (tokens.status() != 200) {
            throw new AssertionError("No token for " + username + "@" + realm + ": " + tokens);
        }
        sessions.add(new Session(realm, clientOf(realm), tokens.string("refresh_token")));
        return tokens;
    }

    synchronized void signOutAll() {
        sessions.forEach(session -> oidc.logout(session.realm(), session.client(), session.refreshToken()));
        sessions.clear();
        cache.clear();
    }

    /**
     * A well-formed JWT that is not genuine: the realm admin's token with one claim changed in the
     * payload and the original signature kept, so the signature no longer matches.
     */
    String forged() {
        String[] parts = admin().split("\\.");
        Base64.Decoder decoder = Base64.getUrlDecoder();
        try {
            Map<String, Object> claims = JSON.readValue(decoder.decode(parts[1]), new TypeReference<LinkedHashMap<String, Object>>() { });
            claims.put("preferred_username", "admin-forged");
            claims.put("exp", ((Number) claims.get("exp")).longValue() + 86_400);
            String payload = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(JSON.writeValueAsString(claims).getBytes(StandardCharsets.UTF_8));
            return parts[0] + "." + payload + "." + parts[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String GARBAGE = "garbage.not-a-jwt";
}
