package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.consultant.PortalUser;
import io.amp.keycloak.consultant.config.ConsultantContract;
import io.amp.keycloak.consultant.jpa.UserLocks;
import io.amp.keycloak.consultant.resource.Representations.AccountUser;
import io.amp.keycloak.rules.consultant.AccessLevel;
import io.amp.keycloak.rules.consultant.Reach;
import io.amp.keycloak.rules.consultant.UserScope;
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
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code .../accounts/{accountId}/users} on both surfaces ({@code /admin/realms/{realm}/amp-consultant-access}
 * for realm administrators, {@code /realms/{realm}/amp/consultant-access} for customers' admins): the account's
 * users, listed, created and edited within the caller's {@link UserScope} (realm admins by their view-users and
 * manage-users rights; Account and Department Admins by their level and their departments). The locator has
 * looked up the account (404 if the caller does not see it); each method then checks its right (403).
 */
final class AccountUsersResource {

    private static final String VIEW_ONLY = "You may view this account's users but not change them";
    private static final List<String> MANAGEABLE_ROLES = List.of(Reach.ACCOUNT_ADMIN, Reach.DEPARTMENT_ADMIN, Reach.DEPARTMENT_VIEWER);

    private final Caller caller;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final ConsultantLookups lookups;
    private final OrganizationModel account;
    private final UserScope scope;

    AccountUsersResource(Caller caller, ConsultantLookups lookups, Reach reach, OrganizationModel account) {
        this.caller = caller;
        this.session = caller.session();
        this.realm = caller.realm();
        this.lookups = lookups;
        this.account = account;
        this.scope = userScope(reach);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AccountUser> users() {
        if (!scope.mayList(account.getId())) {
            throw Errors.forbidden("Listing an account's users needs the right to view users");
        }
        return organizations().getMembersStream(account, (String) null, null, null, null)
                .map(user -> Map.entry(user, member(user)))
                .filter(entry -> scope.mayListMember(account.getId(), entry.getValue()))
                .map(entry -> accountUser(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(AccountUser::username))
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createUser(String body) {
        if (!scope.mayWrite(account.getId())) {
            throw Errors.forbidden(VIEW_ONLY);
        }
        Requests.NewUser request = Errors.decide(() -> Requests.newUser(body));
        checkRole(request.role());
        Set<String> departments = Set.copyOf(request.departments());
        checkDepartments(departments);
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
        AccountUser created = accountUser(user, member(user));
        caller.event(OperationType.CREATE, ConsultantContract.USER_RESOURCE, created, "accounts", account.getId(), "users", user.getId());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AccountUser editUser(@PathParam("userId") String userId, String body) {
        if (!scope.mayWrite(account.getId())) {
            throw Errors.forbidden(VIEW_ONLY);
        }
        // Edits of one user are serialized by a lock on the user's row, so each edit decides on what the last one left.
        UserModel user = Errors.unlessLost(() -> UserLocks.lockAndLoad(session, realm, userId), "Someone else is changing this user; try again");
        UserScope.Member member = user == null || !organizations().isMember(account, user) ? null : member(user);
        if (member == null || !scope.mayListMember(account.getId(), member)) {
            throw Errors.notFound("User not found in this account");
        }
        if (!scope.maySee(account.getId(), member)) {
            throw Errors.forbidden("This user is in departments outside your reach; they are changed by an Account Admin,"
                    + " a Department Admin of their department, or a realm administrator");
        }
        Requests.UserEdit request = Errors.decide(() -> Requests.userEdit(body));
        boolean realmWide = request.role() != null || request.email() != null || request.firstName() != null || request.lastName() != null;
        if (realmWide && !scope.mayChange(account.getId(), member, places(user))) {
            throw Errors.forbidden("This user also belongs to an account or department outside your reach; their access level,"
                    + " email and names are changed by someone who reaches all of them, or by a realm administrator");
        }
        if (request.role() != null) {
            checkRole(request.role());
        }
        Set<String> departments = null;
        if (request.departments() != null) {
            Set<String> requested = Set.copyOf(request.departments());
            checkDepartments(requested);
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
        AccountUser edited = accountUser(user, member(user));
        caller.event(OperationType.UPDATE, ConsultantContract.USER_RESOURCE, edited, "accounts", account.getId(), "users", user.getId());
        return edited;
    }

    /** Every account the user belongs to, with their departments there. */
    private Map<String, Set<String>> places(UserModel user) {
        Map<String, Set<String>> places = new HashMap<>();
        organizations().getByMember(user).forEach(organization -> places.put(organization.getId(),
                organizations().getOrganizationGroupsByMember(organization, user).map(GroupModel::getId).collect(Collectors.toSet())));
        return places;
    }

    private void checkRole(String role) {
        if (!scope.roleLevels().containsKey(role)) {
            throw Errors.badRequest("'role' must be one of " + String.join(", ", MANAGEABLE_ROLES));
        }
        if (!scope.mayAssign(role)) {
            throw Errors.forbidden("You cannot make a user " + role + ": that is above your own level");
        }
    }

    private void checkDepartments(Set<String> departments) {
        Set<String> ofAccount = organizations().getTopLevelGroups(account, null, null).map(GroupModel::getId)
                .collect(Collectors.toSet());
        if (!ofAccount.containsAll(departments)) {
            throw Errors.badRequest("'departments' names a department that is not in this account");
        }
        if (!scope.mayPlaceIn(account.getId(), departments, ofAccount)) {
            throw Errors.forbidden("A Department Admin places users in their own departments only, and in at least one");
        }
    }

    /** The caller's user scope; their level is that of the manageable roles they hold (a consultant level opens no user management). */
    private UserScope userScope(Reach reach) {
        Map<String, Integer> levels = manageableRoleLevels();
        int callerLevel = !caller.ofThisRealm() ? 0 : new PortalUser(session, caller.user()).realmRoleNames().stream()
                .filter(levels::containsKey).mapToInt(levels::get).max().orElse(0);
        return new UserScope(reach, callerLevel, levels, caller.auth().users().canView(), caller.auth().users().canManage());
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

    private UserScope.Member member(UserModel user) {
        Map<String, Integer> levels = scope.roleLevels();
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
    private AccountUser accountUser(UserModel user, UserScope.Member member) {
        return new AccountUser(user.getId(), user.getUsername(), user.getEmail(), user.getFirstName(), user.getLastName(),
                member.role(), member.departments().stream().filter(department -> scope.maySeeDepartment(account.getId(), department))
                .sorted().toList());
    }

    private OrganizationProvider organizations() {
        return lookups.organizations();
    }
}
