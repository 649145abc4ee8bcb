package io.amp.keycloak.tokenbenchmark;

/**
 * The two configurations of one client compared side by side. AMP: the client has AMP's
 * {@code amp-claims} scope (the AMP claims) and {@code amp-roles} (realm roles, client roles
 * without catalog roles, audience). Stock: no {@code amp-claims}, and Keycloak's own {@code roles}
 * scope in place of {@code amp-roles}, as a realm that does not use AMP has it.
 */
public enum Arm {
    AMP("AMP"),
    STOCK("stock");

    private final String label;

    Arm(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
