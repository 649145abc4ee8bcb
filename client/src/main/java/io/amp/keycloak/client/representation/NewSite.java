package io.amp.keycloak.client.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A site to create: its key (lower case words joined by '-') and an optional name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewSite(String key, String name) {
}
