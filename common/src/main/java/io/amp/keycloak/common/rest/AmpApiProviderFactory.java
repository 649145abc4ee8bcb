package io.amp.keycloak.common.rest;

import org.keycloak.provider.ProviderFactory;

/** Registers a feature's part of {@code /realms/{realm}/amp}; its id is the path segment after {@code amp/}. */
public interface AmpApiProviderFactory extends ProviderFactory<AmpApiProvider> {
}
