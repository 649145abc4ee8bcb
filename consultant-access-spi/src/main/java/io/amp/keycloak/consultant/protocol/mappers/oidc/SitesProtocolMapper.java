package io.amp.keycloak.consultant.protocol.mappers.oidc;

import io.amp.keycloak.common.protocol.AmpClaimMapper;
import io.amp.keycloak.consultant.SiteReader;
import io.amp.keycloak.consultant.config.ConsultantContract;
import io.amp.keycloak.consultant.config.ConsultantSettings;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.IDToken;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;
import java.util.Map;

/**
 * Emits the keys of the sites the user may access: a consultant exactly their enabled grants
 * (directly and through their groups), an Account Admin the sites of their accounts, a
 * Department Admin or Viewer those of their departments, anyone else none. Past the configured
 * maximum the claim is replaced by an overflow marker that points to the paged endpoint, so a
 * user with thousands of sites does not get a huge token.
 */
public final class SitesProtocolMapper extends AmpClaimMapper {

    public static final String PROVIDER_ID = "amp-sites-mapper";
    public static final int DEFAULT_MAX_SITES = 100;
    private static final int LIMIT = ConsultantContract.MAX_SITES_LIMIT;

    public SitesProtocolMapper() {
        super(PROVIDER_ID, "AMP sites", "Adds the keys of the sites the user may access (consultants: granted sites only).",
                ConsultantContract.SITES_CLAIM, List.of(maxSitesProperty()));
    }

    private static ProviderConfigProperty maxSitesProperty() {
        ProviderConfigProperty max = new ProviderConfigProperty();
        max.setName(ConsultantContract.MAX_SITES);
        max.setLabel("Maximum sites in the token");
        max.setHelpText("Past this many sites the claim becomes {\"overflow\": true, \"endpoint\": ...}; the endpoint lists them with paging. 1 to "
                + LIMIT + ". Where the realm sets a maximum (Realm settings > AMP > Maximum sites in a token), that one applies instead.");
        max.setType(ProviderConfigProperty.STRING_TYPE);
        max.setDefaultValue(Integer.toString(DEFAULT_MAX_SITES));
        return max;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
                               ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        super.validateConfig(session, realm, client, mapperModel);
        String max = mapperModel.getConfig() == null ? null : mapperModel.getConfig().get(ConsultantContract.MAX_SITES);
        if (max != null && parseMax(max) == null) {
            String message = "'" + ConsultantContract.MAX_SITES + "' must be a whole number from 1 to " + LIMIT + ", but is '" + max + "'";
            throw new ProtocolMapperConfigException(message, message);
        }
    }

    @Override
    protected Object claimValue(KeycloakSession session, UserSessionModel userSession, ClientModel client,
                                ProtocolMapperModel mapperModel, IDToken token) {
        RealmModel realm = userSession.getRealm();
        UserModel user = userSession.getUser();
        int max = ConsultantSettings.maxSites(realm).orElseGet(() -> {
            Integer configured = parseMax(mapperModel.getConfig().get(ConsultantContract.MAX_SITES));
            return configured == null ? DEFAULT_MAX_SITES : configured;
        });
        List<String> sites = SiteReader.siteKeys(session, realm, user, 0, max + 1);
        if (sites.size() > max) {
            return Map.of("overflow", true,
                    "endpoint", "/realms/" + realm.getName() + "/amp/consultant-access/me/sites");
        }
        return sites;
    }

    private static Integer parseMax(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed >= 1 && parsed <= LIMIT ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static ProtocolMapperModel create(String name, String claimName, boolean accessToken, boolean idToken,
                                             boolean userInfo, boolean introspection) {
        return create(PROVIDER_ID, name, claimName, accessToken, idToken, userInfo, introspection);
    }
}
