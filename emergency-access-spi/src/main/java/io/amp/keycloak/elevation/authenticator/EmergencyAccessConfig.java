package io.amp.keycloak.elevation.authenticator;

import io.amp.keycloak.elevation.ElevationContract;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * The settings of one emergency-access login step, read from its authenticator config: how long
 * an emergency access lasts. A value that is not a duration from 1 second to the policy's maximum
 * is logged and the default used, so a typo never blocks a clinician's login.
 */
record EmergencyAccessConfig(long durationSeconds) {

    private static final Logger LOG = Logger.getLogger(EmergencyAccessConfig.class);

    /** What the admin console shows for the step. */
    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ElevationContract.DURATION_SECONDS).label("Elevation duration (seconds)")
            .helpText("How long an emergency access elevates, from the moment it is chosen: 1 to "
                    + ElevationPolicy.MAX_MINUTES * 60 + " seconds. Default " + ElevationPolicy.DEFAULT_EMERGENCY_SECONDS + " (60 minutes).")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(Long.toString(ElevationPolicy.DEFAULT_EMERGENCY_SECONDS)).add()
            .build();

    static EmergencyAccessConfig of(AuthenticatorConfigModel config) {
        String value = config == null || config.getConfig() == null ? null : config.getConfig().get(ElevationContract.DURATION_SECONDS);
        if (value == null || value.isBlank()) {
            return new EmergencyAccessConfig(ElevationPolicy.DEFAULT_EMERGENCY_SECONDS);
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 1 && seconds <= ElevationPolicy.MAX_MINUTES * 60L) {
                return new EmergencyAccessConfig(seconds);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        LOG.warnf("Emergency access step %s: '%s' is not a duration from 1 to %d seconds; using %d", config.getAlias(), value,
                ElevationPolicy.MAX_MINUTES * 60, ElevationPolicy.DEFAULT_EMERGENCY_SECONDS);
        return new EmergencyAccessConfig(ElevationPolicy.DEFAULT_EMERGENCY_SECONDS);
    }
}
