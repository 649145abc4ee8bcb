package io.amp.keycloak.client.representation;

import java.util.List;

/** A user of an account as account management shows them; {@code role} is account-admin, department-admin, department-viewer or null. */
public record AccountUser(String id, String username, String email, String firstName, String lastName, String role,
                          List<String> departments) {
}
