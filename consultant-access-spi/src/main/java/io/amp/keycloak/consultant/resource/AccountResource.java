package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.consultant.config.ConsultantContract;
import io.amp.keycloak.consultant.resource.Representations.Account;
import io.amp.keycloak.consultant.resource.Representations.Site;
import io.amp.keycloak.rules.consultant.Reach;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.OrganizationModel;

import java.util.List;

/**
 * {@code .../accounts/{accountId}} on both surfaces ({@code /admin/realms/{realm}/amp-consultant-access} for
 * realm administrators, {@code /realms/{realm}/amp/consultant-access} for customers' admins): one account the
 * caller reaches, its sites, and the locators of its departments and users. The caller has entered account
 * management already; an account they do not reach is a 404, as an unknown one is.
 */
final class AccountResource {


    private final Caller caller;
    private final ConsultantLookups lookups;
    private final Reach reach;
    private final String accountId;

    AccountResource(Caller caller, ConsultantLookups lookups, Reach reach, String accountId) {
        this.caller = caller;
        this.lookups = lookups;
        this.reach = reach;
        this.accountId = accountId;
    }

    /** The account, with its current contract for those who may view it (Account Admins, realm admins). */
    @GET
    @Path("details")
    @Produces(MediaType.APPLICATION_JSON)
    public Account details() {
        OrganizationModel account = account();
        String contract = reach.mayViewContract(account.getId())
                ? account.getAttributes().getOrDefault(ConsultantContract.ACCOUNT_CONTRACT, List.of()).stream().findFirst().orElse(null)
                : null;
        return new Account(account.getId(), account.getName(), account.getAlias(), contract);
    }

    @GET
    @Path("sites")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Site> sites() {
        OrganizationModel account = account();
        return lookups.store().sitesOfOrganization(caller.realm().getId(), account.getId()).stream()
                .filter(site -> reach.maySeeSite(site.getOrganizationId(), site.getDepartmentId()))
                .map(ConsultantLookups::site)
                .toList();
    }

    /** {@code departments/...}: {@link DepartmentsResource}, which looks the account up itself (see there why). */
    @Path("departments")
    public DepartmentsResource departments() {
        return new DepartmentsResource(caller, lookups, reach, accountId);
    }

    /** {@code users/...}: {@link AccountUsersResource}; each of its methods starts with the account, so it is looked up here. */
    @Path("users")
    public AccountUsersResource users() {
        return new AccountUsersResource(caller, lookups, reach, account());
    }

    /**
     * Looked up by each method rather than by the {@code {accountId}} locator, because creating a site
     * ({@link DepartmentsResource#createSite}) checks the caller's right to create sites first.
     */
    private OrganizationModel account() {
        return lookups.account(reach, accountId);
    }
}
