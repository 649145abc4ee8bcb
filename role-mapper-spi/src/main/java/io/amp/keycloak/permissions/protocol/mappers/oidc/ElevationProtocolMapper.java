package io.amp.keycloak.permissions.protocol.mappers.oidc;

import io.amp.keycloak.common.protocol.AmpClaimMapper;
import io.amp.keycloak.permissions.PermissionResolver;
import io.amp.keycloak.permissions.PermissionResolver.InSession;
import io.amp.keycloak.permissions.PermissionsContract;
import io.amp.keycloak.rules.elevation.Elevation;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.IDToken;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Marks a token whose permissions are elevated: {@code {"id", "kind", "since", "until",
 * "permissions"}} with {@code since}/{@code until} in epoch seconds and {@code permissions} the keys
 * only the elevation gives. Absent when nothing is elevated. The reason stays out of tokens (it
 * may name a patient); reviewers read it through the admin API.
 */
public final class ElevationProtocolMapper extends AmpClaimMapper {

    public static final String PROVIDER_ID = "amp-elevation-mapper";

    public ElevationProtocolMapper() {
        super(PROVIDER_ID, "AMP elevation",
                "Marks tokens carrying permissions of an emergency access or an approved break-the-glass request, with the end time.",
                PermissionsContract.ELEVATION_CLAIM, List.of());
    }

    @Override
    protected Object claimValue(KeycloakSession session, UserSessionModel userSession, ClientModel client,
                                ProtocolMapperModel mapperModel, IDToken token) {
        InSession resolved = PermissionResolver.inSession(session, userSession, client);
        if (resolved.elevation().isEmpty()) {
            return null;
        }
        Elevation elevation = resolved.elevation().get();
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("id", elevation.id());
        claim.put("kind", elevation.kind().key());
        claim.put("since", Math.floorDiv(elevation.startsAt(), 1000L));
        claim.put("until", elevation.until());
        claim.put("permissions", resolved.elevated());
        return claim;
    }

    @Override
    protected OptionalLong latestExpiry(KeycloakSession session, UserSessionModel userSession, ClientModel client, IDToken token) {
        return latestExpiry(PermissionResolver.inSession(session, userSession, client));
    }

    static OptionalLong latestExpiry(InSession resolved) {
        return resolved.elevation().map(elevation -> OptionalLong.of(elevation.latestTokenExpiry())).orElse(OptionalLong.empty());
    }

    public static ProtocolMapperModel create(String name, String claimName, boolean accessToken, boolean idToken,
                                             boolean userInfo, boolean introspection) {
        return create(PROVIDER_ID, name, claimName, accessToken, idToken, userInfo, introspection);
    }
}
