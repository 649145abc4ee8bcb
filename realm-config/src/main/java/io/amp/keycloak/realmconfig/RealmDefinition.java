package io.amp.keycloak.realmconfig;

import org.keycloak.representations.idm.RealmRepresentation;

/**
 * One definition file: an optional catalog to expand, and the rest of the realm in Keycloak's
 * own representation.
 */
public record RealmDefinition(CatalogDefinition catalog, RealmRepresentation realm) {
}
