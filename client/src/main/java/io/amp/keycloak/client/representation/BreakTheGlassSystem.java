package io.amp.keycloak.client.representation;

import java.util.List;

/** An application break-the-glass elevates to: its clientId, the name people read, and what an elevation there grants. */
public record BreakTheGlassSystem(String clientId, String name, List<Permission> grants) {

    /** A permission an elevation grants, with the seed's texts in full: what it allows, and what is met without it. */
    public record Permission(String key, String name, String whenOn, String whenOff) {
    }
}
