package io.amp.keycloak.consultant.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** Access to one site for a consultant group or for one consultant; it can be switched off without being removed. */
@Entity
@Table(name = "AMP_SITE_GRANT")
@NamedQueries({
        @NamedQuery(name = "ampGrantsOfSite",
                query = "select g from AmpSiteGrantEntity g where g.siteId = :siteId order by g.grantedAt, g.id"),
        @NamedQuery(name = "ampGrantOfSiteAndSubject",
                query = "select g from AmpSiteGrantEntity g where g.siteId = :siteId and g.subjectType = :subjectType and g.subjectId = :subjectId"),
        @NamedQuery(name = "ampEnabledGrantsOfSubjects",
                query = "select g.subjectType, g.subjectId, s.siteKey from AmpSiteGrantEntity g, AmpSiteEntity s where s.id = g.siteId"
                        + " and s.realmId = :realmId and g.enabled = true and g.subjectId in :subjectIds"),
        @NamedQuery(name = "ampSitesGrantedToSubjects",
                query = "select g.subjectId, s from AmpSiteGrantEntity g, AmpSiteEntity s where s.id = g.siteId"
                        + " and g.subjectType = :subjectType and g.subjectId in :subjectIds"),
        @NamedQuery(name = "ampGrantSubjectsOfSites",
                query = "select distinct g.subjectType, g.subjectId from AmpSiteGrantEntity g where g.siteId in :siteIds"),
        @NamedQuery(name = "ampSetGrantEnabled", query = "update AmpSiteGrantEntity g set g.enabled = :enabled, g.updatedAt = :now"
                + " where g.id = :id and g.siteId = :siteId"),
        @NamedQuery(name = "ampDeleteGrant", query = "delete from AmpSiteGrantEntity g where g.id = :id and g.siteId = :siteId"),
        @NamedQuery(name = "ampDeleteGrantsOfSubject",
                query = "delete from AmpSiteGrantEntity g where g.subjectType = :subjectType and g.subjectId = :subjectId"),
        @NamedQuery(name = "ampDeleteGrantsOfSites",
                query = "delete from AmpSiteGrantEntity g where g.siteId in :siteIds"),
})
public class AmpSiteGrantEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "SITE_ID", length = 36, nullable = false)
    private String siteId;

    /** GROUP or USER. */
    @Column(name = "SUBJECT_TYPE", length = 16, nullable = false)
    private String subjectType;

    @Column(name = "SUBJECT_ID", length = 36, nullable = false)
    private String subjectId;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled;

    @Column(name = "GRANTED_BY")
    private String grantedBy;

    @Column(name = "GRANTED_AT", nullable = false)
    private long grantedAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getSiteId() {
        return siteId;
    }

    public void setSiteId(String siteId) {
        this.siteId = siteId;
    }

    public String getSubjectType() {
        return subjectType;
    }

    public void setSubjectType(String subjectType) {
        this.subjectType = subjectType;
    }

    public String getSubjectId() {
        return subjectId;
    }

    public void setSubjectId(String subjectId) {
        this.subjectId = subjectId;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getGrantedBy() {
        return grantedBy;
    }

    public void setGrantedBy(String grantedBy) {
        this.grantedBy = grantedBy;
    }

    public long getGrantedAt() {
        return grantedAt;
    }

    public void setGrantedAt(long grantedAt) {
        this.grantedAt = grantedAt;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }
}
