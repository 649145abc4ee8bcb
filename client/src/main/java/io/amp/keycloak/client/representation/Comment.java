package io.amp.keycloak.client.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A reviewer's or administrator's comment; optional where the operation says so (null sends none). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Comment(String comment) {

    public static Comment none() {
        return new Comment(null);
    }
}
