package io.amp.keycloak.client.representation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Department roles asked for on a system: {@code subject} (a username) null for the caller,
 * {@code endsAt} (epoch milliseconds) null for no end.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewAccessRequest(String subject, String organization, String department, String system, List<String> roles,
                               String justification, Long endsAt) {
}
