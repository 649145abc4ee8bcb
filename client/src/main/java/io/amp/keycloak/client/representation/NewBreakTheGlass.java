package io.amp.keycloak.client.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A break-the-glass request: why, for how many minutes once approved (1 to 480), and on which
 * application ({@code system}, a clientId; null: the one the caller's token was issued to).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewBreakTheGlass(String reason, int durationMinutes, String system) {

    /** On the application the caller's token was issued to. */
    public NewBreakTheGlass(String reason, int durationMinutes) {
        this(reason, durationMinutes, null);
    }
}
