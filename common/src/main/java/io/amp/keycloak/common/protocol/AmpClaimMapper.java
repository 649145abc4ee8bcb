package io.amp.keycloak.common.protocol;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What every AMP claim mapper shares, so that each claim family is one small class: the settings
 * of Keycloak's own mappers (claim name; access token, lightweight access token, ID token,
 * userinfo, introspection), their validation at configuration time, and writing the claim. The
 * claim is computed per token from Keycloak's cached models; nothing is kept between requests.
 * Public because the consultant-access jar builds its site claim on it too.
 */
public abstract class AmpClaimMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    /** Two path separators in a row that are not an escaped dot followed by a separator. */
    private static final Pattern EMPTY_SEGMENT = Pattern.compile("(?<!\\\\)\\.\\.");

    private final String id;
    private final String displayType;
    private final String helpText;
    private final String defaultClaimName;
    private final List<ProviderConfigProperty> configProperties;

    /**
     * @param extraProperties settings of this claim family, after the common ones
     */
    protected AmpClaimMapper(String id, String displayType, String helpText, String defaultClaimName,
                             List<ProviderConfigProperty> extraProperties) {
        this.id = id;
        this.displayType = displayType;
        this.helpText = helpText;
        this.defaultClaimName = defaultClaimName;
        List<ProviderConfigProperty> properties = new ArrayList<>();
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(properties);
        properties.get(0).setDefaultValue(defaultClaimName);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, getClass());
        properties.addAll(extraProperties);
        this.configProperties = List.copyOf(properties);
    }

    /**
     * The claim's value for the session's user and this client, under this mapper's settings;
     * null leaves the claim out. {@code token} is the token as the mappers before this one left it
     * (its audience, say); a mapper reads it and leaves the writing to this class.
     */
    protected abstract Object claimValue(KeycloakSession session, UserSessionModel userSession, ClientModel client,
                                         ProtocolMapperModel mapperModel, IDToken token);

    /**
     * The latest {@code exp} (epoch seconds) a token carrying this claim may have, when the claim
     * holds something that ends (an elevation); empty when the realm's lifespans alone decide.
     */
    protected OptionalLong latestExpiry(KeycloakSession session, UserSessionModel userSession, ClientModel client, IDToken token) {
        return OptionalLong.empty();
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getDisplayType() {
        return displayType;
    }

    @Override
    public final String getHelpText() {
        return helpText;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return configProperties;
    }

    @Override
    public final String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
                               ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        Map<String, String> config = mapperModel.getConfig() == null ? Map.of() : mapperModel.getConfig();
        String claimName = config.get(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME);
        if (claimName == null || claimName.isBlank()) {
            throw new ProtocolMapperConfigException("Token claim name is required", "Token claim name is required");
        }
        if (claimName.startsWith(".") || EMPTY_SEGMENT.matcher(claimName).find()
                || (claimName.endsWith(".") && !claimName.endsWith("\\."))) {
            String message = "Token claim name '" + claimName + "' has an empty path segment";
            throw new ProtocolMapperConfigException(message, message);
        }
        for (String flag : List.of(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN,
                OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION,
                OIDCAttributeMapperHelper.INCLUDE_IN_LIGHTWEIGHT_ACCESS_TOKEN)) {
            String value = config.get(flag);
            if (value != null && !value.equals("true") && !value.equals("false")) {
                String message = "'" + flag + "' must be true or false, but is '" + value + "'";
                throw new ProtocolMapperConfigException(message, message);
            }
        }
    }

    @Override
    protected final void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                                  KeycloakSession session, ClientSessionContext clientSessionCtx) {
        ClientModel client = clientSessionCtx.getClientSession().getClient();
        Object value = claimValue(session, userSession, client, mappingModel, token);
        if (value != null) {
            String claimName = mappingModel.getConfig().getOrDefault(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, defaultClaimName);
            JsonUtils.mapClaim(JsonUtils.splitClaimPath(claimName), value, token.getOtherClaims(), false);
        }
        // A token never outlives what it says: capping exp here covers the access token, the ID
        // token (Keycloak copies the access token's exp) and the expires_in of the response.
        OptionalLong latest = latestExpiry(session, userSession, client, token);
        if (latest.isPresent() && token.getExp() != null && token.getExp() > latest.getAsLong()) {
            token.exp(latest.getAsLong());
        }
    }

    protected static ProtocolMapperModel create(String providerId, String name, String claimName, boolean accessToken,
                                      boolean idToken, boolean userInfo, boolean introspection) {
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setName(name);
        mapper.setProtocolMapper(providerId);
        mapper.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        Map<String, String> config = new HashMap<>();
        config.put(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, claimName);
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, Boolean.toString(accessToken));
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, Boolean.toString(idToken));
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, Boolean.toString(userInfo));
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, Boolean.toString(introspection));
        mapper.setConfig(config);
        return mapper;
    }
}
