package io.amp.keycloak.tokenbenchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a relying application sends to Keycloak's token endpoint, with the client secret in the
 * form (client_secret_post), as keycloak-benchmark's OIDC scenarios do. One instance per load
 * client: it holds that client's connection.
 */
final class TokenClient {

    /** Accepted by the demo clients ({@code http://localhost:*}); nothing listens there, and nothing needs to. */
    static final String REDIRECT_URI = "http://localhost:1/callback";

    private final URI base;
    private final Http http = new Http();

    TokenClient(URI base) {
        this.base = base;
    }

    Http.Response password(String realm, String clientId, String secret, String username, String password) throws IOException {
        return token(realm, Map.of("grant_type", "password", "client_id", clientId, "client_secret", secret,
                "username", username, "password", password, "scope", "openid"));
    }

    Http.Response refresh(String realm, String clientId, String secret, String refreshToken) throws IOException {
        return token(realm, Map.of("grant_type", "refresh_token", "client_id", clientId, "client_secret", secret,
                "refresh_token", refreshToken));
    }

    Http.Response clientCredentials(String realm, String clientId, String secret) throws IOException {
        return token(realm, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /**
     * A whole browser login without a browser: opens the authorization endpoint, posts the
     * credentials to the login form's action with the cookies Keycloak set, takes the code from the
     * redirect back to the application and exchanges it. Returns the token response; a step that
     * goes wrong returns that step's answer.
     */
    Http.Response authorizationCode(String realm, String clientId, String secret, String username, String password)
            throws IOException {
        Cookies cookies = new Cookies();
        URI auth = realmUri(realm, "protocol/openid-connect/auth?client_id=" + Http.encode(clientId)
                + "&response_type=code&scope=openid&redirect_uri=" + Http.encode(REDIRECT_URI) + "&state=bench");
        Http.Response page = http.send(HttpRequest.newBuilder(auth).timeout(Duration.ofSeconds(60)).GET().build());
        cookies.take(page);
        if (page.status() != 200) {
            return page;
        }
        LoginForm form = LoginForm.parse(page.body(), auth);
        Map<String, String> fields = new LinkedHashMap<>(form.hidden());
        fields.put("username", username);
        fields.put("password", password);
        Http.Response submitted = http.postForm(form.action(), fields, Map.of("Cookie", cookies.header()));
        String location = submitted.header("Location").orElse("");
        if (submitted.status() != 302 || !location.startsWith(REDIRECT_URI)) {
            return submitted;
        }
        String code = LoginForm.queryParameter(URI.create(location), "code");
        return token(realm, Map.of("grant_type", "authorization_code", "client_id", clientId, "client_secret", secret,
                "code", code, "redirect_uri", REDIRECT_URI));
    }

    private Http.Response token(String realm, Map<String, String> form) throws IOException {
        return http.postForm(realmUri(realm, "protocol/openid-connect/token"), form, Map.of());
    }

    private URI realmUri(String realm, String path) {
        return base.resolve("realms/" + realm + "/" + path);
    }

    /**
     * The cookies of one login. Keycloak marks them Secure even on plain-HTTP loopback, which
     * java.net's CookieManager would then not send back; a browser on localhost does.
     */
    private static final class Cookies {
        private final Map<String, String> values = new LinkedHashMap<>();

        void take(Http.Response response) {
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }

        String header() {
            StringBuilder header = new StringBuilder();
            values.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
            return header.toString();
        }
    }
}
