package io.amp.keycloak.consultant.jpa;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.amp.keycloak.consultant.config.ConsultantContract;
import io.amp.keycloak.consultant.config.ConsultantSettings;
import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

import java.io.IOException;
import java.util.List;

/**
 * Sites and grants that arrive with a realm import. Keycloak's realm files cannot carry rows of
 * AMP's own tables, so a realm may hold them as JSON in the realm attribute
 * {@value #ConsultantContract.SITES_IMPORT}; once the server has started, they are created where missing and the
 * attribute is removed, in one transaction per realm. Accounts are named by alias, departments
 * by name, grants by consultant group path or consultant email.
 */
final class SiteImport implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(SiteImport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSessionFactory factory;

    SiteImport(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    record Definition(List<SiteDefinition> sites, List<GrantDefinition> grants) {
    }

    record SiteDefinition(String key, String name, String account, String department) {
    }

    record GrantDefinition(String site, String group, String email) {
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (!(event instanceof PostMigrationEvent)) {
            return;
        }
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> session.realms().getRealmsStream()
                .filter(realm -> realm.getAttribute(ConsultantContract.SITES_IMPORT) != null).map(RealmModel::getId).toList());
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> importInto(session, session.realms().getRealm(realmId)));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not import the sites of realm %s from its attribute %s; it is left in place", realmId, ConsultantContract.SITES_IMPORT);
            }
        }
    }

    private static void importInto(KeycloakSession session, RealmModel realm) {
        session.getContext().setRealm(realm);
        Definition definition;
        try {
            definition = JSON.readValue(realm.getAttribute(ConsultantContract.SITES_IMPORT), Definition.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("The attribute is not valid: " + e.getMessage(), e);
        }
        SiteStore store = new SiteStore(session);
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        int sites = 0;
        int grants = 0;
        for (SiteDefinition site : definition.sites() == null ? List.<SiteDefinition>of() : definition.sites()) {
            if (store.site(realm.getId(), site.key()).isPresent()) {
                continue;
            }
            OrganizationModel account = organizations.getByAlias(site.account());
            if (account == null) {
                throw new IllegalArgumentException("Site " + site.key() + ": no account with alias " + site.account());
            }
            GroupModel department = organizations.searchGroupsByName(account, site.department(), true, 0, 1).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Site " + site.key() + ": no department " + site.department()));
            store.createSite(realm.getId(), account.getId(), department.getId(), site.key(), site.name() == null ? site.key() : site.name());
            sites++;
        }
        for (GrantDefinition grant : definition.grants() == null ? List.<GrantDefinition>of() : definition.grants()) {
            AmpSiteEntity site = store.site(realm.getId(), grant.site())
                    .orElseThrow(() -> new IllegalArgumentException("Grant: no site " + grant.site()));
            String subjectType;
            String subjectId;
            if (grant.group() != null) {
                GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, grant.group());
                if (group == null || !grant.group().startsWith("/" + ConsultantSettings.groupsParent(realm) + "/")) {
                    throw new IllegalArgumentException("Grant: no consultant group " + grant.group());
                }
                subjectType = SiteStore.SUBJECT_GROUP;
                subjectId = group.getId();
            } else {
                UserModel user = session.users().getUserByEmail(realm, grant.email());
                if (user == null) {
                    throw new IllegalArgumentException("Grant: no user with email " + grant.email());
                }
                subjectType = SiteStore.SUBJECT_USER;
                subjectId = user.getId();
            }
            if (store.grantFor(site.getId(), subjectType, subjectId).isEmpty()) {
                store.createGrant(site.getId(), subjectType, subjectId, true, "realm import");
                grants++;
            }
        }
        realm.removeAttribute(ConsultantContract.SITES_IMPORT);
        LOG.infof("Imported %d sites and %d site grants into realm %s", sites, grants, realm.getName());
    }
}
