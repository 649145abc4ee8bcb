package io.amp.keycloak.client.resource;

import io.amp.keycloak.client.representation.ConsultantGroup;
import io.amp.keycloak.client.representation.Email;
import io.amp.keycloak.client.representation.GroupMember;
import io.amp.keycloak.client.representation.Name;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Consultant groups (seed 002: "you can create or edit Consultant Groups"): created by Account
 * Admins, Department Admins, consultants holding a site and realm managers; renamed and given or
 * relieved of members by whoever changes the grants of every site the group reaches.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface ConsultantGroupsResource {

    /** The consultant groups the caller sees, by path. */
    @GET
    List<ConsultantGroup> list();

    /** Creates a group below the consultant-groups parent; answers it (201). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    ConsultantGroup create(Name name);

    @PUT
    @Path("{groupId}")
    @Consumes(MediaType.APPLICATION_JSON)
    ConsultantGroup rename(@PathParam("groupId") String groupId, Name name);

    /** The group's direct members. */
    @GET
    @Path("{groupId}/members")
    List<GroupMember> members(@PathParam("groupId") String groupId);

    /** Adds a consultant by exact email; answers the member (201). */
    @POST
    @Path("{groupId}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    GroupMember addMember(@PathParam("groupId") String groupId, Email consultant);

    @DELETE
    @Path("{groupId}/members/{userId}")
    void removeMember(@PathParam("groupId") String groupId, @PathParam("userId") String userId);
}
