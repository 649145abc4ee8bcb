package io.amp.keycloak.elevation.events;

import io.amp.keycloak.common.events.AmpGlobalListenerFactory;

/** Registers {@link ElevationEventListener} for every realm (global), so emergency access needs no event setting. */
public final class ElevationEventListenerFactory extends AmpGlobalListenerFactory {

    public static final String PROVIDER_ID = "amp-elevation";

    public ElevationEventListenerFactory() {
        super(PROVIDER_ID, ElevationEventListener::new);
    }
}
