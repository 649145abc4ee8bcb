package io.amp.keycloak.consultant.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A site of a department (organization group) of an account (organization). */
@Entity
@Table(name = "AMP_SITE")
@NamedQueries({
        @NamedQuery(name = "ampSiteByKey",
                query = "select s from AmpSiteEntity s where s.realmId = :realmId and s.siteKey = :siteKey"),
        @NamedQuery(name = "ampSitesOfOrganization",
                query = "select s from AmpSiteEntity s where s.realmId = :realmId and s.organizationId = :organizationId order by s.siteKey"),
        @NamedQuery(name = "ampSitesOfDepartments",
                query = "select s from AmpSiteEntity s where s.realmId = :realmId and s.departmentId in :departmentIds order by s.siteKey"),
        @NamedQuery(name = "ampSiteKeysByOrganization",
                query = "select s.organizationId, s.siteKey from AmpSiteEntity s where s.realmId = :realmId and s.organizationId in :ids"),
        @NamedQuery(name = "ampSiteKeysByDepartment",
                query = "select s.departmentId, s.siteKey from AmpSiteEntity s where s.realmId = :realmId and s.departmentId in :ids"),
        @NamedQuery(name = "ampSitesById",
                query = "select s from AmpSiteEntity s where s.id in :ids"),
        @NamedQuery(name = "ampSiteIdsOfOrganization",
                query = "select s.id from AmpSiteEntity s where s.organizationId = :organizationId"),
        @NamedQuery(name = "ampSiteIdsOfDepartment",
                query = "select s.id from AmpSiteEntity s where s.departmentId = :departmentId"),
        @NamedQuery(name = "ampSiteIdsOfRealm",
                query = "select s.id from AmpSiteEntity s where s.realmId = :realmId"),
        @NamedQuery(name = "ampDeleteSitesById",
                query = "delete from AmpSiteEntity s where s.id in :ids"),
})
public class AmpSiteEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ORGANIZATION_ID", length = 36, nullable = false)
    private String organizationId;

    @Column(name = "DEPARTMENT_ID", length = 36, nullable = false)
    private String departmentId;

    @Column(name = "SITE_KEY", nullable = false)
    private String siteKey;

    @Column(name = "NAME")
    private String name;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public void setOrganizationId(String organizationId) {
        this.organizationId = organizationId;
    }

    public String getDepartmentId() {
        return departmentId;
    }

    public void setDepartmentId(String departmentId) {
        this.departmentId = departmentId;
    }

    public String getSiteKey() {
        return siteKey;
    }

    public void setSiteKey(String siteKey) {
        this.siteKey = siteKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }
}
