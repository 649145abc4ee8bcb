/**
 * AMP's REST API as JAX-RS proxy interfaces, shaped like the server's resources (as the Keycloak
 * Admin Client's are): {@link io.amp.keycloak.client.resource.AmpRealmsResource} for the user
 * surface {@code /realms/{realm}/amp/...}, {@link io.amp.keycloak.client.resource.AmpAdminRealmsResource}
 * for the admin surface {@code /admin/realms/{realm}/amp-*}. A refusal is thrown as the JAX-RS
 * exception of its status ({@code ForbiddenException}, {@code NotFoundException}, a
 * {@code ClientErrorException} for 409...); {@link io.amp.keycloak.client.AmpClient#error} reads its body.
 */
package io.amp.keycloak.client.resource;
