package io.amp.keycloak.requests.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.common.rest.JsonBody;
import io.amp.keycloak.common.rest.UserNames;
import io.amp.keycloak.permissions.CatalogReader;
import io.amp.keycloak.permissions.RoleExpiry;
import io.amp.keycloak.requests.RequestsContract;
import io.amp.keycloak.requests.RequestsRealm;
import io.amp.keycloak.requests.jpa.AccessRequestStore;
import io.amp.keycloak.requests.jpa.AmpAccessRequestEntity;
import io.amp.keycloak.requests.resource.Representations.DepartmentOption;
import io.amp.keycloak.requests.resource.Representations.RequestOptions;
import io.amp.keycloak.requests.resource.Representations.RequestRepresentation;
import io.amp.keycloak.requests.resource.Representations.RoleOption;
import io.amp.keycloak.requests.resource.Representations.SystemOption;
import io.amp.keycloak.rules.requests.AccessRequest;
import io.amp.keycloak.rules.requests.AccessRequest.Status;
import io.amp.keycloak.rules.requests.Decisions;
import io.amp.keycloak.rules.requests.Eligibility;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code /realms/{realm}/amp/requests}: the AMP process of seed 000. Any user of the
 * realm reads the form's choices and asks for department roles, for themselves or on behalf of another
 * user; approvers (realm role {@value RequestsContract#APPROVER_ROLE}) list what waits and approve or deny
 * with a reason, and so do the realm's administrators (manage-users), for any department and with the
 * list of every request; nobody decides their own request nor one for themselves; approval grants the roles on that system in the same
 * transaction, with an optional end enforced at token time. Every step is an admin event;
 * approvers are mailed a new request, requester and subject its decision.
 */
public final class AccessRequestsResource {

    private static final int MAX_TEXT = 1000;
    private static final int MAX_PAGE = 1000;

    private final Caller caller;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final AccessRequestStore store;

    AccessRequestsResource(Caller caller) {
        this.caller = caller;
        this.session = caller.session();
        this.realm = caller.realm();
        this.store = new AccessRequestStore(session);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(String body) {
        UserModel requester = user();
        Submission submission = Errors.decide(() -> {
            JsonBody json = JsonBody.parse(body, Set.of("subject", "organization", "department", "system", "roles", "justification", "endsAt"));
            return new Submission(json.text("subject"), json.requiredText("organization", 255), json.requiredText("department", 255),
                    json.requiredText("system", 255), Optional.ofNullable(json.strings("roles")).orElse(List.of()),
                    json.requiredFreeText("justification", MAX_TEXT), json.number("endsAt"));
        });
        if (submission.endsAt() != null && submission.endsAt() <= System.currentTimeMillis()) {
            throw Errors.badRequest("'endsAt' must be in the future (epoch milliseconds)");
        }
        Set<String> organizations = RequestsRealm.organizations(session, realm, requester);
        if (!organizations.contains(submission.organization())) {
            throw Errors.badRequest("No organization '" + submission.organization() + "' here; requests name one of: "
                    + String.join(", ", organizations));
        }
        String department = submission.department();
        GroupModel departmentGroup = RequestsRealm.department(session, realm, department);
        if (departmentGroup == null) {
            throw Errors.badRequest("No department '" + department + "' (departments are the groups under /" + RequestsContract.DEPARTMENTS + ")");
        }
        // What the catalog decides comes first: it says nothing about the person the request is for.
        ClientModel client = realm.getClientByClientId(submission.system());
        Optional<Map<String, String>> departmentRoles = Optional.ofNullable(client).map(CatalogReader::departmentRoles)
                .filter(map -> !map.isEmpty());
        refuse(Eligibility.check(department, submission.roles(), departmentRoles, Set.of(), Set.of()), false);
        // One answer whether the named user exists or not: the form reveals no usernames.
        boolean forSelf = submission.subject() == null || submission.subject().equalsIgnoreCase(requester.getUsername());
        UserModel subject = forSelf ? requester : session.users().getUserByUsername(realm, submission.subject());
        if (subject == null || !subject.isMemberOf(departmentGroup)) {
            throw Errors.badRequest((forSelf ? "You are" : "'" + submission.subject() + "' is")
                    + " not in department '" + department + "': roles are asked for the department of the person who will hold them");
        }
        Set<String> held = RoleExpiry.countingRoles(subject, client);
        Set<String> pending = new HashSet<>(store.pendingRoles(realm.getId(), subject.getId(), client.getId()));
        refuse(Eligibility.check(department, submission.roles(), departmentRoles, held, pending), !forSelf);
        AccessRequest request = new AccessRequest(null, requester.getId(), subject.getId(), submission.organization(), department,
                submission.system(), submission.roles().stream().distinct().toList(), submission.justification(), submission.endsAt(),
                Status.PENDING, null, null);
        AmpAccessRequestEntity created = Errors.unlessLost(() -> store.create(realm.getId(), request, client.getId()),
                "A request for one of these roles is pending already");
        RequestRepresentation representation = representation(created);
        event(OperationType.CREATE, representation);
        new RequestMail(session, realm).toApprovers(representation);
        return Response.status(Response.Status.CREATED).entity(representation).build();
    }

    /**
     * Refuses a request for these reasons, if any: 400, or 409 when all are about what the subject
     * holds or waits for. For someone else, held and pending read alike: a requester learns that a
     * role cannot be asked for again, not which of the two it is.
     */
    private static void refuse(List<Eligibility.Refusal> refusals, boolean forSomeoneElse) {
        if (refusals.isEmpty()) {
            return;
        }
        boolean conflict = refusals.stream().allMatch(Eligibility.Refusal::conflict);
        String message = forSomeoneElse && conflict
                ? refusals.stream().map(refusal -> refusal.role()).collect(Collectors.joining(", "))
                        + ": held already or waiting for a decision for this user"
                : refusals.stream().map(Eligibility.Refusal::message).collect(Collectors.joining("; "));
        throw conflict ? Errors.conflict(message) : Errors.badRequest(message);
    }

    private record Submission(String subject, String organization, String department, String system, List<String> roles,
                              String justification, Long endsAt) {
    }

    /** The caller's requests: those they made and those made for them, newest first. */
    @GET
    @Path("mine")
    @Produces(MediaType.APPLICATION_JSON)
    public List<RequestRepresentation> mine() {
        UserModel requester = user();
        return store.ofUser(realm.getId(), requester.getId()).stream().map(this::representation).toList();
    }

    /**
     * The choices of the request form, for any user of the realm: organizations, departments (and
     * those the caller is in), and the systems with a catalog with their department roles and the
     * departments each is open to. What {@link #submit} accepts is decided by the same rules
     * ({@link Eligibility}, {@link CatalogReader}); a role open to no department of the realm is left out.
     */
    @GET
    @Path("options")
    @Produces(MediaType.APPLICATION_JSON)
    public RequestOptions options() {
        UserModel user = user();
        List<GroupModel> departments = RequestsRealm.departments(session, realm);
        List<String> keys = departments.stream().map(GroupModel::getName).toList();
        List<SystemOption> systems = realm.getClientsStream()
                .map(client -> system(client, keys))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(SystemOption::clientId))
                .toList();
        return new RequestOptions(List.copyOf(RequestsRealm.organizations(session, realm, user)),
                departments.stream().map(group -> new DepartmentOption(group.getName(), RequestsRealm.departmentName(group))).toList(),
                departments.stream().filter(user::isMemberOf).map(GroupModel::getName).toList(),
                systems);
    }

    /** A system of the form: a client with department roles, each role with the departments of the realm it is open to. */
    private static Optional<SystemOption> system(ClientModel client, List<String> departments) {
        Map<String, String> departmentRoles = CatalogReader.departmentRoles(client);
        if (departmentRoles.isEmpty()) {
            return Optional.empty();
        }
        List<RoleOption> roles = new ArrayList<>();
        new TreeMap<>(departmentRoles).forEach((key, owner) -> Eligibility.openDepartments(owner, departments)
                .ifPresent(open -> roles.add(new RoleOption(key, CatalogReader.displayName(client.getRole(key)), open))));
        String name = client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName();
        return Optional.of(new SystemOption(client.getClientId(), name, roles));
    }

    /**
     * Every request of the realm, newest first, a page at a time ({@code first}, default 0;
     * {@code max}, 1 to {@value #MAX_PAGE}, default 100), of one {@code status} when given; for the
     * realm's administrators (a user of the realm who may manage its users).
     */
    @GET
    @Path("all")
    @Produces(MediaType.APPLICATION_JSON)
    public List<RequestRepresentation> all(@QueryParam("status") String statusParam,
                                           @QueryParam("first") @DefaultValue("0") String firstParam,
                                           @QueryParam("max") @DefaultValue("100") String maxParam) {
        user();
        if (!realmAdministrator()) {
            throw Errors.forbidden("Every request of the realm is listed for its administrators (manage-users); approvers list what waits for them");
        }
        Status status = status(statusParam);
        int first = Errors.wholeNumber("first", firstParam, 0, Integer.MAX_VALUE);
        int max = Errors.wholeNumber("max", maxParam, 1, MAX_PAGE);
        return store.page(realm.getId(), status, first, max).stream().map(this::representation).toList();
    }

    /** A status filter: pending, approved, denied or cancelled; absent or blank for every status. */
    private static Status status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (Status status : Status.values()) {
            if (status.name().toLowerCase(Locale.ROOT).equals(value.strip())) {
                return status;
            }
        }
        throw Errors.badRequest("'status' must be one of pending, approved, denied, cancelled");
    }

    @GET
    @Path("pending")
    @Produces(MediaType.APPLICATION_JSON)
    public List<RequestRepresentation> pending() {
        UserModel approver = user();
        requireApprover(approver);
        return store.withStatus(realm.getId(), Status.PENDING).stream()
                .filter(entity -> RequestsRealm.decidesFor(approver, entity.getDepartment()))
                .map(this::representation).toList();
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RequestRepresentation approve(@PathParam("id") String id, String body) {
        Decision decision = decision(id, body);
        AmpAccessRequestEntity entity = decision.entity();
        AccessRequest decided = Errors.decide(() -> Decisions.approve(request(entity), decision.approver().getId(), decision.reason()));
        ClientModel client = realm.getClientById(entity.getClientId());
        UserModel subject = session.users().getUserById(realm, entity.getSubjectId());
        if (client == null || subject == null) {
            throw Errors.conflict("The request's system or user no longer exists");
        }
        GroupModel department = RequestsRealm.department(session, realm, entity.getDepartment());
        if (department == null || !subject.isMemberOf(department)) {
            throw Errors.conflict("'" + subject.getUsername() + "' is no longer in department '" + entity.getDepartment()
                    + "'; deny the request, or move them back first");
        }
        Map<String, String> departmentRoles = CatalogReader.departmentRoles(client);
        List<RoleModel> roles = new ArrayList<>();
        for (String roleName : decided.roles()) {
            RoleModel role = client.getRole(roleName);
            if (role == null || !Eligibility.openTo(departmentRoles.get(roleName), entity.getDepartment())) {
                throw Errors.conflict("Role '" + roleName + "' is no longer a department role of " + client.getClientId()
                        + " open to department '" + entity.getDepartment() + "'; deny the request");
            }
            roles.add(role);
        }
        record(entity, decided);
        Map<String, Long> ends = RoleExpiry.of(subject);
        long now = System.currentTimeMillis();
        for (RoleModel role : roles) {
            Long end = Decisions.endAfterApproval(subject.hasDirectRole(role), RoleExpiry.end(ends, role), decided.endsAt(), now);
            subject.grantRole(role);
            RoleExpiry.set(subject, role, end);
        }
        return announce(entity, true);
    }

    @POST
    @Path("{id}/deny")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RequestRepresentation deny(@PathParam("id") String id, String body) {
        Decision decision = decision(id, body);
        AmpAccessRequestEntity entity = decision.entity();
        record(entity, Errors.decide(() -> Decisions.deny(request(entity), decision.approver().getId(), decision.reason())));
        return announce(entity, true);
    }

    /** Only the requester cancels, while pending: anyone else gets the same 403 whether the id exists or not. */
    @POST
    @Path("{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    public RequestRepresentation cancel(@PathParam("id") String id) {
        UserModel requester = user();
        AmpAccessRequestEntity entity = store.find(realm.getId(), id)
                .filter(found -> found.getRequesterId().equals(requester.getId()))
                .orElseThrow(() -> Errors.forbidden("Only the requester can cancel a request, and this is not one of yours"));
        record(entity, Errors.decide(() -> Decisions.cancel(request(entity), requester.getId())));
        return announce(entity, false);
    }

    /** Stores the decision if the request is still pending; of racing deciders, the losers get 409 and change nothing. */
    private void record(AmpAccessRequestEntity entity, AccessRequest decided) {
        Errors.once(() -> store.record(entity, decided), "The request was decided meanwhile");
    }

    private RequestRepresentation announce(AmpAccessRequestEntity entity, boolean mail) {
        RequestRepresentation representation = representation(entity);
        event(OperationType.UPDATE, representation);
        if (mail) {
            new RequestMail(session, realm).decision(representation);
        }
        return representation;
    }

    private record Decision(UserModel approver, AmpAccessRequestEntity entity, String reason) {
    }

    /**
     * Who decides which request, and why: an approver, for a request of a department they decide for
     * (else 404, as for an unknown id), or an administrator of the realm, for a request of any
     * department; anyone else 403, whatever the id. Always with a reason; never one's own request
     * nor one for oneself ({@link Decisions}).
     */
    private Decision decision(String id, String body) {
        UserModel approver = user();
        boolean administrator = realmAdministrator();
        if (!administrator && !RequestsRealm.isApprover(realm, approver)) {
            throw Errors.forbidden("Only approvers (realm role " + RequestsContract.APPROVER_ROLE
                    + ") and the realm's administrators (manage-users) decide access requests");
        }
        AmpAccessRequestEntity entity = store.find(realm.getId(), id)
                .filter(found -> administrator || RequestsRealm.decidesFor(approver, found.getDepartment()))
                .orElseThrow(() -> Errors.notFound("Request not found"));
        String reason = Errors.decide(() -> JsonBody.parse(body, Set.of("reason")).requiredFreeText("reason", MAX_TEXT));
        return new Decision(approver, entity, reason);
    }

    private UserModel user() {
        return caller.realmUser("requests are made and decided by its users");
    }

    /** A user of the realm who may manage its users (realm-management manage-users, which realm-admin includes). */
    private boolean realmAdministrator() {
        return caller.ofThisRealm() && caller.auth().users().canManage();
    }

    private void requireApprover(UserModel user) {
        if (!RequestsRealm.isApprover(realm, user)) {
            throw Errors.forbidden("Only approvers (realm role " + RequestsContract.APPROVER_ROLE + ") decide access requests");
        }
    }

    private AccessRequest request(AmpAccessRequestEntity entity) {
        ClientModel client = realm.getClientById(entity.getClientId());
        return AccessRequestStore.toRequest(entity, client == null ? entity.getClientId() : client.getClientId());
    }

    private RequestRepresentation representation(AmpAccessRequestEntity entity) {
        AccessRequest request = request(entity);
        return new RequestRepresentation(request.id(), UserNames.of(session, realm, request.requester()),
                UserNames.of(session, realm, request.subject()),
                request.organization(), request.department(), request.system(), request.roles(), request.justification(),
                request.endsAt(), request.status().name().toLowerCase(Locale.ROOT),
                UserNames.of(session, realm, request.decidedBy()), request.decisionReason(),
                entity.getCreatedAt(), entity.getDecidedAt());
    }

    private void event(OperationType operation, RequestRepresentation representation) {
        caller.event(operation, RequestsContract.RESOURCE_TYPE, representation, "requests", representation.id());
    }

}
