package io.amp.keycloak.client.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** What to change of an account's user; null fields stay as they are. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountUserChanges(String email, String firstName, String lastName, String role, List<String> departments) {
}
