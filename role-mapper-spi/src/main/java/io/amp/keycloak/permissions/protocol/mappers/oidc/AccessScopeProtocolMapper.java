package io.amp.keycloak.permissions.protocol.mappers.oidc;

import io.amp.keycloak.common.protocol.AmpClaimMapper;
import io.amp.keycloak.permissions.AccessScopeReader;
import io.amp.keycloak.permissions.PermissionsContract;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.IDToken;

import java.util.List;

/**
 * Emits the scoped permissions of seed 001 that a flat list cannot say: whose messages the user
 * sees and whose unread count (practice-group setting x Access All Messages for Practice Group x
 * provider or staff), and whether each provider-scoped feature spans the practice group or only
 * the primary provider.
 */
public final class AccessScopeProtocolMapper extends AmpClaimMapper {

    public static final String PROVIDER_ID = "amp-access-scope-mapper";

    public AccessScopeProtocolMapper() {
        super(PROVIDER_ID, "AMP access scope",
                "Adds message visibility and provider scope, from the practice group, the user type and the primary provider.",
                PermissionsContract.ACCESS_SCOPE_CLAIM, List.of());
    }

    @Override
    protected Object claimValue(KeycloakSession session, UserSessionModel userSession, ClientModel client,
                                ProtocolMapperModel mapperModel, IDToken token) {
        return AccessScopeReader.claim(session, userSession.getRealm(), userSession.getUser(), client);
    }

    public static ProtocolMapperModel create(String name, String claimName, boolean accessToken, boolean idToken,
                                             boolean userInfo, boolean introspection) {
        return create(PROVIDER_ID, name, claimName, accessToken, idToken, userInfo, introspection);
    }
}
