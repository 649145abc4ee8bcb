package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.rest.AmpApi;

/** Registers {@code /realms/{realm}/amp/consultant-access}: the same resources for signed-in users and customers' admins. */
public final class ConsultantAccessApi extends AmpApi {

    public static final String ID = "consultant-access";

    public ConsultantAccessApi() {
        super(ID, ConsultantAccessResource::new);
    }
}
