package io.amp.keycloak.common.rest;

import org.keycloak.provider.Provider;

/** One feature's part of {@code /realms/{realm}/amp}: the JAX-RS resource under {@code /realms/{realm}/amp/<id>}. */
public interface AmpApiProvider extends Provider {

    /** The resource that answers this request for {@code caller}. */
    Object resource(Caller caller);

    @Override
    default void close() {
    }
}
