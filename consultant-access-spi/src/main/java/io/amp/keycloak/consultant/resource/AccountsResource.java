package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.consultant.resource.Representations.Account;
import io.amp.keycloak.rules.consultant.Reach;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.OrganizationModel;

import java.util.Comparator;
import java.util.List;

/**
 * {@code .../accounts} on both surfaces ({@code /admin/realms/{realm}/amp-consultant-access} for realm
 * administrators, {@code /realms/{realm}/amp/consultant-access} for customers' admins): the accounts the
 * caller reaches. Reached only through {@link ConsultantAccessResource#accounts()}, which has refused (403)
 * callers without any reach.
 */
final class AccountsResource {

    private final Caller caller;
    private final ConsultantLookups lookups;
    private final Reach reach;

    AccountsResource(Caller caller, ConsultantLookups lookups, Reach reach) {
        this.caller = caller;
        this.lookups = lookups;
        this.reach = reach;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Account> accounts() {
        return lookups.organizations().getAllStream()
                .filter(organization -> reach.maySeeAccount(organization.getId()))
                .sorted(Comparator.comparing(OrganizationModel::getName))
                .map(organization -> new Account(organization.getId(), organization.getName(), organization.getAlias(), null))
                .toList();
    }

    /**
     * {@code accounts/{accountId}/...}: {@link AccountResource}. The account is not looked up here: creating a
     * site below it refuses a caller who may not create sites (403) before it reads the account (404).
     */
    @Path("{accountId}")
    public AccountResource account(@PathParam("accountId") String accountId) {
        return new AccountResource(caller, lookups, reach, accountId);
    }
}
