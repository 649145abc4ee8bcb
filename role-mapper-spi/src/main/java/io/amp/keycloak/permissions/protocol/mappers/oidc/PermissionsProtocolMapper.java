package io.amp.keycloak.permissions.protocol.mappers.oidc;

import io.amp.keycloak.common.protocol.AmpClaimMapper;
import io.amp.keycloak.permissions.PermissionResolver;
import io.amp.keycloak.permissions.PermissionsContract;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.IDToken;

import java.util.List;
import java.util.OptionalLong;

/**
 * Emits the effective permissions of the client a token is issued to: the catalog permissions the
 * user holds directly, through groups, or through composite department roles, closed under the
 * catalog's {@code implies} and without those whose requirements are unmet. A role held on
 * another system (production vs staging) grants nothing here. The claim is always present, empty
 * when the user holds nothing, so that relying applications can tell "none" from "mapper missing".
 * While an elevation of the session runs on this client, its permissions count too, and the token
 * expires no later than the elevation ends.
 */
public final class PermissionsProtocolMapper extends AmpClaimMapper {

    public static final String PROVIDER_ID = "amp-permissions-mapper";

    public PermissionsProtocolMapper() {
        super(PROVIDER_ID, "AMP effective permissions",
                "Adds the effective catalog permissions of the client the token is issued to (rules applied).",
                PermissionsContract.PERMISSIONS_CLAIM, List.of());
    }

    @Override
    protected Object claimValue(KeycloakSession session, UserSessionModel userSession, ClientModel client,
                                ProtocolMapperModel mapperModel, IDToken token) {
        return PermissionResolver.inSession(session, userSession, client).permissions();
    }

    @Override
    protected OptionalLong latestExpiry(KeycloakSession session, UserSessionModel userSession, ClientModel client, IDToken token) {
        return ElevationProtocolMapper.latestExpiry(PermissionResolver.inSession(session, userSession, client));
    }

    public static ProtocolMapperModel create(String name, String claimName, boolean accessToken, boolean idToken,
                                             boolean userInfo, boolean introspection) {
        return create(PROVIDER_ID, name, claimName, accessToken, idToken, userInfo, introspection);
    }
}
