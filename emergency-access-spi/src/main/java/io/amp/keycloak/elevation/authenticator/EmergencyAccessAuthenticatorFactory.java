package io.amp.keycloak.elevation.authenticator;

import io.amp.keycloak.common.AmpProviderFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** Registers the emergency-access login step; its one setting is how long an emergency access lasts. */
public final class EmergencyAccessAuthenticatorFactory implements AuthenticatorFactory, AmpProviderFactory<Authenticator> {

    public static final String PROVIDER_ID = "amp-emergency-access";
    private static final EmergencyAccessAuthenticator SINGLETON = new EmergencyAccessAuthenticator();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "AMP Emergency Access";
    }

    @Override
    public String getReferenceCategory() {
        return "emergency-access";
    }

    @Override
    public String getHelpText() {
        return "Place right after Username Password Form: a user holding Emergency Access who chooses it on the login page "
                + "and gives a reason gets the realm's emergency access permissions (Realm settings > AMP; by default Create and "
                + "Update Patients, Access Scheduling and Access Clinical Notes) for a while.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[]{Requirement.REQUIRED, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return EmergencyAccessConfig.PROPERTIES;
    }
}
