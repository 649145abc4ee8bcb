package io.amp.keycloak.e2e;

import io.amp.keycloak.client.AmpClient;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientResponseFilter;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The suite's way to call AMP: the typed client (module {@code client}) in its strict form, so that
 * a field the server answers and the client's records lack fails the test that met it. Hand-written
 * HTTP ({@link Oidc#send}, {@link AmpHttp}) stays for requests the client cannot make on purpose:
 * malformed bodies, wrong media types, tokens of the wrong kind, and replays of recorded exchanges.
 */
final class AmpApi {

    private static final Map<KeycloakServer, AmpClient> CLIENTS = new ConcurrentHashMap<>();
    /** The status of the last answer the client got on this thread: the proxies return records, tests also check 201 against 200. */
    private static final ThreadLocal<Integer> LAST_STATUS = new ThreadLocal<>();

    private AmpApi() {
    }

    /** The client of {@code server}, calling as its master administrator (the admin client's token manager). */
    static AmpClient on(KeycloakServer server) {
        return CLIENTS.computeIfAbsent(server, running -> AmpClient.createStrict(running.baseUri().toString(),
                () -> running.admin().tokenManager().getAccessTokenString(),
                (ClientResponseFilter) (request, response) -> LAST_STATUS.set(response.getStatus())));
    }

    /** The HTTP status of the last AMP answer on this thread, e.g. 201 after a creation. */
    static int lastStatus() {
        Integer status = LAST_STATUS.get();
        if (status == null) {
            throw new IllegalStateException("No AMP call on this thread yet");
        }
        return status;
    }

    /** The suite server's client, as its master administrator. */
    static AmpClient admin() {
        return on(KeycloakServer.get());
    }

    /** The suite server's client, calling with {@code accessToken} (a user's, a service account's, or null for none). */
    static AmpClient as(String accessToken) {
        return admin().withToken(accessToken);
    }

    /** A refusal as the client saw it: the status and the words of Keycloak's error body. */
    record Refusal(int status, String message) {
    }

    /** Runs a call that must be refused and returns the refusal; fails when the call succeeds. */
    static Refusal refusal(ThrowingCallable call) {
        try {
            call.call();
        } catch (WebApplicationException refused) {
            String message = AmpClient.error(refused).text();
            return new Refusal(AmpClient.status(refused), message == null ? "" : message);
        } catch (Throwable other) {
            throw new AssertionError("Expected a refusal but the call threw " + other, other);
        }
        throw new AssertionError("Expected a refusal but the call succeeded");
    }
}
