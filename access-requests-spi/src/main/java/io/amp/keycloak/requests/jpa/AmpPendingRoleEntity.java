package io.amp.keycloak.requests.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A role waiting in a pending request: its key (subject, client, role) is the table's primary key,
 * so a second pending request for the same role cannot be stored, however the submissions race.
 */
@Entity
@Table(name = "AMP_ACCESS_REQUEST_PENDING")
@NamedQueries({
        @NamedQuery(name = "ampDeletePendingOfRequest", query = "delete from AmpPendingRoleEntity p where p.requestId = :requestId"),
        @NamedQuery(name = "ampDeletePendingOfRequests", query = "delete from AmpPendingRoleEntity p where p.requestId in"
                + " (select r.id from AmpAccessRequestEntity r where r.realmId = :realmId)"),
})
public class AmpPendingRoleEntity {

    @Id
    @Column(name = "PENDING_KEY", length = 330)
    private String key;
    @Column(name = "REQUEST_ID", length = 36, nullable = false)
    private String requestId;

    static String key(String subjectId, String clientUuid, String role) {
        return subjectId + "/" + clientUuid + "/" + role;
    }

    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
}
