package io.amp.keycloak.elevation.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.common.rest.JsonBody;
import io.amp.keycloak.elevation.ElevationEvents;
import io.amp.keycloak.elevation.ElevationEvents.Action;
import io.amp.keycloak.elevation.ElevationLifecycle;
import io.amp.keycloak.elevation.ElevationRepresentation;
import io.amp.keycloak.elevation.ElevationSessions;
import io.amp.keycloak.elevation.jpa.AmpElevationEntity;
import io.amp.keycloak.elevation.jpa.ElevationStore;
import io.amp.keycloak.permissions.CatalogReader;
import io.amp.keycloak.permissions.ElevationPermissions;
import io.amp.keycloak.permissions.PermissionResolver;
import io.amp.keycloak.permissions.PermissionsContract;
import io.amp.keycloak.rules.elevation.Elevation.Kind;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import io.amp.keycloak.rules.elevation.ElevationPolicy.Status;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /realms/{realm}/amp/elevations}: break-the-glass requests and their review, and the
 * emergency accesses of the realm and their acknowledgement. A signed-in user asks for elevation
 * on the application their token was issued to, or on one they name; reviewers are the users holding
 * Break the Glass Review on that application, never for their own requests. Revocation and the
 * realm-wide list of running elevations are for administrators: the realm's own here, any on the admin
 * surface ({@link ElevationAdminResource}), through the same code ({@link RunningElevations}). Every
 * step is an admin event ({@link ElevationEvents}).
 */
public final class ElevationsResource {

    private static final String NOT_FOUND = "Elevation not found";
    private static final String ONLY_REVIEWERS = "Only users holding Break the Glass Review (" + ElevationPolicy.REVIEW + ") review elevations";
    private static final String OPEN_ALREADY = "You have a pending break-the-glass request or a running elevation on this application already";
    private static final String DECIDED_MEANWHILE = "The request was decided meanwhile";
    /** Keycloak's limit of a clientId. */
    private static final int MAX_CLIENT_ID = 255;

    private final Caller caller;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminEventBuilder adminEvent;
    private final ElevationStore store;

    ElevationsResource(Caller caller) {
        this.caller = caller;
        this.session = caller.session();
        this.realm = caller.realm();
        this.adminEvent = caller.adminEvent();
        this.store = new ElevationStore(session);
    }

    /**
     * Asks for break-the-glass on an application, from the caller's signed-in session: the
     * application named by {@code system} (a clientId), or else the one the token was issued to. Either
     * way it must have every permission an elevation grants in this realm ({@link ElevationPermissions});
     * the elevation, once approved, runs in the token's session, so a page of another client (the AMP
     * portal) asks for it and the application's next token of the same single sign-on is elevated.
     */
    @POST
    @Path("break-the-glass")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(String body) {
        UserModel requester = user();
        AccessToken token = caller.token();
        if (!ElevationSessions.sessionExists(session, realm, token.getSessionId())) {
            throw Errors.badRequest("Break-the-glass is asked for from a signed-in session; this token has none (an offline token's"
                    + " session is never elevated)");
        }
        JsonBody json = Errors.decide(() -> JsonBody.parse(body, Set.of("reason", "durationMinutes", "system")));
        String reason = Errors.decide(() -> ElevationPolicy.reason(json.freeText("reason", Integer.MAX_VALUE)));
        int minutes = Errors.decide(() -> ElevationPolicy.minutes(json.number("durationMinutes")));
        String system = Errors.decide(() -> json.text("system"));
        if (system != null && system.length() > MAX_CLIENT_ID) {
            throw Errors.badRequest("'system' is longer than " + MAX_CLIENT_ID + " characters");
        }
        ClientModel client = system != null ? realm.getClientByClientId(system)
                : token.getIssuedFor() == null ? null : realm.getClientByClientId(token.getIssuedFor());
        if (!ElevationPermissions.eligible(realm, client)) {
            throw Errors.badRequest(system != null
                    ? "'" + system + "' is not an application break-the-glass elevates to in this realm (see break-the-glass/systems)"
                    : "The application of this token (" + token.getIssuedFor() + ") has no permissions to elevate to; name one as 'system'");
        }
        long now = System.currentTimeMillis();
        if (!ElevationLifecycle.open(session, realm, store, requester.getId(), client.getId(), now).isEmpty()) {
            throw Errors.conflict(OPEN_ALREADY);
        }
        AmpElevationEntity entity = Errors.unlessLost(() -> store.request(realm.getId(), requester.getId(), client.getId(),
                token.getSessionId(), reason, minutes * 60L, now), OPEN_ALREADY);
        ElevationRepresentation representation = ElevationEvents.send(session, realm, adminEvent, Action.REQUEST, entity, null);
        new BreakTheGlassMail(session, realm).toReviewers(representation, client, requester.getId());
        return Response.status(Response.Status.CREATED).entity(representation).build();
    }

    /**
     * The applications one may ask break-the-glass for ({@code system} of {@link #request}): those
     * with every permission an elevation grants in this realm, by clientId. Any user of the realm.
     */
    @GET
    @Path("break-the-glass/systems")
    @Produces(MediaType.APPLICATION_JSON)
    public List<SystemRepresentation> systems() {
        user();
        return realm.getClientsStream().filter(client -> ElevationPermissions.eligible(realm, client))
                .map(client -> new SystemRepresentation(client.getClientId(),
                        client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName(),
                        ElevationPermissions.of(realm).stream().map(client::getRole).map(this::granted).toList()))
                .sorted(Comparator.comparing(SystemRepresentation::clientId)).toList();
    }

    private GrantedPermission granted(RoleModel role) {
        return new GrantedPermission(role.getName(), CatalogReader.displayName(role),
                CatalogReader.text(realm, role, PermissionsContract.DESCRIPTION_ON), CatalogReader.text(realm, role, PermissionsContract.DESCRIPTION_OFF));
    }

    /** An application break-the-glass elevates to: its clientId, the name people read, and what an elevation there grants. */
    public record SystemRepresentation(String clientId, String name, List<GrantedPermission> grants) {
    }

    /** A permission an elevation grants, with the seed's texts in full: what it allows ({@code whenOn}) and what is met without it ({@code whenOff}). */
    public record GrantedPermission(String key, String name, String whenOn, String whenOff) {
    }

    /** The caller's own elevations and requests, newest first. */
    @GET
    @Path("mine")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ElevationRepresentation> mine() {
        UserModel requester = user();
        return store.ofUser(realm.getId(), requester.getId()).stream().map(this::representation).toList();
    }

    @GET
    @Path("break-the-glass/pending")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ElevationRepresentation> pending() {
        return reviewable(Kind.BREAK_THE_GLASS, EnumSet.of(Status.PENDING));
    }

    @GET
    @Path("break-the-glass/past")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ElevationRepresentation> past() {
        return reviewable(Kind.BREAK_THE_GLASS, EnumSet.of(Status.DENIED, Status.ACTIVE, Status.ENDED));
    }

    @GET
    @Path("emergency-access")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ElevationRepresentation> emergencyAccesses() {
        return reviewable(Kind.EMERGENCY_ACCESS, EnumSet.of(Status.ACTIVE, Status.ENDED));
    }

    @POST
    @Path("break-the-glass/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ElevationRepresentation approve(@PathParam("id") String id, String body) {
        Review review = review(id, body);
        AmpElevationEntity entity = review.entity();
        UserSessionModel requesterSession = session.sessions().getUserSession(realm, entity.getSessionId());
        if (requesterSession == null) {
            throw Errors.conflict("The requester's session has ended; they sign in and ask again");
        }
        Errors.once(() -> store.approve(entity, review.reviewer().getId(), review.comment(), System.currentTimeMillis()), DECIDED_MEANWHILE);
        ElevationLifecycle.putOnSession(session, realm, requesterSession, entity);
        ElevationRepresentation representation = ElevationEvents.send(session, realm, adminEvent, Action.APPROVE, entity, review.comment());
        new BreakTheGlassMail(session, realm).decision(representation);
        return representation;
    }

    @POST
    @Path("break-the-glass/{id}/deny")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ElevationRepresentation deny(@PathParam("id") String id, String body) {
        Review review = review(id, body);
        Errors.once(() -> store.deny(review.entity(), review.reviewer().getId(), review.comment(), System.currentTimeMillis()), DECIDED_MEANWHILE);
        ElevationRepresentation representation = ElevationEvents.send(session, realm, adminEvent, Action.DENY, review.entity(), review.comment());
        new BreakTheGlassMail(session, realm).decision(representation);
        return representation;
    }

    /**
     * Running elevations of the realm, for the realm's own administrators (a user of the realm who
     * may manage users: realm-management manage-users, which realm-admin includes); the same list
     * the admin surface serves ({@link RunningElevations}).
     */
    @GET
    @Path("active")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ElevationRepresentation> active() {
        realmAdministrator();
        return new RunningElevations(caller).active();
    }

    /** Ends a running elevation now, for the realm's own administrators, as the admin surface does ({@link RunningElevations}). */
    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ElevationRepresentation revoke(@PathParam("id") String id, String body) {
        realmAdministrator();
        return new RunningElevations(caller).revoke(id, body);
    }

    /** The caller, a user of the realm who may manage its users; anyone else 403, before any id is read. */
    private void realmAdministrator() {
        user();
        if (!caller.auth().users().canManage()) {
            throw Errors.forbidden("Running elevations are listed and revoked by the realm's administrators (manage-users)");
        }
    }

    @POST
    @Path("emergency-access/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ElevationRepresentation acknowledge(@PathParam("id") String id, String body) {
        UserModel reviewer = reviewer();
        AmpElevationEntity entity = reviewed(reviewer, id);
        String raw = optionalComment(body);
        String comment = Errors.decide(() -> ElevationPolicy.acknowledge(Kind.valueOf(entity.getKind()), entity.getUserId(), reviewer.getId(),
                entity.getAcknowledgedAt() != null, raw));
        Errors.once(() -> store.acknowledge(entity, reviewer.getId(), comment, System.currentTimeMillis()),
                "The emergency access was acknowledged meanwhile");
        return ElevationEvents.send(session, realm, adminEvent, Action.ACKNOWLEDGE, entity, comment);
    }




    /** An optional body {@code {"comment": "..."}}, at most {@value ElevationPolicy#MAX_COMMENT} characters. */
    static String optionalComment(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        return Errors.decide(() -> JsonBody.parse(body, Set.of("comment")).freeText("comment", ElevationPolicy.MAX_COMMENT));
    }

    private record Review(UserModel reviewer, AmpElevationEntity entity, String comment) {
    }

    private Review review(String id, String body) {
        UserModel reviewer = reviewer();
        AmpElevationEntity entity = reviewed(reviewer, id);
        if (!Kind.BREAK_THE_GLASS.name().equals(entity.getKind())) {
            throw Errors.notFound(NOT_FOUND);
        }
        String raw = Errors.decide(() -> JsonBody.parse(body, Set.of("comment")).freeText("comment", Integer.MAX_VALUE));
        String comment = Errors.decide(() -> ElevationPolicy.review(entity.getUserId(), reviewer.getId(), Status.valueOf(entity.getStatus()), raw));
        return new Review(reviewer, entity, comment);
    }

    /** The caller, who must review elevations on some application of the realm: else 403, before any id is looked at. */
    private UserModel reviewer() {
        UserModel reviewer = user();
        Map<String, Boolean> memo = new HashMap<>();
        boolean reviewsAny = realm.getClientsStream().filter(client -> client.getRole(ElevationPolicy.REVIEW) != null)
                .anyMatch(client -> reviews(reviewer, client.getId(), memo));
        if (!reviewsAny) {
            throw Errors.forbidden(ONLY_REVIEWERS);
        }
        return reviewer;
    }

    /** A record on an application the reviewer reviews; any other, like an unknown id, is 404. */
    private AmpElevationEntity reviewed(UserModel reviewer, String id) {
        return store.find(realm.getId(), id)
                .filter(entity -> reviews(reviewer, entity.getClientId(), new HashMap<>()))
                .orElseThrow(() -> Errors.notFound(NOT_FOUND));
    }

    /** The records of a kind on the applications the caller reviews; 403 to a caller who reviews none of them. */
    private List<ElevationRepresentation> reviewable(Kind kind, Set<Status> statuses) {
        UserModel reviewer = user();
        Map<String, Boolean> reviews = new HashMap<>();
        if (caller.client() != null) {
            reviews(reviewer, caller.client().getId(), reviews);
        }
        List<ElevationRepresentation> visible = store.of(realm.getId(), kind, statuses).stream()
                .filter(entity -> reviews(reviewer, entity.getClientId(), reviews))
                .map(this::representation).toList();
        if (!reviews.containsValue(true)) {
            reviewer();
        }
        return visible;
    }

    private boolean reviews(UserModel reviewer, String clientUuid, Map<String, Boolean> memo) {
        return memo.computeIfAbsent(clientUuid, id -> {
            ClientModel client = realm.getClientById(id);
            return client != null && PermissionResolver.effective(session, reviewer, client).contains(ElevationPolicy.REVIEW);
        });
    }

    private UserModel user() {
        return caller.realmUser("elevations are asked for and reviewed by its users");
    }


    private ElevationRepresentation representation(AmpElevationEntity entity) {
        return ElevationEvents.representation(session, realm, entity);
    }

}
