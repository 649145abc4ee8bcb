package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.rest.AmpAdminResourceFactory;

/** Registers {@code /admin/realms/{realm}/amp-consultant-access}: the same resources for realm administrators. */
public final class ConsultantAccessResourceProviderFactory extends AmpAdminResourceFactory {

    public static final String PROVIDER_ID = "amp-consultant-access";

    public ConsultantAccessResourceProviderFactory() {
        super(PROVIDER_ID, ConsultantAccessResource::new);
    }
}
