package io.amp.keycloak.permissions.protocol.mappers.oidc;

import io.amp.keycloak.permissions.GrantedPermissions;
import io.amp.keycloak.permissions.GrantedPermissions.HeldRole;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;
import org.keycloak.utils.JsonUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Emits the permissions of the client a token is issued to: the catalog permissions the user
 * holds directly, through groups, or through composite department roles. A role held on another
 * system (production vs staging) grants nothing here. The claim is always present, empty when the
 * user holds nothing, so that relying applications can tell "none" from "mapper missing".
 */
public final class PermissionsProtocolMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "amp-permissions-mapper";
    public static final String DEFAULT_CLAIM_NAME = "permissions";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES;

    static {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(properties);
        properties.get(0).setDefaultValue(DEFAULT_CLAIM_NAME);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, PermissionsProtocolMapper.class);
        CONFIG_PROPERTIES = List.copyOf(properties);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "AMP effective permissions";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds the catalog permissions the user holds on the client the token is issued to.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
                               ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        String claimName = mapperModel.getConfig().get(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME);
        if (claimName == null || claimName.isBlank() || JsonUtils.splitClaimPath(claimName).isEmpty()) {
            throw new ProtocolMapperConfigException("Token claim name is required", "{0} is required",
                    OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME_LABEL);
        }
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        ClientModel client = clientSessionCtx.getClientSession().getClient();
        List<HeldRole> held = RoleUtils.getDeepUserRoleMappings(userSession.getUser()).stream()
                .filter(RoleModel::isClientRole)
                .map(role -> new HeldRole(role.getContainerId(), role.getName(),
                        role.getFirstAttribute(GrantedPermissions.KIND_ATTRIBUTE)))
                .toList();
        List<String> permissions = GrantedPermissions.onSystem(client.getId(), held);
        String claimName = mappingModel.getConfig().getOrDefault(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, DEFAULT_CLAIM_NAME);
        JsonUtils.mapClaim(JsonUtils.splitClaimPath(claimName), permissions, token.getOtherClaims(), true);
    }

    public static ProtocolMapperModel create(String name, String claimName, boolean accessToken, boolean idToken,
                                             boolean userInfo, boolean introspection) {
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setName(name);
        mapper.setProtocolMapper(PROVIDER_ID);
        mapper.setProtocol("openid-connect");
        mapper.setConfig(Map.of(
                OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, claimName,
                OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, Boolean.toString(accessToken),
                OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, Boolean.toString(idToken),
                OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, Boolean.toString(userInfo),
                OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, Boolean.toString(introspection)));
        return mapper;
    }
}
