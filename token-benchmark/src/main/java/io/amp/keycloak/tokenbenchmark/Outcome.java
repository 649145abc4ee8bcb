package io.amp.keycloak.tokenbenchmark;

/**
 * One token request as the load client saw it. Sizes are those of the JSON body: the access
 * token (a JWT, so one byte per character) and the whole token response.
 */
record Outcome(int status, int responseBytes, int accessTokenBytes, String error) {

    static Outcome of(Http.Response response) {
        if (response.status() != 200) {
            return new Outcome(response.status(), response.body().length(), 0, response.toString());
        }
        String access = response.json().path("access_token").asText("");
        return new Outcome(200, response.body().length(), access.length(), access.isEmpty() ? "no access_token" : null);
    }

    static Outcome failed(Exception e) {
        return new Outcome(0, 0, 0, e.toString());
    }

    boolean ok() {
        return error == null;
    }
}
