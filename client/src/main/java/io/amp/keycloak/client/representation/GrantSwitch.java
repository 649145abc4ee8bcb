package io.amp.keycloak.client.representation;

/** A grant switched on or off (the portal's Access toggle). */
public record GrantSwitch(boolean enabled) {
}
