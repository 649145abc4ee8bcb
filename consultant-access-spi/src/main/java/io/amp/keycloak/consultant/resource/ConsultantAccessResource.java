package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.rules.consultant.AccessLevel;
import io.amp.keycloak.rules.consultant.Reach;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.common.rest.JsonBody.BadRequest;
import io.amp.keycloak.rules.consultant.UserScope;
import io.amp.keycloak.consultant.resource.Representations.Account;
import io.amp.keycloak.consultant.resource.Representations.AccountUser;
import io.amp.keycloak.consultant.resource.Representations.Department;
import io.amp.keycloak.consultant.resource.Representations.Grant;
import io.amp.keycloak.consultant.resource.Representations.Site;
import io.amp.keycloak.consultant.resource.Representations.Sites;
import io.amp.keycloak.consultant.resource.Representations.Subject;
import io.amp.keycloak.consultant.jpa.AmpSiteEntity;
import io.amp.keycloak.consultant.jpa.AmpSiteGrantEntity;
import io.amp.keycloak.consultant.jpa.SiteStore;
import io.amp.keycloak.consultant.jpa.UserLocks;
import io.amp.keycloak.consultant.config.ConsultantSettings;
import io.amp.keycloak.consultant.PortalUser;
import io.amp.keycloak.consultant.SiteReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /admin/realms/{realm}/amp-consultant-access}: accounts, departments, users, sites and
 * site grants, scoped to the caller as seed 002 says (see {@link Reach} and {@link UserScope}). Keycloak has authenticated
 * the bearer token (none: 401); every method decides what the caller may do before it reads
 * anything (not allowed: 403), then answers 404 for what does not exist, 409 for a conflict, 400
 * for bad input, each with a JSON body that says why. Every change writes an admin event.
 */
public final class ConsultantAccessResource {

    static final String SITE_RESOURCE = "AMP_SITE";
    static final String GRANT_RESOURCE = "AMP_SITE_GRANT";
    static final String DEPARTMENT_RESOURCE = "AMP_DEPARTMENT";
    static final String USER_RESOURCE = "AMP_ACCOUNT_USER";
    /** Organization attribute holding the account's current contract, maintained by realm admins. */
    static final String CONTRACT_ATTRIBUTE = "amp.contract";
    static final String REALM_ADMINISTRATOR = "realm administrator";
    private static final String NO_CONSULTANT = "No consultant of this realm has that email; site grants are for consultants only";
    private static final String VIEW_ONLY = "You may view this account's users but not change them";
    static final List<String> MANAGEABLE_ROLES = List.of(Reach.ACCOUNT_ADMIN, Reach.DEPARTMENT_ADMIN, Reach.DEPARTMENT_VIEWER);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final SiteStore store;

    ConsultantAccessResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.store = new SiteStore(session);
    }

    // ---- the caller's own view: any signed-in user of the realm ----

    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public AccessLevelRepresentation me() {
        UserModel caller = ownUser();
        AccessLevel level = new PortalUser(session, caller).accessLevel(realm);
        Integer value = level.level().isPresent() ? level.level().getAsInt() : null;
        return new AccessLevelRepresentation(caller.getUsername(), value, level.isConsultant());
    }

    /** The sites of the caller, a page at a time: what the {@code sites} claim holds, without its size limit. */
    @GET
    @Path("me/sites")
    @Produces(MediaType.APPLICATION_JSON)
    public Sites mySites(@QueryParam("first") @DefaultValue("0") String firstParam,
                         @QueryParam("max") @DefaultValue("100") String maxParam) {
        UserModel caller = ownUser();
        int first = intParam("first", firstParam, 0, Integer.MAX_VALUE);
        int max = intParam("max", maxParam, 1, 1000);
        List<String> page = SiteReader.siteKeys(session, realm, caller, first, max + 1);
        return new Sites(page.subList(0, Math.min(max, page.size())), first, max, page.size() > max);
    }

    // ---- accounts and departments ----

    @GET
    @Path("accounts")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Account> accounts() {
        Reach reach = enter();
        return organizations().getAllStream()
                .filter(organization -> reach.maySeeAccount(organization.getId()))
                .sorted(Comparator.comparing(OrganizationModel::getName))
                .map(organization -> new Account(organization.getId(), organization.getName(), organization.getAlias(), null))
                .toList();
    }

    /** One account, with its current contract for those who may view it (Account Admins, realm admins). */
    @GET
    @Path("accounts/{accountId}/details")
    @Produces(MediaType.APPLICATION_JSON)
    public Account account(@PathParam("accountId") String accountId) {
        Reach reach = enter();
        OrganizationModel account = account(reach, accountId);
        String contract = reach.mayViewContract(account.getId())
                ? account.getAttributes().getOrDefault(CONTRACT_ATTRIBUTE, List.of()).stream().findFirst().orElse(null)
                : null;
        return new Account(account.getId(), account.getName(), account.getAlias(), contract);
    }

    @GET
    @Path("accounts/{accountId}/departments")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Department> departments(@PathParam("accountId") String accountId) {
        Reach reach = enter();
        OrganizationModel account = account(reach, accountId);
        return organizations().getTopLevelGroups(account, null, null)
                .filter(group -> reach.maySeeDepartment(account.getId(), group.getId()))
                .sorted(Comparator.comparing(GroupModel::getName))
                .map(group -> new Department(group.getId(), group.getName(), account.getId()))
                .toList();
    }

    @POST
    @Path("accounts/{accountId}/departments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createDepartment(@PathParam("accountId") String accountId, String body) {
        Reach reach = enter();
        OrganizationModel account = account(reach, accountId);
        if (!reach.mayManageDepartments(account.getId())) {
            throw Errors.forbidden("Only the account's Account Admins can create departments");
        }
        String name = Errors.read(() -> Requests.name(body));
        if (organizations().searchGroupsByName(account, name, true, 0, 1).findAny().isPresent()) {
            throw ErrorResponse.error("Department '" + name + "' already exists in this account", Response.Status.CONFLICT);
        }
        GroupModel group;
        try {
            group = organizations().createGroup(account, name, null);
        } catch (ModelDuplicateException e) {
            throw Errors.conflict("Department '" + name + "' already exists in this account");
        }
        Department department = new Department(group.getId(), group.getName(), account.getId());
        event(OperationType.CREATE, DEPARTMENT_RESOURCE, department, "accounts", account.getId(), "departments", group.getId());
        return Response.status(Response.Status.CREATED).entity(department).build();
    }

    @PUT
    @Path("accounts/{accountId}/departments/{departmentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Department renameDepartment(@PathParam("accountId") String accountId, @PathParam("departmentId") String departmentId,
                                       String body) {
        Reach reach = enter();
        OrganizationModel account = account(reach, accountId);
        if (!reach.mayManageDepartments(account.getId())) {
            throw Errors.forbidden("Only the account's Account Admins can edit departments");
        }
        GroupModel group = department(account, departmentId);
        String name = Errors.read(() -> Requests.name(body));
        boolean taken = organizations().searchGroupsByName(account, name, true, 0, 2)
                .anyMatch(other -> !other.getId().equals(group.getId()));
        if (taken) {
            throw ErrorResponse.error("Department '" + name + "' already exists in this account", Response.Status.CONFLICT);
        }
        try {
            group.setName(name);
        } catch (ModelDuplicateException e) {
            throw Errors.conflict("Department '" + name + "' already exists in this account");
        }
        Department department = new Department(group.getId(), group.getName(), account.getId());
        event(OperationType.UPDATE, DEPARTMENT_RESOURCE, department, "accounts", account.getId(), "departments", group.getId());
        return department;
    }

    // ---- sites ----

    @GET
    @Path("accounts/{accountId}/sites")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Site> sites(@PathParam("accountId") String accountId) {
        Reach reach = enter();
        OrganizationModel account = account(reach, accountId);
        return store.sitesOfOrganization(realm.getId(), account.getId()).stream()
                .filter(site -> reach.maySeeSite(site.getOrganizationId(), site.getDepartmentId()))
                .map(ConsultantAccessResource::site)
                .toList();
    }

    @POST
    @Path("accounts/{accountId}/departments/{departmentId}/sites")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createSite(@PathParam("accountId") String accountId, @PathParam("departmentId") String departmentId,
                               String body) {
        Reach reach = enter();
        if (!reach.mayCreateSites()) {
            throw Errors.forbidden("Sites are created by realm admins; Account Admins can only view them");
        }
        OrganizationModel account = account(reach, accountId);
        GroupModel department = department(account, departmentId);
        Requests.NewSite request = Errors.read(() -> Requests.newSite(body));
        if (store.site(realm.getId(), request.key()).isPresent()) {
            throw ErrorResponse.error("Site '" + request.key() + "' already exists", Response.Status.CONFLICT);
        }
        Site site = site(Errors.unlessLost(() -> store.createSite(realm.getId(), account.getId(), department.getId(), request.key(),
                request.name()), "Site '" + request.key() + "' was created meanwhile"));
        event(OperationType.CREATE, SITE_RESOURCE, site, "sites", site.key());
        return Response.status(Response.Status.CREATED).entity(site).build();
    }

    // ---- grants ----

    @GET
    @Path("sites/{siteKey}/grants")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Grant> grants(@PathParam("siteKey") String siteKey) {
        Reach reach = enter();
        AmpSiteEntity site = visibleSite(reach, siteKey);
        return store.grants(site.getId()).stream().map(grant -> grant(site, grant)).toList();
    }

    @POST
    @Path("sites/{siteKey}/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response grant(@PathParam("siteKey") String siteKey, String body) {
        Reach reach = enter();
        AmpSiteEntity site = grantableSite(reach, siteKey);
        Requests.NewGrant request = Errors.read(() -> Requests.newGrant(body));
        String subjectType;
        String subjectId;
        if (request.group() != null) {
            subjectType = SiteStore.SUBJECT_GROUP;
            subjectId = Errors.read(() -> consultantGroup(request.group()).getId());
        } else {
            subjectType = SiteStore.SUBJECT_USER;
            subjectId = Errors.read(() -> consultant(request.email()).getId());
        }
        if (store.grantFor(site.getId(), subjectType, subjectId).isPresent()) {
            throw ErrorResponse.error("This site is already granted to " + (request.group() != null ? "that group" : "that consultant")
                    + "; toggle or remove the existing grant", Response.Status.CONFLICT);
        }
        Grant grant = grant(site, Errors.unlessLost(() -> store.createGrant(site.getId(), subjectType, subjectId, request.enabled(),
                callerName()), "This site was granted to the same " + (request.group() != null ? "group" : "consultant") + " meanwhile"));
        event(OperationType.CREATE, GRANT_RESOURCE, grant, "sites", site.getSiteKey(), "grants", grant.id());
        return Response.status(Response.Status.CREATED).entity(grant).build();
    }

    @PUT
    @Path("sites/{siteKey}/grants/{grantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Grant toggle(@PathParam("siteKey") String siteKey, @PathParam("grantId") String grantId, String body) {
        Reach reach = enter();
        AmpSiteEntity site = grantableSite(reach, siteKey);
        boolean enabled = Errors.read(() -> Requests.toggle(body));
        Grant grant = grant(site, Errors.unlessLost(() -> store.setEnabled(site.getId(), grantId, enabled), "The grant changed meanwhile")
                .orElseThrow(ConsultantAccessResource::grantNotFound));
        event(OperationType.UPDATE, GRANT_RESOURCE, grant, "sites", site.getSiteKey(), "grants", grant.id());
        return grant;
    }

    @DELETE
    @Path("sites/{siteKey}/grants/{grantId}")
    public Response removeGrant(@PathParam("siteKey") String siteKey, @PathParam("grantId") String grantId) {
        Reach reach = enter();
        AmpSiteEntity site = grantableSite(reach, siteKey);
        Grant grant = grant(site, store.grant(site.getId(), grantId).orElseThrow(ConsultantAccessResource::grantNotFound));
        if (!Errors.unlessLost(() -> store.removeGrant(site.getId(), grantId), "The grant changed meanwhile")) {
            throw grantNotFound();
        }
        event(OperationType.DELETE, GRANT_RESOURCE, grant, "sites", site.getSiteKey(), "grants", grant.id());
        return Response.noContent().build();
    }

    // ---- users of an account ----

    @GET
    @Path("accounts/{accountId}/users")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AccountUser> users(@PathParam("accountId") String accountId) {
        Reach reach = enter();
        OrganizationModel account = account(reach, accountId);
        UserScope scope = userScope(reach);
        if (!scope.mayList(account.getId())) {
            throw Errors.forbidden("Listing an account's users needs the right to view users");
        }
        return organizations().getMembersStream(account, (String) null, null, null, null)
                .map(user -> Map.entry(user, member(account, user, scope.roleLevels())))
                .filter(entry -> scope.maySee(account.getId(), entry.getValue()))
                .map(entry -> accountUser(entry.getKey(), entry.getValue(), account, scope))
                .sorted(Comparator.comparing(AccountUser::username))
                .toList();
    }

    @POST
    @Path("accounts/{accountId}/users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createUser(@PathParam("accountId") String accountId, String body) {
        Reach reach = enter();
        OrganizationModel account = account(reach, accountId);
        UserScope scope = userScope(reach);
        if (!scope.mayWrite(account.getId())) {
            throw Errors.forbidden(VIEW_ONLY);
        }
        Requests.NewUser request = Errors.read(() -> Requests.newUser(body));
        checkRole(scope, request.role());
        Set<String> departments = Set.copyOf(request.departments());
        checkDepartments(scope, account, departments);
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put(UserModel.USERNAME, List.of(request.username()));
        attributes.put(UserModel.EMAIL, List.of(request.email()));
        Optional.ofNullable(request.firstName()).ifPresent(name -> attributes.put(UserModel.FIRST_NAME, List.of(name)));
        Optional.ofNullable(request.lastName()).ifPresent(name -> attributes.put(UserModel.LAST_NAME, List.of(name)));
        UserModel user = UserProfiles.create(session, attributes);
        user.setEnabled(true);
        user.grantRole(realm.getRole(request.role()));
        organizations().addMember(account, user);
        departments.forEach(department -> user.joinGroup(session.groups().getGroupById(realm, department)));
        AccountUser created = accountUser(user, member(account, user, scope.roleLevels()), account, scope);
        event(OperationType.CREATE, USER_RESOURCE, created, "accounts", account.getId(), "users", user.getId());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("accounts/{accountId}/users/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AccountUser editUser(@PathParam("accountId") String accountId, @PathParam("userId") String userId, String body) {
        Reach reach = enter();
        OrganizationModel account = account(reach, accountId);
        UserScope scope = userScope(reach);
        if (!scope.mayWrite(account.getId())) {
            throw Errors.forbidden(VIEW_ONLY);
        }
        // Edits of one user are serialized by a lock on the user's row, so each edit decides on what the last one left.
        UserModel user = Errors.unlessLost(() -> UserLocks.lockAndLoad(session, realm, userId), "Someone else is changing this user; try again");
        UserScope.Member member = user == null || !organizations().isMember(account, user) ? null : member(account, user, scope.roleLevels());
        if (member == null || !scope.maySee(account.getId(), member)) {
            throw Errors.notFound("User not found in this account");
        }
        Requests.UserEdit request = Errors.read(() -> Requests.userEdit(body));
        boolean realmWide = request.role() != null || request.email() != null || request.firstName() != null || request.lastName() != null;
        if (realmWide && !scope.mayChange(account.getId(), member, places(user))) {
            throw Errors.forbidden("This user also belongs to an account or department outside your reach; their access level,"
                    + " email and names are changed by someone who reaches all of them, or by a realm administrator");
        }
        if (request.role() != null) {
            checkRole(scope, request.role());
        }
        Set<String> departments = null;
        if (request.departments() != null) {
            Set<String> requested = Set.copyOf(request.departments());
            checkDepartments(scope, account, requested);
            departments = scope.departmentsAfterEdit(account.getId(), member.departments(), requested);
        }
        if (request.email() != null || request.firstName() != null || request.lastName() != null) {
            UserProfiles.update(session, user, request.email(), request.firstName(), request.lastName());
        }
        if (request.role() != null) {
            scope.roleLevels().keySet().forEach(role -> user.deleteRoleMapping(realm.getRole(role)));
            user.grantRole(realm.getRole(request.role()));
        }
        if (departments != null) {
            Set<String> target = departments;
            organizations().getOrganizationGroupsByMember(account, user)
                    .filter(group -> !target.contains(group.getId()) && scope.mayMoveOutOf(account.getId(), group.getId())).toList()
                    .forEach(user::leaveGroup);
            target.stream().filter(department -> !member.departments().contains(department))
                    .forEach(department -> user.joinGroup(session.groups().getGroupById(realm, department)));
        }
        AccountUser edited = accountUser(user, member(account, user, scope.roleLevels()), account, scope);
        event(OperationType.UPDATE, USER_RESOURCE, edited, "accounts", account.getId(), "users", user.getId());
        return edited;
    }

    /** Every account the user belongs to, with their departments there. */
    private Map<String, Set<String>> places(UserModel user) {
        Map<String, Set<String>> places = new HashMap<>();
        organizations().getByMember(user).forEach(organization -> places.put(organization.getId(),
                organizations().getOrganizationGroupsByMember(organization, user).map(GroupModel::getId).collect(Collectors.toSet())));
        return places;
    }

    private void checkRole(UserScope scope, String role) {
        if (!scope.roleLevels().containsKey(role)) {
            throw ErrorResponse.error("'role' must be one of " + String.join(", ", MANAGEABLE_ROLES), Response.Status.BAD_REQUEST);
        }
        if (!scope.mayAssign(role)) {
            throw Errors.forbidden("You cannot make a user " + role + ": that is above your own level");
        }
    }

    private void checkDepartments(UserScope scope, OrganizationModel account, Set<String> departments) {
        Set<String> ofAccount = organizations().getTopLevelGroups(account, null, null).map(GroupModel::getId)
                .collect(Collectors.toSet());
        if (!ofAccount.containsAll(departments)) {
            throw ErrorResponse.error("'departments' names a department that is not in this account", Response.Status.BAD_REQUEST);
        }
        if (!scope.mayPlaceIn(account.getId(), departments, ofAccount)) {
            throw Errors.forbidden("A Department Admin places users in their own departments only, and in at least one");
        }
    }

    /** The caller's user scope; their level is that of the manageable roles they hold (a consultant level opens no user management). */
    private UserScope userScope(Reach reach) {
        boolean sameRealm = auth.adminAuth().getRealm().getId().equals(realm.getId());
        Map<String, Integer> levels = manageableRoleLevels();
        int callerLevel = !sameRealm ? 0 : new PortalUser(session, auth.adminAuth().getUser()).realmRoleNames().stream()
                .filter(levels::containsKey).mapToInt(levels::get).max().orElse(0);
        return new UserScope(reach, callerLevel, levels, auth.users().canView(), auth.users().canManage());
    }

    private Map<String, Integer> manageableRoleLevels() {
        Map<String, Integer> levels = new HashMap<>();
        for (String name : MANAGEABLE_ROLES) {
            var role = realm.getRole(name);
            if (role != null) {
                AccessLevel.of(List.of(Optional.ofNullable(role.getFirstAttribute(AccessLevel.LEVEL_ATTRIBUTE)).orElse("")), 0)
                        .level().ifPresent(level -> levels.put(name, level));
            }
        }
        return levels;
    }

    private UserScope.Member member(OrganizationModel account, UserModel user, Map<String, Integer> levels) {
        PortalUser portalUser = new PortalUser(session, user);
        String role = portalUser.realmRoleNames().stream()
                .filter(levels::containsKey)
                .max(Comparator.comparing(levels::get))
                .orElse(null);
        Set<String> departments = organizations().getOrganizationGroupsByMember(account, user).map(GroupModel::getId)
                .collect(Collectors.toSet());
        return new UserScope.Member(role, departments, portalUser.accessLevel(realm).level().orElse(0), portalUser.administersRealm(realm));
    }

    /** A user as the caller may see them: only the departments within the caller's reach. */
    private static AccountUser accountUser(UserModel user, UserScope.Member member, OrganizationModel account, UserScope scope) {
        return new AccountUser(user.getId(), user.getUsername(), user.getEmail(), user.getFirstName(), user.getLastName(),
                member.role(), member.departments().stream().filter(department -> scope.maySeeDepartment(account.getId(), department))
                .sorted().toList());
    }

    // ---- authorization and lookups ----

    private UserModel ownUser() {
        return Errors.realmUser(auth, realm, "ask about your own access");
    }

    private Reach enter() {
        boolean sameRealm = auth.adminAuth().getRealm().getId().equals(realm.getId());
        // Realm admins look with view-realm (accounts, departments, sites) or view-users (users too).
        boolean viewer = auth.realm().canViewRealm() || auth.users().canView();
        boolean manager = auth.realm().canManageRealm();
        Reach reach;
        if (sameRealm) {
            PortalUser caller = new PortalUser(session, auth.adminAuth().getUser());
            Set<String> roles = caller.realmRoleNames();
            reach = new Reach(viewer, manager,
                    roles.contains(Reach.ACCOUNT_ADMIN) ? caller.accountIds() : Set.of(),
                    roles.contains(Reach.DEPARTMENT_ADMIN) ? caller.departments() : Map.of(),
                    roles.contains(Reach.DEPARTMENT_VIEWER));
        } else {
            reach = new Reach(viewer, manager, Set.of(), Map.of(), false);
        }
        if (!reach.mayEnter()) {
            throw Errors.forbidden(reach.refusal());
        }
        return reach;
    }

    /** The account, if the caller may see it; an unknown id, one of another realm and one beyond reach are alike 404. */
    private OrganizationModel account(Reach reach, String accountId) {
        OrganizationModel account;
        try {
            account = organizations().getById(accountId);
        } catch (ModelException otherRealm) {
            account = null;
        }
        if (account == null || !reach.maySeeAccount(account.getId())) {
            throw Errors.notFound("Account not found");
        }
        return account;
    }

    private GroupModel department(OrganizationModel account, String departmentId) {
        GroupModel group = session.groups().getGroupById(realm, departmentId);
        if (group == null || group.getType() != GroupModel.Type.ORGANIZATION || group.getOrganization() == null
                || !group.getOrganization().getId().equals(account.getId())) {
            throw ErrorResponse.error("Department not found in this account", Response.Status.NOT_FOUND);
        }
        return group;
    }

    private AmpSiteEntity visibleSite(Reach reach, String siteKey) {
        return store.site(realm.getId(), siteKey)
                .filter(site -> reach.maySeeSite(site.getOrganizationId(), site.getDepartmentId()))
                .orElseThrow(() -> Errors.notFound("Site not found"));
    }

    private AmpSiteEntity grantableSite(Reach reach, String siteKey) {
        AmpSiteEntity site = visibleSite(reach, siteKey);
        if (!reach.mayGrant(site.getOrganizationId(), site.getDepartmentId())) {
            throw Errors.forbidden("You may view this site's grants but not change them");
        }
        return site;
    }

    private static ErrorResponseException grantNotFound() {
        return Errors.notFound("Grant not found on this site");
    }

    private GroupModel consultantGroup(String nameOrPath) {
        String parentName = ConsultantSettings.groupsParent(realm);
        GroupModel parent = KeycloakModelUtils.findGroupByPath(session, realm, "/" + parentName);
        GroupModel group = nameOrPath.startsWith("/")
                ? KeycloakModelUtils.findGroupByPath(session, realm, nameOrPath)
                : parent == null ? null : parent.getSubGroupsStream().filter(child -> child.getName().equals(nameOrPath)).findFirst().orElse(null);
        boolean underParent = false;
        for (GroupModel current = group == null ? null : group.getParent(); current != null; current = current.getParent()) {
            underParent |= parent != null && current.getId().equals(parent.getId());
        }
        // One answer for "no such group" and "not a consultant group": the form reveals no other groups.
        if (!underParent) {
            throw new BadRequest("No consultant group '" + nameOrPath + "' (consultant groups are the groups under /" + parentName + ")");
        }
        return group;
    }

    private UserModel consultant(String email) {
        UserModel user;
        try {
            user = session.users().getUserByEmail(realm, email);
        } catch (ModelDuplicateException e) {
            throw new BadRequest(NO_CONSULTANT);
        }
        // One answer for "no such user" and "not a consultant": the form reveals no addresses.
        if (user == null || !email.equalsIgnoreCase(user.getEmail()) || !new PortalUser(session, user).accessLevel(realm).isConsultant()) {
            throw new BadRequest(NO_CONSULTANT);
        }
        return user;
    }

    private Grant grant(AmpSiteEntity site, AmpSiteGrantEntity grant) {
        Subject subject;
        if (SiteStore.SUBJECT_GROUP.equals(grant.getSubjectType())) {
            GroupModel group = session.groups().getGroupById(realm, grant.getSubjectId());
            subject = new Subject("group", grant.getSubjectId(), group == null ? null : group.getName(), null);
        } else {
            UserModel user = session.users().getUserById(realm, grant.getSubjectId());
            subject = new Subject("user", grant.getSubjectId(), null, user == null ? null : user.getEmail());
        }
        return new Grant(grant.getId(), site.getSiteKey(), subject, grant.isEnabled(), grant.getGrantedBy(),
                grant.getGrantedAt(), grant.getUpdatedAt());
    }

    private static Site site(AmpSiteEntity site) {
        return new Site(site.getSiteKey(), site.getName(), site.getOrganizationId(), site.getDepartmentId());
    }

    private OrganizationProvider organizations() {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || !realm.isOrganizationsEnabled()) {
            throw ErrorResponse.error("Organizations are not enabled in this realm", Response.Status.NOT_FOUND);
        }
        return organizations;
    }

    /** Who granted, as customers' admins may read it: a user of the realm by username, any other administrator by role. */
    private String callerName() {
        return auth.adminAuth().getRealm().getId().equals(realm.getId()) ? auth.adminAuth().getUser().getUsername() : REALM_ADMINISTRATOR;
    }

    private void event(OperationType operation, String resourceType, Object representation, String... path) {
        adminEvent.clone(session).operation(operation).resource(resourceType).resourcePath(path)
                .representation(representation).success();
    }


    private static int intParam(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ErrorResponse.error("'" + name + "' must be a whole number from " + min + " to " + max, Response.Status.BAD_REQUEST);
    }

}
