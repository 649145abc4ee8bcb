package io.amp.keycloak.client.representation;

/** An application break-the-glass elevates to: its clientId and the name people read. */
public record BreakTheGlassSystem(String clientId, String name) {
}
