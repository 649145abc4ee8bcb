package io.amp.keycloak.rules.permissions;

/** A configuration error in a catalog, named by permission and attribute so an admin can fix it. */
public record CatalogProblem(String permission, String attribute, String message) {

    @Override
    public String toString() {
        return "permission " + permission + (attribute == null ? "" : ", attribute " + attribute) + ": " + message;
    }
}
