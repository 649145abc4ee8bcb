package io.amp.keycloak.client.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A grant to make: exactly one of a consultant group (name or path) and a consultant's exact email; on unless {@code enabled} is false. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewGrant(String group, String email, Boolean enabled) {

    public static NewGrant toGroup(String group) {
        return new NewGrant(group, null, null);
    }

    public static NewGrant toConsultant(String email) {
        return new NewGrant(null, email, null);
    }
}
