package io.amp.keycloak.consultant.jpa;

import io.amp.keycloak.common.jpa.Writes;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sites and site grants in Keycloak's database, through the request's own entity manager and transaction. */
public final class SiteStore {

    public static final String SUBJECT_GROUP = "GROUP";
    public static final String SUBJECT_USER = "USER";
    /** Holders of site keys besides grant subjects: an account (organization) and a department. */
    public static final String ORGANIZATION = "ORGANIZATION";
    public static final String DEPARTMENT = "DEPARTMENT";

    /** Whose site keys: a grant subject ({@value #SUBJECT_USER}, {@value #SUBJECT_GROUP}), an account or a department. */
    public record Holder(String kind, String id) {
    }

    private final EntityManager em;
    private final SiteCache cache;

    public SiteStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.cache = new SiteCache(session);
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
        cache.invalidate(ORGANIZATION, organizationId);
        cache.invalidate(DEPARTMENT, departmentId);
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
        cache.invalidate(subjectType, subjectId);
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
        grant.ifPresent(updated -> {
            em.refresh(updated);
            cache.invalidate(updated.getSubjectType(), updated.getSubjectId());
        });
        return grant;
    }

    /** Removes a grant of a site in one statement; false when it was not there (or another call removed it first). */
    public boolean removeGrant(String siteId, String grantId) {
        Optional<AmpSiteGrantEntity> grant = grant(siteId, grantId);
        if (grant.isEmpty()
                || Writes.execute(em.createNamedQuery("ampDeleteGrant").setParameter("siteId", siteId).setParameter("id", grantId)) != 1) {
            return false;
        }
        cache.invalidate(grant.get().getSubjectType(), grant.get().getSubjectId());
        return true;
    }

    /**
     * The sorted site keys of each holder, from Keycloak's realm cache where it has them, the rest in
     * one statement per kind of holder (grant subjects, accounts, departments). A holder without
     * sites maps to an empty list. Grants count when they are enabled; a subject's grants are those
     * of the grant rows naming it, whatever realm the subject id belongs to (ids are unique).
     */
    public Map<Holder, List<String>> siteKeys(String realmId, Collection<Holder> holders) {
        return cache.get(realmId, holders, missing -> load(realmId, missing));
    }

    private Map<Holder, List<String>> load(String realmId, Collection<Holder> holders) {
        Map<String, List<String>> idsByKind = new HashMap<>();
        holders.forEach(holder -> idsByKind.computeIfAbsent(holder.kind(), kind -> new ArrayList<>()).add(holder.id()));
        List<String> subjects = new ArrayList<>(idsByKind.getOrDefault(SUBJECT_USER, List.of()));
        subjects.addAll(idsByKind.getOrDefault(SUBJECT_GROUP, List.of()));
        Map<Holder, List<String>> sets = new HashMap<>();
        if (!subjects.isEmpty()) {
            // [subject type, subject id, site key]
            em.createNamedQuery("ampEnabledGrantsOfSubjects", Object[].class).setParameter("realmId", realmId)
                    .setParameter("subjectIds", subjects).getResultStream()
                    .forEach(row -> add(sets, holders, (String) row[0], (String) row[1], (String) row[2]));
        }
        for (String kind : List.of(ORGANIZATION, DEPARTMENT)) {
            List<String> ids = idsByKind.get(kind);
            if (ids != null) {
                // [organization or department id, site key]
                em.createNamedQuery(kind.equals(ORGANIZATION) ? "ampSiteKeysByOrganization" : "ampSiteKeysByDepartment", Object[].class)
                        .setParameter("realmId", realmId).setParameter("ids", ids).getResultStream()
                        .forEach(row -> add(sets, holders, kind, (String) row[0], (String) row[1]));
            }
        }
        return sets;
    }

    private static void add(Map<Holder, List<String>> sets, Collection<Holder> asked, String kind, String id, String siteKey) {
        Holder holder = new Holder(kind, id);
        if (asked.contains(holder)) {
            sets.computeIfAbsent(holder, h -> new ArrayList<>()).add(siteKey);
        }
    }

    /** The sites each of these subjects holds a grant on, enabled or not, by subject id; a subject without any is absent. */
    public Map<String, List<AmpSiteEntity>> sitesGrantedTo(String subjectType, Collection<String> subjectIds) {
        Map<String, List<AmpSiteEntity>> sites = new HashMap<>();
        if (subjectIds.isEmpty()) {
            return sites;
        }
        // [subject id, site]
        em.createNamedQuery("ampSitesGrantedToSubjects", Object[].class).setParameter("subjectType", subjectType)
                .setParameter("subjectIds", subjectIds).getResultStream()
                .forEach(row -> sites.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add((AmpSiteEntity) row[1]));
        return sites;
    }

    public void deleteGrantsOfSubject(String subjectType, String subjectId) {
        cache.invalidate(subjectType, subjectId);
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
        for (Object[] subject : em.createNamedQuery("ampGrantSubjectsOfSites", Object[].class)
                .setParameter("siteIds", siteIds).getResultList()) {
            cache.invalidate((String) subject[0], (String) subject[1]);
        }
        for (AmpSiteEntity site : em.createNamedQuery("ampSitesById", AmpSiteEntity.class).setParameter("ids", siteIds).getResultList()) {
            cache.invalidate(ORGANIZATION, site.getOrganizationId());
            cache.invalidate(DEPARTMENT, site.getDepartmentId());
        }
        em.createNamedQuery("ampDeleteGrantsOfSites").setParameter("siteIds", siteIds).executeUpdate();
        em.createNamedQuery("ampDeleteSitesById").setParameter("ids", siteIds).executeUpdate();
    }
}
