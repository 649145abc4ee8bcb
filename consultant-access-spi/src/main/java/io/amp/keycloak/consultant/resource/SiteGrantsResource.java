package io.amp.keycloak.consultant.resource;

import io.amp.keycloak.common.rest.Caller;
import io.amp.keycloak.common.rest.Errors;
import io.amp.keycloak.consultant.config.ConsultantContract;
import io.amp.keycloak.consultant.jpa.AmpSiteEntity;
import io.amp.keycloak.consultant.jpa.SiteStore;
import io.amp.keycloak.consultant.resource.Representations.Grant;
import io.amp.keycloak.rules.consultant.Reach;
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
import org.keycloak.events.admin.OperationType;
import org.keycloak.services.ErrorResponseException;

import java.util.List;

/**
 * {@code .../sites/{siteKey}/grants} on both surfaces ({@code /admin/realms/{realm}/amp-consultant-access} for
 * realm administrators, {@code /realms/{realm}/amp/consultant-access} for customers' admins): which consultants
 * (a consultant group, or one consultant by email) may use a site. Whoever sees the site lists its grants; its
 * Account Admins, its department's Department Admins, realm managers and the consultants granted the site change them. The locator has looked up
 * the site (a site the caller does not see is a 404, as an unknown one is); changes then check the right to grant.
 */
final class SiteGrantsResource {


    private final Caller caller;
    private final ConsultantLookups lookups;
    private final Reach reach;
    private final AmpSiteEntity site;

    SiteGrantsResource(Caller caller, ConsultantLookups lookups, Reach reach, AmpSiteEntity site) {
        this.caller = caller;
        this.lookups = lookups;
        this.reach = reach;
        this.site = site;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Grant> grants() {
        return lookups.store().grants(site.getId()).stream().map(grant -> lookups.grant(site, grant)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response grant(String body) {
        requireGrantable();
        Requests.NewGrant request = Errors.decide(() -> Requests.newGrant(body));
        String subjectType;
        String subjectId;
        if (request.group() != null) {
            subjectType = SiteStore.SUBJECT_GROUP;
            subjectId = lookups.consultantGroup(request.group()).getId();
        } else {
            subjectType = SiteStore.SUBJECT_USER;
            subjectId = lookups.consultant(request.email()).getId();
        }
        if (lookups.store().grantFor(site.getId(), subjectType, subjectId).isPresent()) {
            throw Errors.conflict("This site is already granted to " + (request.group() != null ? "that group" : "that consultant")
                    + "; toggle or remove the existing grant");
        }
        Grant grant = lookups.grant(site, Errors.unlessLost(() -> lookups.store().createGrant(site.getId(), subjectType, subjectId,
                request.enabled(), caller.publicName()),
                "This site was granted to the same " + (request.group() != null ? "group" : "consultant") + " meanwhile"));
        caller.event(OperationType.CREATE, ConsultantContract.GRANT_RESOURCE, grant, "sites", site.getSiteKey(), "grants", grant.id());
        return Response.status(Response.Status.CREATED).entity(grant).build();
    }

    @PUT
    @Path("{grantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Grant toggle(@PathParam("grantId") String grantId, String body) {
        requireGrantable();
        boolean enabled = Errors.decide(() -> Requests.toggle(body));
        Grant grant = lookups.grant(site, Errors.unlessLost(() -> lookups.store().setEnabled(site.getId(), grantId, enabled),
                "The grant changed meanwhile").orElseThrow(SiteGrantsResource::grantNotFound));
        caller.event(OperationType.UPDATE, ConsultantContract.GRANT_RESOURCE, grant, "sites", site.getSiteKey(), "grants", grant.id());
        return grant;
    }

    @DELETE
    @Path("{grantId}")
    public Response removeGrant(@PathParam("grantId") String grantId) {
        requireGrantable();
        Grant grant = lookups.grant(site, lookups.store().grant(site.getId(), grantId).orElseThrow(SiteGrantsResource::grantNotFound));
        if (!Errors.unlessLost(() -> lookups.store().removeGrant(site.getId(), grantId), "The grant changed meanwhile")) {
            throw grantNotFound();
        }
        caller.event(OperationType.DELETE, ConsultantContract.GRANT_RESOURCE, grant, "sites", site.getSiteKey(), "grants", grant.id());
        return Response.noContent().build();
    }

    /** Changing grants needs more than seeing the site (a realm admin who may only view sees it): a 403 before the body is read. */
    private void requireGrantable() {
        if (!reach.mayGrant(site.getOrganizationId(), site.getDepartmentId(), site.getSiteKey())) {
            throw Errors.forbidden("You may view this site's grants but not change them");
        }
    }

    private static ErrorResponseException grantNotFound() {
        return Errors.notFound("Grant not found on this site");
    }
}
