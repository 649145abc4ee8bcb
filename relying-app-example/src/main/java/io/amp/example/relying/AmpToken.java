package io.amp.example.relying;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this API reads from a verified AMP access token. {@code permissions} are this API's: the
 * {@code permissions} claim when the token was issued to this API ({@code azp}), else this API's
 * entry of {@code audience_permissions} (a front end's token sent here). Nothing is read from
 * {@code resource_access}: in AMP's realms it names no catalog permission.
 *
 * @param raw the token as received, for calls made on the user's behalf (the sites overflow endpoint)
 */
public record AmpToken(String subject, String username, String authorizedParty, List<String> audience,
                       Set<String> permissions, Map<String, Object> accessScope, Sites sites,
                       Optional<Elevation> elevation, String raw) {

    /** The {@code elevation} claim: until when (epoch seconds) its permissions count. */
    public record Elevation(String kind, long until, Set<String> permissions) {
    }

    /** The {@code sites} claim: a list, or the marker that points to the paged endpoint. */
    public sealed interface Sites {
        record Listed(List<String> keys) implements Sites {
        }

        record Overflow(String endpoint) implements Sites {
        }

        record Absent() implements Sites {
        }
    }

    /**
     * The permissions that count at {@code nowSeconds}: an elevation's permissions stop counting at
     * its {@code until}, even in a token that is still valid (AMP caps a token's exp at the
     * elevation's end; a clock that runs ahead of Keycloak's, or a cached token, must not stretch it).
     */
    public Set<String> permissionsAt(long nowSeconds) {
        if (elevation.isEmpty() || nowSeconds < elevation.get().until()) {
            return permissions;
        }
        Set<String> remaining = new TreeSet<>(permissions);
        remaining.removeAll(elevation.get().permissions());
        return remaining;
    }
}
