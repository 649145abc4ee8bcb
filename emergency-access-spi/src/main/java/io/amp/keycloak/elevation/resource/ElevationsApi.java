package io.amp.keycloak.elevation.resource;

import io.amp.keycloak.common.rest.AmpApi;

/** Registers {@code /realms/{realm}/amp/elevations}: break-the-glass and emergency access, asked for and reviewed by the realm's users. */
public final class ElevationsApi extends AmpApi {

    public static final String ID = "elevations";

    public ElevationsApi() {
        super(ID, ElevationsResource::new);
    }
}
