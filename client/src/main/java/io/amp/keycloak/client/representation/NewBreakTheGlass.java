package io.amp.keycloak.client.representation;

/** A break-the-glass request: why, and for how many minutes once approved (1 to 480). */
public record NewBreakTheGlass(String reason, int durationMinutes) {
}
