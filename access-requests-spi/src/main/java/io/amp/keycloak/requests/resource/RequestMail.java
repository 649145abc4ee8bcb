package io.amp.keycloak.requests.resource;

import io.amp.keycloak.common.mail.AmpMail;
import io.amp.keycloak.requests.RequestsContract;
import io.amp.keycloak.requests.resource.Representations.RequestRepresentation;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mails of the AMP process, through Keycloak's e-mail sender and the realm's e-mail theme
 * (templates amp-access-request and amp-access-decision in the amp theme): approvers hear of a
 * new request, the requester and the user it is for hear of its decision ({@link AmpMail}).
 */
final class RequestMail {

    private final KeycloakSession session;
    private final RealmModel realm;

    RequestMail(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void toApprovers(RequestRepresentation request) {
        RoleModel approver = realm.getRole(RequestsContract.APPROVER_ROLE);
        if (approver == null) {
            return;
        }
        session.users().getRoleMembersStream(realm, approver)
                .filter(user -> !user.getUsername().equals(request.requester()) && !user.getUsername().equals(request.subject()))
                .forEach(user -> send(user, "ampAccessRequestSubject", List.of(request.requester(), request.subject()),
                        "amp-access-request.ftl", request));
    }

    void decision(RequestRepresentation request) {
        for (String username : request.requester().equals(request.subject()) ? List.of(request.requester())
                : List.of(request.requester(), request.subject())) {
            UserModel user = session.users().getUserByUsername(realm, username);
            if (user != null) {
                send(user, "ampAccessDecisionSubject", List.of(request.status()), "amp-access-decision.ftl", request);
            }
        }
    }

    private void send(UserModel recipient, String subjectKey, List<Object> subjectAttributes, String template,
                      RequestRepresentation request) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("requester", request.requester());
        attributes.put("subject", request.subject());
        attributes.put("system", request.system());
        attributes.put("roles", String.join(", ", request.roles()));
        attributes.put("department", request.department());
        attributes.put("justification", request.justification());
        attributes.put("status", request.status());
        attributes.put("decidedBy", request.decidedBy() == null ? "" : request.decidedBy());
        attributes.put("reason", request.decisionReason() == null ? "" : request.decisionReason());
        AmpMail.send(session, realm, recipient, subjectKey, subjectAttributes, template, attributes, "access request " + request.id());
    }
}
