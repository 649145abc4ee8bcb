package io.amp.keycloak.elevation.resource;

import io.amp.keycloak.common.mail.AmpMail;
import io.amp.keycloak.elevation.ElevationRepresentation;
import io.amp.keycloak.permissions.PermissionResolver;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The mails of break-the-glass (templates amp-break-the-glass-request and
 * amp-break-the-glass-decision of the amp e-mail theme): reviewers hear of a new request at once,
 * the requester hears of the decision. Reviewers are the users who hold Break the Glass Review on
 * the application directly, through a role that contains it, or through a group holding such a
 * role, and whose effective permissions include it; never the requester.
 */
final class BreakTheGlassMail {

    private final KeycloakSession session;
    private final RealmModel realm;

    BreakTheGlassMail(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void toReviewers(ElevationRepresentation request, ClientModel client, String requesterId) {
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            return;
        }
        reviewers(client).filter(user -> !user.getId().equals(requesterId))
                .forEach(user -> AmpMail.send(session, realm, user, "ampBreakTheGlassRequestSubject", List.of(request.user()),
                        "amp-break-the-glass-request.ftl", attributes(request), "break-the-glass request " + request.id()));
    }

    void decision(ElevationRepresentation request) {
        UserModel requester = session.users().getUserByUsername(realm, request.user());
        if (requester != null) {
            AmpMail.send(session, realm, requester, "ampBreakTheGlassDecisionSubject", List.of(outcome(request)),
                    "amp-break-the-glass-decision.ftl", attributes(request), "break-the-glass request " + request.id());
        }
    }

    private Stream<UserModel> reviewers(ClientModel client) {
        RoleModel review = client.getRole(ElevationPolicy.REVIEW);
        if (review == null) {
            return Stream.empty();
        }
        Set<RoleModel> granting = Stream.concat(Stream.of(review), client.getRolesStream().filter(role -> role.hasRole(review)))
                .collect(Collectors.toSet());
        Stream<UserModel> direct = granting.stream().flatMap(role -> session.users().getRoleMembersStream(realm, role));
        Stream<UserModel> throughGroups = session.groups().getGroupsStream(realm)
                .filter(group -> granting.stream().anyMatch(group::hasDirectRole))
                .flatMap(group -> session.users().getGroupMembersStream(realm, group));
        Map<String, UserModel> unique = new LinkedHashMap<>();
        Stream.concat(direct, throughGroups).forEach(user -> unique.putIfAbsent(user.getId(), user));
        return unique.values().stream()
                .filter(user -> PermissionResolver.effective(session, user, client).contains(ElevationPolicy.REVIEW));
    }

    /** What the requester reads: approved (whatever the elevation's state by now) or denied. */
    private static String outcome(ElevationRepresentation request) {
        return "denied".equals(request.status()) ? "denied" : "approved";
    }

    private static Map<String, Object> attributes(ElevationRepresentation request) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("requester", request.user());
        attributes.put("system", request.system());
        attributes.put("reason", request.reason());
        attributes.put("minutes", Long.toString(request.durationSeconds() / 60));
        attributes.put("status", outcome(request));
        attributes.put("reviewer", request.reviewer() == null ? "" : request.reviewer());
        attributes.put("comment", request.reviewComment() == null ? "" : request.reviewComment());
        return attributes;
    }
}
