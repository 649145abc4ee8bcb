package io.amp.keycloak.consultant.resource;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessLevelRepresentation(String username, Integer accessLevel, boolean consultant) {
}
