package io.amp.keycloak.e2e;

import io.amp.keycloak.client.resource.ConsultantAccessResource;
import jakarta.ws.rs.NotFoundException;
import org.keycloak.admin.client.resource.RealmResource;

import java.util.List;
import java.util.Map;

/** The demo realm {@code portal} as the consultant-access tests use it. */
public final class Portal {

    public static final String REALM = "portal";
    /** The consultant-access API on the admin surface: realm administrators (master admins, realm-management role holders). */
    public static final String ADMIN_API = "admin/realms/portal/amp-consultant-access/";
    /** The same API on the user surface: portal users and customers' admins, with a token of the portal realm. */
    public static final String USER_API = "realms/portal/amp/consultant-access/";
    public static final String CARDIOLOGY = "5b0c2a4e-3c1f-4d7a-9e55-ac0000000001";
    public static final String RADIOLOGY = "5b0c2a4e-3c1f-4d7a-9e55-ac0000000002";

    private final KeycloakServer server = KeycloakServer.get();
    private final Oidc oidc = new Oidc(server);

    public RealmResource realm() {
        return server.admin().realm(REALM);
    }

    public String accountId(String alias) {
        return realm().organizations().getAll().stream()
                .filter(organization -> alias.equals(organization.getAlias())).findFirst().orElseThrow().getId();
    }

    public String token(String username) {
        return oidc.accessToken(REALM, "portal", username);
    }

    /** The consultant-access API on the user surface, called with {@code accessToken} (a portal user's). */
    static ConsultantAccessResource api(String accessToken) {
        return AmpApi.as(accessToken).realm(REALM).consultantAccess();
    }

    /** The consultant-access API on the admin surface, called as the master administrator. */
    static ConsultantAccessResource adminApi() {
        return AmpApi.admin().admin(REALM).consultantAccess();
    }

    /**
     * A Department Admin of Radiology: an Acme member in the Radiology organization group with
     * the department-admin role. Removed by the cleanup.
     */
    public String radiologyAdmin(Cleanup cleanup) {
        String username = Fixtures.uniqueName("rad.admin");
        String id = new Fixtures(realm(), cleanup).user(username);
        realm().users().get(id).roles().realmLevel().add(List.of(realm().roles().get("department-admin").toRepresentation()));
        String admin = oidc.adminToken();
        String acme = accountId("acme-health");
        expect(oidc.send("POST", "admin/realms/portal/organizations/" + acme + "/members", admin, "\"" + id + "\""), 201);
        expect(oidc.send("PUT", "admin/realms/portal/organizations/" + acme + "/groups/" + RADIOLOGY + "/members/" + id, admin, null), 204);
        return username;
    }

    /** A consultant at the given level role, with an email; returns the username. */
    public String consultant(Cleanup cleanup, String role) {
        String username = Fixtures.uniqueName("consultant");
        String id = new Fixtures(realm(), cleanup).user(username);
        realm().users().get(id).roles().realmLevel().add(List.of(realm().roles().get(role).toRepresentation()));
        return username;
    }

    /** Removes a department (an organization group of the account) with its sites, through Keycloak's admin API. */
    public void removeDepartment(String accountId, String departmentId) {
        oidc.send("DELETE", "admin/realms/portal/organizations/" + accountId + "/groups/" + departmentId, oidc.adminToken(), null);
    }

    /** Removes a grant through the API as the realm admin, ignoring one already gone. */
    public void removeGrant(String siteKey, String grantId) {
        try {
            adminApi().siteGrants(siteKey).remove(grantId);
        } catch (NotFoundException gone) {
            // removed by the test itself
        }
    }

    @SuppressWarnings("unchecked")
    public static List<String> sites(Map<String, Object> claims) {
        return (List<String>) claims.get("sites");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    static Oidc.Response expect(Oidc.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("Expected " + status + " but got " + response);
        }
        return response;
    }

    /**
     * A typed call that answers {@code status}: a success (2xx) returns the answer, its status checked with
     * {@link AmpApi#lastStatus()}; any other status is the status of the call's refusal, and null is returned.
     * For clients of {@link AmpApi}.
     */
    static <T> T answer(int status, java.util.function.Supplier<T> call) {
        if (status < 200 || status >= 300) {
            AmpApi.Refusal refusal = AmpApi.refusal(call::get);
            if (refusal.status() != status) {
                throw new AssertionError("Expected " + status + " but got " + refusal);
            }
            return null;
        }
        try {
            T answer = call.get();
            if (AmpApi.lastStatus() != status) {
                throw new AssertionError("Expected " + status + " but got " + AmpApi.lastStatus() + " " + answer);
            }
            return answer;
        } catch (jakarta.ws.rs.WebApplicationException refused) {
            throw new AssertionError("Expected " + status + " but got " + io.amp.keycloak.client.AmpClient.status(refused) + " "
                    + io.amp.keycloak.client.AmpClient.error(refused).text(), refused);
        }
    }

    /** {@link #answer(int, java.util.function.Supplier)} for a call that answers nothing (204 on success). */
    static void answer(int status, Runnable call) {
        answer(status, () -> {
            call.run();
            return null;
        });
    }
}
