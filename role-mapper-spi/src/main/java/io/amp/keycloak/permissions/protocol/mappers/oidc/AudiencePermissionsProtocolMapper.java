package io.amp.keycloak.permissions.protocol.mappers.oidc;

import io.amp.keycloak.common.protocol.AmpClaimMapper;
import io.amp.keycloak.permissions.CatalogReader;
import io.amp.keycloak.permissions.PermissionResolver;
import io.amp.keycloak.permissions.PermissionsContract;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.IDToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Emits, for each client in the token's audience that has an AMP catalog (other than the client
 * the token is issued to, whose permissions are in {@code permissions}), that client's effective
 * permissions, keyed by client id: {@code {"ehr-api": ["chart-read", ...]}}. A front end whose
 * token an API receives (an audience mapper, Keycloak's audience resolution, token exchange) thus
 * carries what the API must enforce, computed exactly as a token issued to the API would be, a
 * running elevation on it included. It runs after Keycloak's audience mappers (priority
 * {@value #PRIORITY}), and the token ends no later than an elevation it carries. Always present,
 * {@code {}} when no such audience, so that "none" differs from "mapper missing".
 */
public final class AudiencePermissionsProtocolMapper extends AmpClaimMapper {

    public static final String PROVIDER_ID = "amp-audience-permissions-mapper";
    /** After Keycloak's audience mappers: the hard-coded one (0) and audience resolution (30). */
    static final int PRIORITY = 40;

    public AudiencePermissionsProtocolMapper() {
        super(PROVIDER_ID, "AMP permissions per audience",
                "Adds the effective permissions of each AMP client in the token's audience, keyed by client id (rules applied).",
                PermissionsContract.AUDIENCE_PERMISSIONS_CLAIM, List.of());
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    protected Object claimValue(KeycloakSession session, UserSessionModel userSession, ClientModel client,
                                ProtocolMapperModel mapperModel, IDToken token) {
        Map<String, List<String>> claim = new TreeMap<>();
        for (ClientModel audience : audiences(userSession.getRealm(), client, token)) {
            claim.put(audience.getClientId(), PermissionResolver.inSession(session, userSession, audience).permissions());
        }
        return claim;
    }

    @Override
    protected OptionalLong latestExpiry(KeycloakSession session, UserSessionModel userSession, ClientModel client, IDToken token) {
        OptionalLong earliest = OptionalLong.empty();
        for (ClientModel audience : audiences(userSession.getRealm(), client, token)) {
            OptionalLong ends = ElevationProtocolMapper.latestExpiry(PermissionResolver.inSession(session, userSession, audience));
            if (ends.isPresent() && (earliest.isEmpty() || ends.getAsLong() < earliest.getAsLong())) {
                earliest = ends;
            }
        }
        return earliest;
    }

    /** The clients of the realm named in the token's audience that have a catalog, but the token's own. */
    private static List<ClientModel> audiences(RealmModel realm, ClientModel client, IDToken token) {
        List<ClientModel> audiences = new ArrayList<>();
        String[] audience = token.getAudience();
        if (audience == null) {
            return audiences;
        }
        for (String clientId : audience) {
            if (clientId == null || clientId.equals(client.getClientId())) {
                continue;
            }
            ClientModel other = realm.getClientByClientId(clientId);
            if (other != null && other.getRolesStream().anyMatch(CatalogReader::isPermission)) {
                audiences.add(other);
            }
        }
        return audiences;
    }

    public static ProtocolMapperModel create(String name, String claimName, boolean accessToken, boolean idToken,
                                             boolean userInfo, boolean introspection) {
        return create(PROVIDER_ID, name, claimName, accessToken, idToken, userInfo, introspection);
    }
}
