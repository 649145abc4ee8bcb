package io.amp.keycloak.client.representation;

/** Why an access request is approved or denied. */
public record Reason(String reason) {
}
