package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.jpa.Writes;
import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.consultant.config.ConsultantContract;
import io.amp.keycloak.consultant.config.ConsultantSettings;
import io.amp.keycloak.consultant.jpa.AmpSiteEntity;
import io.amp.keycloak.consultant.jpa.SiteStore;
import io.amp.keycloak.consultant.jpa.UserLocks;
import io.amp.keycloak.consultant.resource.Representations.ConsultantGroup;
import io.amp.keycloak.consultant.resource.Representations.GroupMember;
import io.amp.keycloak.rules.consultant.Reach;
import io.amp.keycloak.rules.consultant.Reach.GrantedSite;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.ModelToRepresentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code .../consultant-groups} on both surfaces: "When granted access, you can create or edit
 * Consultant Groups in the portal settings" (seed 002). Consultant groups are the groups below the
 * realm's consultant-groups parent. Account Admins, Department Admins, consultants holding a site
 * and realm managers create them; a group is renamed, and given or relieved of members, only by
 * whoever changes the grants of every site it reaches (with its parent groups), since a new member
 * gets them all ({@link Reach#mayChangeConsultantGroup}). A group beyond the caller's reach is a
 * 404, as an unknown one; members are consultants only. The locator has checked that the caller
 * opens consultant groups at all (403 before any id is read).
 */
final class ConsultantGroupsResource {

    private static final String NOT_FOUND = "Consultant group not found";

    private final Caller caller;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final ConsultantLookups lookups;
    private final Reach reach;

    ConsultantGroupsResource(Caller caller, ConsultantLookups lookups, Reach reach) {
        this.caller = caller;
        this.session = caller.session();
        this.realm = caller.realm();
        this.lookups = lookups;
        this.reach = reach;
    }

    /** The consultant groups the caller may see, by path. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ConsultantGroup> groups() {
        GroupModel parent = parent();
        if (parent == null) {
            return List.of();
        }
        List<GroupModel> groups = descendants(parent).toList();
        Map<String, List<AmpSiteEntity>> granted = lookups.store().sitesGrantedTo(SiteStore.SUBJECT_GROUP,
                groups.stream().map(GroupModel::getId).toList());
        return groups.stream()
                .filter(group -> reach.maySeeConsultantGroup(reached(group, parent, granted)))
                .map(this::representation)
                .sorted(Comparator.comparing(ConsultantGroup::path))
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createGroup(String body) {
        if (!reach.mayManageConsultantGroups()) {
            throw Errors.forbidden("You may view consultant groups but not change them");
        }
        String name = Errors.decide(() -> Requests.name(body));
        GroupModel parent = parent();
        if (parent == null) {
            throw Errors.conflict("This realm has no consultant-groups parent group '/" + ConsultantSettings.groupsParent(realm)
                    + "'; a realm administrator creates it first");
        }
        requireFreeName(parent, name, null);
        GroupModel group = unlessTaken(name, () -> {
            GroupModel created = session.groups().createGroup(realm, name, parent);
            flush();
            return created;
        });
        ConsultantGroup created = representation(group);
        caller.event(OperationType.CREATE, ConsultantContract.CONSULTANT_GROUP_RESOURCE, created, "consultant-groups", group.getId());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("{groupId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ConsultantGroup renameGroup(@PathParam("groupId") String groupId, String body) {
        GroupModel group = changeable(groupId);
        String name = Errors.decide(() -> Requests.name(body));
        requireFreeName(group.getParent(), name, group.getId());
        unlessTaken(name, () -> {
            group.setName(name);
            flush();
            return group;
        });
        ConsultantGroup renamed = representation(group);
        caller.event(OperationType.UPDATE, ConsultantContract.CONSULTANT_GROUP_RESOURCE, renamed, "consultant-groups", group.getId());
        return renamed;
    }

    /** The group's direct members. */
    @GET
    @Path("{groupId}/members")
    @Produces(MediaType.APPLICATION_JSON)
    public List<GroupMember> members(@PathParam("groupId") String groupId) {
        GroupModel group = visible(groupId);
        return session.users().getGroupMembersStream(realm, group)
                .map(ConsultantGroupsResource::member)
                .sorted(Comparator.comparing(GroupMember::username))
                .toList();
    }

    /** Adds a consultant, by exact email, to the group; they get the group's sites at their next token. */
    @POST
    @Path("{groupId}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response addMember(@PathParam("groupId") String groupId, String body) {
        GroupModel group = changeable(groupId);
        UserModel consultant = lookups.consultant(Errors.decide(() -> Requests.email(body)));
        // Membership changes of one user run one after the other (a lock on the user's row), so the second of two
        // racing additions sees the first one's membership and is a 409, never a second "created".
        UserModel user = lockAndLoad(consultant.getId());
        if (directMember(user, group)) {
            throw Errors.conflict("That consultant is a member of this group already");
        }
        Errors.unlessLost(() -> {
            user.joinGroup(group);
            flush();
            return true;
        }, "That consultant is a member of this group already");
        GroupMember added = member(user);
        caller.event(OperationType.CREATE, ConsultantContract.CONSULTANT_GROUP_MEMBER_RESOURCE, added,
                "consultant-groups", group.getId(), "members", user.getId());
        return Response.status(Response.Status.CREATED).entity(added).build();
    }

    /** Takes a member out of the group; they lose the group's sites at their next token. */
    @DELETE
    @Path("{groupId}/members/{userId}")
    public Response removeMember(@PathParam("groupId") String groupId, @PathParam("userId") String userId) {
        GroupModel group = changeable(groupId);
        UserModel user = lockAndLoad(userId);
        if (user == null || !directMember(user, group)) {
            throw Errors.notFound("No such member of this group");
        }
        user.leaveGroup(group);
        caller.event(OperationType.DELETE, ConsultantContract.CONSULTANT_GROUP_MEMBER_RESOURCE, member(user),
                "consultant-groups", group.getId(), "members", user.getId());
        return Response.noContent().build();
    }

    // ---- lookups ----

    private UserModel lockAndLoad(String userId) {
        return Errors.unlessLost(() -> UserLocks.lockAndLoad(session, realm, userId), "Someone else is changing this user; try again");
    }

    /** In the group itself, not through a subgroup. */
    private static boolean directMember(UserModel user, GroupModel group) {
        return user.getGroupsStream().anyMatch(joined -> joined.getId().equals(group.getId()));
    }

    private GroupModel parent() {
        return lookups.consultantGroupsParent();
    }

    /** A consultant group the caller sees; an unknown group, another kind of group, or one beyond their reach is a 404. */
    private GroupModel visible(String groupId) {
        return group(groupId, false);
    }

    /** A consultant group the caller may change: one they only see (a realm viewer) is a 403. */
    private GroupModel changeable(String groupId) {
        return group(groupId, true);
    }

    /** The group, its sites read once for both checks: seeing it (else 404) and, when {@code change}, changing it (else 403). */
    private GroupModel group(String groupId, boolean change) {
        GroupModel parent = parent();
        GroupModel group = parent == null ? null : session.groups().getGroupById(realm, groupId);
        if (group == null || !ConsultantLookups.isBelow(group, parent)) {
            throw Errors.notFound(NOT_FOUND);
        }
        List<GrantedSite> sites = reached(group, parent, lookups.store().sitesGrantedTo(SiteStore.SUBJECT_GROUP, chain(group, parent)));
        if (!reach.maySeeConsultantGroup(sites)) {
            throw Errors.notFound(NOT_FOUND);
        }
        if (change && !reach.mayChangeConsultantGroup(sites)) {
            throw Errors.forbidden("You may view this consultant group but not change it");
        }
        return group;
    }

    /** The sites the group's grants and its parent groups' (below the consultant-groups parent) reach. */
    private static List<GrantedSite> reached(GroupModel group, GroupModel parent, Map<String, List<AmpSiteEntity>> granted) {
        List<GrantedSite> sites = new ArrayList<>();
        for (String id : chain(group, parent)) {
            granted.getOrDefault(id, List.of())
                    .forEach(site -> sites.add(new GrantedSite(site.getOrganizationId(), site.getDepartmentId(), site.getSiteKey())));
        }
        return sites;
    }

    /** The group and its parents up to, not including, the consultant-groups parent. */
    private static List<String> chain(GroupModel group, GroupModel parent) {
        List<String> ids = new ArrayList<>();
        for (GroupModel current = group; current != null && !current.getId().equals(parent.getId()); current = current.getParent()) {
            ids.add(current.getId());
        }
        return ids;
    }

    private static Stream<GroupModel> descendants(GroupModel group) {
        return group.getSubGroupsStream().flatMap(child -> Stream.concat(Stream.of(child), descendants(child)));
    }

    // ---- writes ----

    private static void requireFreeName(GroupModel parent, String name, String except) {
        if (parent.getSubGroupsStream().anyMatch(sibling -> sibling.getName().equals(name) && !sibling.getId().equals(except))) {
            throw Errors.conflict("A consultant group named '" + name + "' exists already there");
        }
    }

    /** A write that Keycloak's unique sibling names decide: a name taken meanwhile is a 409. */
    private static <T> T unlessTaken(String name, Supplier<T> write) {
        String taken = "A consultant group named '" + name + "' exists already there";
        try {
            return Errors.unlessLost(write, taken);
        } catch (ModelDuplicateException e) {
            throw Errors.conflict(taken);
        }
    }

    private void flush() {
        Writes.flush(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    private ConsultantGroup representation(GroupModel group) {
        return new ConsultantGroup(group.getId(), group.getName(), ModelToRepresentation.buildGroupPath(group));
    }

    private static GroupMember member(UserModel user) {
        return new GroupMember(user.getId(), user.getUsername(), user.getEmail());
    }
}
