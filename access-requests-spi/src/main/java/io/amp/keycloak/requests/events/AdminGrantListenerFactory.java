package io.amp.keycloak.requests.events;

import io.amp.keycloak.common.events.AmpGlobalListenerFactory;

/** Registers {@link AdminGrantListener} for every realm. */
public final class AdminGrantListenerFactory extends AmpGlobalListenerFactory {

    public static final String PROVIDER_ID = "amp-admin-grants";

    public AdminGrantListenerFactory() {
        super(PROVIDER_ID, AdminGrantListener::new);
    }
}
