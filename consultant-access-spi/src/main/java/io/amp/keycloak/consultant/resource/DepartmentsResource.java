package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.consultant.config.ConsultantContract;
import io.amp.keycloak.consultant.resource.Representations.Department;
import io.amp.keycloak.consultant.resource.Representations.Site;
import io.amp.keycloak.rules.consultant.Reach;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;

import java.util.Comparator;
import java.util.List;

/**
 * {@code .../accounts/{accountId}/departments} on both surfaces ({@code /admin/realms/{realm}/amp-consultant-access}
 * for realm administrators, {@code /realms/{realm}/amp/consultant-access} for customers' admins): the account's
 * departments (listed for whoever sees the account; created and renamed by its Account Admins and realm managers)
 * and the sites created in them (by realm managers only). The account is looked up by each method, not by the
 * locator: creating a site refuses callers who may not create sites (403) before it reads the account (404).
 */
final class DepartmentsResource {


    private final Caller caller;
    private final ConsultantLookups lookups;
    private final Reach reach;
    private final String accountId;

    DepartmentsResource(Caller caller, ConsultantLookups lookups, Reach reach, String accountId) {
        this.caller = caller;
        this.lookups = lookups;
        this.reach = reach;
        this.accountId = accountId;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Department> departments() {
        OrganizationModel account = lookups.account(reach, accountId);
        return lookups.organizations().getTopLevelGroups(account, null, null)
                .filter(group -> reach.maySeeDepartment(account.getId(), group.getId()))
                .sorted(Comparator.comparing(GroupModel::getName))
                .map(group -> new Department(group.getId(), group.getName(), account.getId()))
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createDepartment(String body) {
        OrganizationModel account = lookups.account(reach, accountId);
        if (!reach.mayManageDepartments(account.getId())) {
            throw Errors.forbidden("Only the account's Account Admins can create departments");
        }
        String name = Errors.decide(() -> Requests.name(body));
        if (lookups.organizations().searchGroupsByName(account, name, true, 0, 1).findAny().isPresent()) {
            throw Errors.conflict("Department '" + name + "' already exists in this account");
        }
        GroupModel group;
        try {
            group = lookups.organizations().createGroup(account, name, null);
        } catch (ModelDuplicateException e) {
            throw Errors.conflict("Department '" + name + "' already exists in this account");
        }
        Department department = new Department(group.getId(), group.getName(), account.getId());
        caller.event(OperationType.CREATE, ConsultantContract.DEPARTMENT_RESOURCE, department, "accounts", account.getId(), "departments", group.getId());
        return Response.status(Response.Status.CREATED).entity(department).build();
    }

    @PUT
    @Path("{departmentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Department renameDepartment(@PathParam("departmentId") String departmentId, String body) {
        OrganizationModel account = lookups.account(reach, accountId);
        if (!reach.mayManageDepartments(account.getId())) {
            throw Errors.forbidden("Only the account's Account Admins can edit departments");
        }
        GroupModel group = lookups.department(account, departmentId);
        String name = Errors.decide(() -> Requests.name(body));
        boolean taken = lookups.organizations().searchGroupsByName(account, name, true, 0, 2)
                .anyMatch(other -> !other.getId().equals(group.getId()));
        if (taken) {
            throw Errors.conflict("Department '" + name + "' already exists in this account");
        }
        try {
            group.setName(name);
        } catch (ModelDuplicateException e) {
            throw Errors.conflict("Department '" + name + "' already exists in this account");
        }
        Department department = new Department(group.getId(), group.getName(), account.getId());
        caller.event(OperationType.UPDATE, ConsultantContract.DEPARTMENT_RESOURCE, department, "accounts", account.getId(), "departments", group.getId());
        return department;
    }

    /** Sites are created by realm managers only: the 403 comes before the account and the department are read. */
    @POST
    @Path("{departmentId}/sites")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createSite(@PathParam("departmentId") String departmentId, String body) {
        if (!reach.mayCreateSites()) {
            throw Errors.forbidden("Sites are created by realm admins; Account Admins can only view them");
        }
        OrganizationModel account = lookups.account(reach, accountId);
        GroupModel department = lookups.department(account, departmentId);
        Requests.NewSite request = Errors.decide(() -> Requests.newSite(body));
        String realmId = caller.realm().getId();
        if (lookups.store().site(realmId, request.key()).isPresent()) {
            throw Errors.conflict("Site '" + request.key() + "' already exists");
        }
        Site site = ConsultantLookups.site(Errors.unlessLost(() -> lookups.store().createSite(realmId, account.getId(), department.getId(),
                request.key(), request.name()), "Site '" + request.key() + "' was created meanwhile"));
        caller.event(OperationType.CREATE, ConsultantContract.SITE_RESOURCE, site, "sites", site.key());
        return Response.status(Response.Status.CREATED).entity(site).build();
    }
}
