package io.amp.keycloak.requests.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amp.keycloak.permissions.RoleExpiry;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.RoleRepresentation;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client role an administrator maps to a user through Keycloak's own admin API is meant for
 * good: an end an approved access request had put on it is taken off, so that the clean-up of
 * ended assignments never removes what the administrator granted. Keycloak announces the mapping
 * as an admin event (CREATE of a client role mapping) in the same transaction.
 */
final class AdminGrantListener implements EventListenerProvider {

    /** The path of the event as the caller sent it: Keycloak accepts, and records, trailing slashes. */
    private static final Pattern USER_CLIENT_MAPPING = Pattern.compile("/*users/([^/]+)/role-mappings/clients/([^/]+)/*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;

    AdminGrantListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getOperationType() != OperationType.CREATE || event.getResourceType() != ResourceType.CLIENT_ROLE_MAPPING
                || event.getResourcePath() == null || event.getRepresentation() == null) {
            return;
        }
        Matcher path = USER_CLIENT_MAPPING.matcher(event.getResourcePath());
        RealmModel realm = path.matches() ? session.realms().getRealm(event.getRealmId()) : null;
        UserModel user = realm == null ? null : session.users().getUserById(realm, path.group(1));
        ClientModel client = realm == null ? null : realm.getClientById(path.group(2));
        if (user == null || client == null) {
            return;
        }
        Map<String, Long> ends = RoleExpiry.of(user);
        for (RoleRepresentation granted : roles(event.getRepresentation())) {
            RoleModel role = granted.getName() == null ? null : client.getRole(granted.getName());
            if (role != null && RoleExpiry.hasEnd(ends, role)) {
                RoleExpiry.set(user, role, null);
            }
        }
    }

    private static List<RoleRepresentation> roles(String representation) {
        try {
            return JSON.readValue(representation, new TypeReference<List<RoleRepresentation>>() { });
        } catch (IOException | IllegalArgumentException unreadable) {
            return List.of();
        }
    }

    @Override
    public void onEvent(Event event) {
    }

    @Override
    public void close() {
    }
}
