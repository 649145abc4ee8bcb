package io.amp.keycloak.client.representation;

import java.util.List;

/** One page of the caller's site keys (what the {@code sites} claim holds, without its size limit). */
public record SitePage(List<String> sites, int first, int max, boolean more) {
}
