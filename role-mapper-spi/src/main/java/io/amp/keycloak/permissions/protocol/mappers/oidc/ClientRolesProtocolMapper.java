package io.amp.keycloak.permissions.protocol.mappers.oidc;

import io.amp.keycloak.permissions.PermissionsContract;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.ProtocolMapperUtils;
import org.keycloak.protocol.oidc.mappers.UserClientRoleMappingMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;
import org.keycloak.utils.RoleResolveUtil;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * Keycloak's "User Client Role" mapper ({@code resource_access.<clientId>.roles}) without the roles
 * of AMP's catalogs: permissions and department roles ({@code kind} attribute) are left out, so
 * the {@code permissions} claim, with its rules applied, is the one place a token names them. Every
 * other client role (the {@code account} client's, an application's own) is mapped as Keycloak maps
 * it, with the same settings. Roles are resolved by Keycloak ({@link RoleResolveUtil}, once per
 * request, composites expanded, client scope applied); the audience resolve mapper reads that
 * resolution, not this claim, so {@code aud} is unchanged. With {@value #KEEP_CATALOG_ROLES} on,
 * the mapper maps exactly what Keycloak's does.
 */
public final class ClientRolesProtocolMapper extends UserClientRoleMappingMapper {

    public static final String PROVIDER_ID = "amp-client-roles-mapper";
    /** Setting: {@code true} maps catalog roles too, as Keycloak's own mapper does. Default {@code false}. */
    public static final String KEEP_CATALOG_ROLES = "keep.catalog.roles";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = configProperties();

    private static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(new UserClientRoleMappingMapper().getConfigProperties());
        properties.add(new ProviderConfigProperty(KEEP_CATALOG_ROLES, "Keep catalog roles",
                "On: also map the roles of AMP's permission catalogs (kind 'permission' or 'department-role'), as Keycloak's own "
                        + "client role mapper does, for applications that still read them here. Off (default): the 'permissions' "
                        + "claim alone names them.",
                ProviderConfigProperty.BOOLEAN_TYPE, "false"));
        return List.copyOf(properties);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "AMP client roles";
    }

    @Override
    public String getHelpText() {
        return "Maps the user's client roles to a token claim like 'User Client Role', leaving out AMP's catalog roles "
                + "(permissions and department roles), which the 'permissions' claim carries with its rules applied.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel container,
                               ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        String keep = mapperModel.getConfig() == null ? null : mapperModel.getConfig().get(KEEP_CATALOG_ROLES);
        if (keep != null && !keep.equals("true") && !keep.equals("false")) {
            String message = "'" + KEEP_CATALOG_ROLES + "' must be true or false, but is '" + keep + "'";
            throw new ProtocolMapperConfigException(message, message);
        }
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        if (Boolean.parseBoolean(mappingModel.getConfig().get(KEEP_CATALOG_ROLES))) {
            super.setClaim(token, mappingModel, userSession, session, clientSessionCtx);
            return;
        }
        // As UserClientRoleMappingMapper.setClaim: one client when the mapper names one, else every client.
        String clientId = mappingModel.getConfig().get(ProtocolMapperUtils.USER_MODEL_CLIENT_ROLE_MAPPING_CLIENT_ID);
        String rolePrefix = mappingModel.getConfig().get(ProtocolMapperUtils.USER_MODEL_CLIENT_ROLE_MAPPING_ROLE_PREFIX);
        boolean everyClient = clientId == null || clientId.isEmpty();
        Map<String, AccessToken.Access> resolved = everyClient
                ? RoleResolveUtil.getAllResolvedClientRoles(session, clientSessionCtx)
                : Collections.singletonMap(clientId, RoleResolveUtil.getResolvedClientRoles(session, clientSessionCtx, clientId, false));
        RealmModel realm = userSession.getRealm();
        resolved.forEach((roleClientId, access) -> {
            if (access == null || access.getRoles() == null) {
                return;
            }
            ClientModel roleClient = realm.getClientByClientId(roleClientId);
            // A new set: the resolved roles are Keycloak's, shared with the other mappers of this request.
            Set<String> roles = withoutCatalogRoles(access.getRoles(), role -> kindOf(roleClient, role));
            if (roles.isEmpty()) {
                return;
            }
            String prefix = everyClient && rolePrefix != null && !rolePrefix.isBlank()
                    ? CLIENT_ID_PATTERN.matcher(rolePrefix).replaceAll(Matcher.quoteReplacement(roleClientId))
                    : rolePrefix;
            setClaim(token, mappingModel, roles, roleClientId, prefix);
        });
    }

    /** The roles whose kind does not mark them as catalog roles, in their order. */
    static Set<String> withoutCatalogRoles(Collection<String> roles, Function<String, String> kindOf) {
        return roles.stream().filter(role -> !isCatalogKind(kindOf.apply(role))).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A permission or a department role of a catalog; any other kind, or none, is an ordinary role. */
    static boolean isCatalogKind(String kind) {
        return PermissionsContract.KIND_PERMISSION.equals(kind) || PermissionsContract.KIND_DEPARTMENT_ROLE.equals(kind);
    }

    private static String kindOf(ClientModel client, String roleName) {
        RoleModel role = client == null ? null : client.getRole(roleName);
        return role == null ? null : role.getFirstAttribute(PermissionsContract.KIND);
    }
}
