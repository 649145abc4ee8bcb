package io.amp.keycloak.consultant.jpa;

import org.keycloak.models.GroupModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Removes grants and sites whose owner is removed, in the transaction that removes it: a user
 * takes their own grants along, a group its group grants, a department (organization group) and
 * an organization their sites with those sites' grants, a realm everything of it.
 */
final class SiteIntegrityListener implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent removed) {
            new SiteStore(removed.getKeycloakSession()).deleteGrantsOfSubject(SiteStore.SUBJECT_USER, removed.getUser().getId());
        } else if (event instanceof GroupModel.GroupRemovedEvent removed) {
            SiteStore store = new SiteStore(removed.getKeycloakSession());
            store.deleteGrantsOfSubject(SiteStore.SUBJECT_GROUP, removed.getGroup().getId());
            if (removed.getGroup().getType() == GroupModel.Type.ORGANIZATION) {
                store.deleteSitesOfDepartment(removed.getGroup().getId());
            }
        } else if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
            new SiteStore(removed.getKeycloakSession()).deleteSitesOfOrganization(removed.getOrganization().getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            new SiteStore(removed.getKeycloakSession()).deleteSitesOfRealm(removed.getRealm().getId());
        }
    }
}
