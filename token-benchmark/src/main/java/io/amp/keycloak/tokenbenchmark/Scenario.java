package io.amp.keycloak.tokenbenchmark;

import java.io.IOException;

/**
 * One benchmark scenario: a grant, at one client of one realm, for one user (none for client
 * credentials). {@link #open} gives a load client its own session of it; each call of
 * {@link Session#next} is one token request (for the authorization code, one whole login).
 *
 * @param name     short name used on the command line and in the results
 * @param grant    the OAuth grant
 * @param realm    realm of the client
 * @param clientId the client whose default client scopes are switched between the arms
 * @param secret   its secret
 * @param username the user (null for client credentials)
 * @param about    what the scenario stands for, for the results
 */
public record Scenario(String name, Grant grant, String realm, String clientId, String secret, String username, String about) {

    public static final String DEMO_PASSWORD = "demo";
    public static final String DEMO_SECRET = "demo-secret";

    /** A stream of token requests of this scenario, for one load client. */
    interface Session {
        Outcome next();
    }

    Session open(TokenClient client) throws IOException {
        return switch (grant) {
            case PASSWORD -> () -> call(() -> client.password(realm, clientId, secret, username, DEMO_PASSWORD));
            case CLIENT_CREDENTIALS -> () -> call(() -> client.clientCredentials(realm, clientId, secret));
            case AUTHORIZATION_CODE -> () -> call(() -> client.authorizationCode(realm, clientId, secret, username, DEMO_PASSWORD));
            case REFRESH -> new Refreshing(client, firstRefreshToken(client));
        };
    }

    /** A refresh token of a new session of the user, from a password grant (not measured). */
    private String firstRefreshToken(TokenClient client) throws IOException {
        Http.Response first = client.password(realm, clientId, secret, username, DEMO_PASSWORD);
        if (first.status() != 200) {
            throw new IllegalStateException("Scenario " + name + ": no session for " + username + " at " + realm + "/" + clientId + ": " + first);
        }
        return first.json().get("refresh_token").asText();
    }

    /** The refresh token of the latest response is the next request's, as an application keeps it. */
    private final class Refreshing implements Session {
        private final TokenClient client;
        private String refreshToken;

        Refreshing(TokenClient client, String refreshToken) {
            this.client = client;
            this.refreshToken = refreshToken;
        }

        @Override
        public Outcome next() {
            try {
                Http.Response response = client.refresh(realm, clientId, secret, refreshToken);
                if (response.status() == 200) {
                    refreshToken = response.json().path("refresh_token").asText(refreshToken);
                }
                return Outcome.of(response);
            } catch (IOException | RuntimeException e) {
                return Outcome.failed(e);
            }
        }
    }

    private interface Call {
        Http.Response run() throws IOException;
    }

    private static Outcome call(Call call) {
        try {
            return Outcome.of(call.run());
        } catch (IOException | RuntimeException e) {
            return Outcome.failed(e);
        }
    }
}
