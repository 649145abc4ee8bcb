package io.amp.keycloak.consultant.admin.resource;

import io.amp.keycloak.rest.AmpAdminResourceFactory;

/** Registers {@code /admin/realms/{realm}/amp-consultant-access}. */
public final class ConsultantAccessResourceProviderFactory extends AmpAdminResourceFactory {

    public static final String PROVIDER_ID = "amp-consultant-access";

    public ConsultantAccessResourceProviderFactory() {
        super(PROVIDER_ID, ConsultantAccessResource::new);
    }
}
