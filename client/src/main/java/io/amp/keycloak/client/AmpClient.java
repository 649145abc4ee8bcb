package io.amp.keycloak.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amp.keycloak.client.representation.AmpError;
import io.amp.keycloak.client.resource.AmpAdminRealmResource;
import io.amp.keycloak.client.resource.AmpAdminRealmsResource;
import io.amp.keycloak.client.resource.AmpRealmResource;
import io.amp.keycloak.client.resource.AmpRealmsResource;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.client.exception.WebApplicationExceptionWrapper;
import org.jboss.resteasy.client.jaxrs.ResteasyClientBuilder;
import org.jboss.resteasy.client.jaxrs.ResteasyWebTarget;
import org.jboss.resteasy.plugins.providers.jackson.ResteasyJackson2Provider;
import org.keycloak.admin.client.Keycloak;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * AMP's REST API, typed: the entry point of the proxies in {@code io.amp.keycloak.client.resource}.
 * Like the Keycloak Admin Client, it sends a bearer token on every call and turns each refusal into
 * the JAX-RS exception of its status.
 *
 * <pre>{@code
 * // A realm administrator, with the token manager of the Keycloak Admin Client:
 * try (Keycloak keycloak = Keycloak.getInstance(url, "master", "admin", password, "admin-cli");
 *      AmpClient amp = AmpClient.create(url, keycloak)) {
 *     CatalogValidation validation = amp.admin("practice").permissions().validateCatalog("ehr");
 * }
 * // A signed-in user (an access token of the realm):
 * List<Grant> grants = amp.withToken(accessToken).realm("portal").consultantAccess()
 *         .siteGrants("acme-cardio-north").list();
 * }</pre>
 *
 * <p>One instance holds one connection pool and may be used by many threads; {@link #withToken}
 * makes a caller with another token on the same pool. Close the instance that {@code create} made.
 */
public final class AmpClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int CONNECTIONS = 32;

    private final Client client;
    private final URI server;
    private final Supplier<String> token;
    private final boolean owner;

    private AmpClient(Client client, URI server, Supplier<String> token, boolean owner) {
        this.client = client;
        this.server = server;
        this.token = token;
        this.owner = owner;
    }

    /**
     * A client of the server at {@code serverUrl} (e.g. {@code https://sso.example.com}) that sends
     * the token {@code accessToken} gives at each call (none when it gives null).
     */
    public static AmpClient create(String serverUrl, Supplier<String> accessToken) {
        return create(serverUrl, accessToken, new Object[0]);
    }

    /**
     * Like {@link #create(String, Supplier)}, with JAX-RS providers of the caller's own registered
     * on the client, e.g. a {@code ClientResponseFilter} that logs or records each answer's status.
     */
    public static AmpClient create(String serverUrl, Supplier<String> accessToken, Object... providers) {
        return new AmpClient(newClient(mapper(false), providers), URI.create(serverUrl), Objects.requireNonNull(accessToken), true);
    }

    /** A client that takes its tokens from the Keycloak Admin Client's token manager, which refreshes them. */
    public static AmpClient create(String serverUrl, Keycloak keycloak) {
        return create(serverUrl, () -> keycloak.tokenManager().getAccessTokenString());
    }

    /**
     * Like {@link #create(String, Supplier)}, but an answer with a field the representation records
     * lack is an error instead of being ignored: for tests that keep the records in step with the server.
     */
    public static AmpClient createStrict(String serverUrl, Supplier<String> accessToken, Object... providers) {
        return new AmpClient(newClient(mapper(true), providers), URI.create(serverUrl), Objects.requireNonNull(accessToken), true);
    }

    /** The same server and connection pool, calling with {@code accessToken} (null: no token). */
    public AmpClient withToken(String accessToken) {
        return new AmpClient(client, server, () -> accessToken, false);
    }

    /** The user surface of {@code realm}: {@code /realms/{realm}/amp/...}, for a token of that realm. */
    public AmpRealmResource realm(String realm) {
        return target().proxy(AmpRealmsResource.class).realm(realm);
    }

    /** The admin surface of {@code realm}: {@code /admin/realms/{realm}/amp-*}, for a token of that realm or of master. */
    public AmpAdminRealmResource admin(String realm) {
        return target().proxy(AmpAdminRealmsResource.class).realm(realm);
    }

    /**
     * The error body of a refusal that a proxy threw ({@code errorMessage} or {@code error}); an
     * empty error when the body is not Keycloak's JSON error.
     */
    public static AmpError error(WebApplicationException refusal) {
        Response response = WebApplicationExceptionWrapper.unwrap(refusal).getResponse();
        try {
            response.bufferEntity();
            return response.readEntity(AmpError.class);
        } catch (ProcessingException | IllegalStateException e) {
            return new AmpError(null, null);
        }
    }

    /** The HTTP status of a refusal that a proxy threw. */
    public static int status(WebApplicationException refusal) {
        return refusal.getResponse().getStatus();
    }

    @Override
    public void close() {
        if (owner) {
            client.close();
        }
    }

    private ResteasyWebTarget target() {
        return (ResteasyWebTarget) client.target(server).register((ClientRequestFilter) request -> {
            String value = token.get();
            if (value != null) {
                request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + value);
            }
        });
    }

    private static Client newClient(ObjectMapper mapper, Object... providers) {
        ResteasyClientBuilder builder = ((ResteasyClientBuilder) ResteasyClientBuilder.newBuilder())
                .connectionPoolSize(CONNECTIONS)
                .maxPooledPerRoute(CONNECTIONS)
                .connectTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        // A Jackson provider of this client's own, as the Keycloak Admin Client registers its JacksonProvider:
        // a second instance of RESTEasy's built-in class would be ignored, and one shared provider keeps
        // readers cached from whichever client's mapper came first.
        builder.register(new Json(mapper), 100);
        for (Object provider : providers) {
            builder.register(provider);
        }
        return builder.build();
    }

    /** JSON with this client's mapper. */
    private static final class Json extends ResteasyJackson2Provider {
        Json(ObjectMapper mapper) {
            setMapper(mapper);
        }
    }

    /** Requests leave out null fields (the server reads a missing field as not given and refuses unknown ones). */
    private static ObjectMapper mapper(boolean strict) {
        return new ObjectMapper()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict);
    }
}
