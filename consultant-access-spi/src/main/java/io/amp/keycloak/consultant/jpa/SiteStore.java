package io.amp.keycloak.consultant.jpa;

import io.amp.keycloak.common.jpa.Writes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Sites and site grants in Keycloak's database, through the request's own entity manager and transaction. */
public final class SiteStore {

    public static final String SUBJECT_GROUP = "GROUP";
    public static final String SUBJECT_USER = "USER";

    private final EntityManager em;

    public SiteStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public Optional<AmpSiteEntity> site(String realmId, String siteKey) {
        return em.createNamedQuery("ampSiteByKey", AmpSiteEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("siteKey", siteKey)
                .getResultStream().findFirst();
    }

    public List<AmpSiteEntity> sitesOfOrganization(String realmId, String organizationId) {
        return em.createNamedQuery("ampSitesOfOrganization", AmpSiteEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("organizationId", organizationId)
                .getResultList();
    }

    public List<AmpSiteEntity> sitesOfDepartments(String realmId, Collection<String> departmentIds) {
        if (departmentIds.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery("ampSitesOfDepartments", AmpSiteEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("departmentIds", departmentIds)
                .getResultList();
    }

    public AmpSiteEntity createSite(String realmId, String organizationId, String departmentId, String siteKey, String name) {
        AmpSiteEntity site = new AmpSiteEntity();
        site.setId(KeycloakModelUtils.generateId());
        site.setRealmId(realmId);
        site.setOrganizationId(organizationId);
        site.setDepartmentId(departmentId);
        site.setSiteKey(siteKey);
        site.setName(name);
        site.setCreatedAt(System.currentTimeMillis());
        em.persist(site);
        Writes.flush(em);
        return site;
    }

    public List<AmpSiteGrantEntity> grants(String siteId) {
        return em.createNamedQuery("ampGrantsOfSite", AmpSiteGrantEntity.class)
                .setParameter("siteId", siteId)
                .getResultList();
    }

    public Optional<AmpSiteGrantEntity> grant(String siteId, String grantId) {
        return Optional.ofNullable(em.find(AmpSiteGrantEntity.class, grantId))
                .filter(grant -> grant.getSiteId().equals(siteId));
    }

    public Optional<AmpSiteGrantEntity> grantFor(String siteId, String subjectType, String subjectId) {
        return em.createNamedQuery("ampGrantOfSiteAndSubject", AmpSiteGrantEntity.class)
                .setParameter("siteId", siteId)
                .setParameter("subjectType", subjectType)
                .setParameter("subjectId", subjectId)
                .getResultStream().findFirst();
    }

    public AmpSiteGrantEntity createGrant(String siteId, String subjectType, String subjectId, boolean enabled, String grantedBy) {
        long now = System.currentTimeMillis();
        AmpSiteGrantEntity grant = new AmpSiteGrantEntity();
        grant.setId(KeycloakModelUtils.generateId());
        grant.setSiteId(siteId);
        grant.setSubjectType(subjectType);
        grant.setSubjectId(subjectId);
        grant.setEnabled(enabled);
        grant.setGrantedBy(grantedBy);
        grant.setGrantedAt(now);
        grant.setUpdatedAt(now);
        em.persist(grant);
        Writes.flush(em);
        return grant;
    }

    /**
     * Switches a grant of a site on or off in one statement; empty when the grant is not there
     * (never was, or was removed meanwhile).
     */
    public Optional<AmpSiteGrantEntity> setEnabled(String siteId, String grantId, boolean enabled) {
        int changed = Writes.execute(em.createNamedQuery("ampSetGrantEnabled").setParameter("siteId", siteId).setParameter("id", grantId)
                .setParameter("enabled", enabled).setParameter("now", System.currentTimeMillis()));
        if (changed == 0) {
            return Optional.empty();
        }
        Optional<AmpSiteGrantEntity> grant = grant(siteId, grantId);
        grant.ifPresent(em::refresh);
        return grant;
    }

    /** Removes a grant of a site in one statement; false when it was not there (or another call removed it first). */
    public boolean removeGrant(String siteId, String grantId) {
        return Writes.execute(em.createNamedQuery("ampDeleteGrant").setParameter("siteId", siteId).setParameter("id", grantId)) == 1;
    }

    /**
     * The keys of the sites a consultant may access: enabled grants to them or to any of their
     * groups, in one statement. At most {@code max} keys from {@code first}.
     */
    public List<String> grantedSiteKeys(String realmId, String userId, Collection<String> groupIds, int first, int max) {
        TypedQuery<String> query = groupIds.isEmpty()
                ? em.createNamedQuery("ampGrantedSiteKeysOfUser", String.class)
                : em.createNamedQuery("ampGrantedSiteKeysOfUserAndGroups", String.class).setParameter("groupIds", groupIds);
        return query.setParameter("realmId", realmId).setParameter("userId", userId)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public List<String> siteKeysOfOrganizations(String realmId, Collection<String> organizationIds, int first, int max) {
        if (organizationIds.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery("ampSiteKeysOfOrganizations", String.class)
                .setParameter("realmId", realmId).setParameter("organizationIds", organizationIds)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public List<String> siteKeysOfDepartments(String realmId, Collection<String> departmentIds, int first, int max) {
        if (departmentIds.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery("ampSiteKeysOfDepartments", String.class)
                .setParameter("realmId", realmId).setParameter("departmentIds", departmentIds)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public void deleteGrantsOfSubject(String subjectType, String subjectId) {
        em.createNamedQuery("ampDeleteGrantsOfSubject")
                .setParameter("subjectType", subjectType)
                .setParameter("subjectId", subjectId)
                .executeUpdate();
    }

    public void deleteSitesOfOrganization(String organizationId) {
        deleteSites(em.createNamedQuery("ampSiteIdsOfOrganization", String.class)
                .setParameter("organizationId", organizationId).getResultList());
    }

    public void deleteSitesOfDepartment(String departmentId) {
        deleteSites(em.createNamedQuery("ampSiteIdsOfDepartment", String.class)
                .setParameter("departmentId", departmentId).getResultList());
    }

    public void deleteSitesOfRealm(String realmId) {
        deleteSites(em.createNamedQuery("ampSiteIdsOfRealm", String.class)
                .setParameter("realmId", realmId).getResultList());
    }

    private void deleteSites(List<String> siteIds) {
        if (siteIds.isEmpty()) {
            return;
        }
        em.createNamedQuery("ampDeleteGrantsOfSites").setParameter("siteIds", siteIds).executeUpdate();
        em.createNamedQuery("ampDeleteSitesById").setParameter("ids", siteIds).executeUpdate();
    }
}
