package io.amp.keycloak.client.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A user to create in an account, at or below the caller's level; {@code departments} are department ids. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewAccountUser(String username, String email, String firstName, String lastName, String role,
                             List<String> departments) {
}
