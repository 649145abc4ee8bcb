package io.amp.keycloak.tokenbenchmark;

/** The OAuth grants the scenarios drive, as keycloak-benchmark names its OIDC scenarios. */
public enum Grant {
    PASSWORD("password grant"),
    REFRESH("refresh token"),
    CLIENT_CREDENTIALS("client credentials"),
    AUTHORIZATION_CODE("authorization code (login form + code exchange)");

    private final String label;

    Grant(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
