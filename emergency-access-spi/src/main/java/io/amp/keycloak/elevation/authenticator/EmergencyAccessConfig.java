package io.amp.keycloak.elevation.authenticator;

import io.amp.keycloak.elevation.ElevationContract;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * How long an emergency access chosen at one login step lasts: the step's own
 * {@value ElevationContract#DURATION_SECONDS}; where it sets none, the realm's
 * {@value ElevationContract#REALM_DURATION_SECONDS} (Realm settings > AMP); where neither is set,
 * {@value ElevationPolicy#DEFAULT_EMERGENCY_SECONDS}. A value that is not a whole number of seconds
 * from 1 to the policy's maximum is never replaced by a default: it makes the duration unusable
 * ({@link #problem()}), and the step refuses emergency access until it is fixed. Keycloak 26.7 does
 * not let an authenticator validate its config when it is saved, so this is the earliest point.
 */
record EmergencyAccessConfig(long durationSeconds, String problem) {

    static final long MAX_SECONDS = ElevationPolicy.MAX_MINUTES * 60L;

    /** What the admin console shows for the step: a number field. */
    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ElevationContract.DURATION_SECONDS).label("Elevation duration (seconds)")
            .helpText("How long an emergency access elevates, from the moment it is chosen: 1 to " + MAX_SECONDS
                    + " seconds. Empty: the realm's Emergency access duration (Realm settings > AMP), else "
                    + ElevationPolicy.DEFAULT_EMERGENCY_SECONDS + " (60 minutes). Another value makes the step refuse emergency access.")
            .type(ProviderConfigProperty.INTEGER_TYPE).add()
            .build();

    static EmergencyAccessConfig of(AuthenticatorConfigModel config, RealmModel realm) {
        String step = config == null || config.getConfig() == null ? null : config.getConfig().get(ElevationContract.DURATION_SECONDS);
        return of(step, config == null ? null : config.getAlias(), realm.getAttribute(ElevationContract.REALM_DURATION_SECONDS));
    }

    /** The step's value wins over the realm's; blank counts as not set. */
    static EmergencyAccessConfig of(String stepValue, String alias, String realmValue) {
        if (stepValue != null && !stepValue.isBlank()) {
            return parse(stepValue, "setting " + ElevationContract.DURATION_SECONDS + " of the step's config '" + alias + "'");
        }
        if (realmValue != null && !realmValue.isBlank()) {
            return parse(realmValue, "realm attribute " + ElevationContract.REALM_DURATION_SECONDS);
        }
        return new EmergencyAccessConfig(ElevationPolicy.DEFAULT_EMERGENCY_SECONDS, null);
    }

    private static EmergencyAccessConfig parse(String value, String where) {
        String trimmed = value.strip();
        if (trimmed.matches("\\d{1,9}")) {
            long seconds = Long.parseLong(trimmed);
            if (seconds >= 1 && seconds <= MAX_SECONDS) {
                return new EmergencyAccessConfig(seconds, null);
            }
        }
        return new EmergencyAccessConfig(0, "the " + where + " is '" + value + "', not a whole number of seconds from 1 to " + MAX_SECONDS);
    }

    boolean usable() {
        return problem == null;
    }
}
