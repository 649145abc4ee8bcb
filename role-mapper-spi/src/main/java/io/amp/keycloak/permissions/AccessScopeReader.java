package io.amp.keycloak.permissions;

import io.amp.keycloak.common.protocol.PerRequest;
import io.amp.keycloak.rules.scope.MessageVisibility;
import io.amp.keycloak.rules.scope.MessageVisibility.Decision;
import io.amp.keycloak.rules.scope.MessageVisibility.Subject;
import io.amp.keycloak.rules.scope.MessageVisibility.UserType;
import io.amp.keycloak.rules.scope.ProviderScope;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers what the scoped permissions of seed 001 depend on, from where the demo realms and the
 * README put it: the practice group (a subgroup of the top-level group {@value #PermissionsContract.PRACTICE_GROUPS})
 * and its {@value #PermissionsContract.SHARE_COMMUNICATIONS} setting, the user attributes {@value #PermissionsContract.USER_TYPE}
 * ({@code provider} or {@code staff}) and {@value #PermissionsContract.PRIMARY_PROVIDER} (the primary provider's
 * username), and the effective permissions of the user and of their primary provider.
 */
public final class AccessScopeReader {

    static final String ACCESS_ALL_MESSAGES = "access-all-messages-for-practice-group";
    static final String MESSAGE_CENTER = "access-to-message-center";

    private AccessScopeReader() {
    }

    /** The claim's value; once per request (the access token and the ID token of one response ask alike). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> claim(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client) {
        return PerRequest.get(session, "amp.access-scope/" + user.getId() + "/" + client.getId(), Map.class,
                () -> resolve(session, realm, user, client));
    }

    private static Map<String, Object> resolve(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client) {
        Set<String> effective = new HashSet<>(PermissionResolver.effective(session, user, client));
        UserType type = userType(user);
        Optional<GroupModel> practiceGroup = practiceGroup(user);
        Optional<UserModel> primaryProvider = type == UserType.STAFF ? primaryProvider(session, realm, user) : Optional.empty();

        Decision messages = MessageVisibility.decide(subject(type, practiceGroup, effective),
                primaryProvider.map(provider -> subject(UserType.PROVIDER, practiceGroup(provider),
                        new HashSet<>(PermissionResolver.effective(session, provider, client)))).orElse(null));

        Map<String, Object> claim = new LinkedHashMap<>();
        practiceGroup.ifPresent(group -> claim.put(ProviderScope.PRACTICE_GROUP, group.getName()));
        claim.put("user_type", type.name().toLowerCase(Locale.ROOT));
        primaryProvider.ifPresent(provider -> claim.put(ProviderScope.PRIMARY_PROVIDER,
                Map.of("id", provider.getId(), "username", provider.getUsername())));
        claim.put("messages", Map.of("visibility", messages.visibility().claimValue(),
                "unread_count", messages.unreadCount().claimValue()));
        claim.put("providers", ProviderScope.of(effective));
        return claim;
    }

    private static Subject subject(UserType type, Optional<GroupModel> practiceGroup, Set<String> effective) {
        boolean shares = practiceGroup.map(group -> "true".equalsIgnoreCase(group.getFirstAttribute(PermissionsContract.SHARE_COMMUNICATIONS)))
                .orElse(false);
        return new Subject(type, shares, effective.contains(ACCESS_ALL_MESSAGES), effective.contains(MESSAGE_CENTER));
    }

    /** Anyone not marked staff is treated as a provider: they see no other provider's messages. */
    private static UserType userType(UserModel user) {
        return "staff".equalsIgnoreCase(user.getFirstAttribute(PermissionsContract.USER_TYPE)) ? UserType.STAFF : UserType.PROVIDER;
    }

    /** The user's practice group; should they be in several, the first by name, so the answer is stable. */
    private static Optional<GroupModel> practiceGroup(UserModel user) {
        return user.getGroupsStream()
                .filter(group -> group.getParent() != null && group.getParent().getParentId() == null
                        && PermissionsContract.PRACTICE_GROUPS.equals(group.getParent().getName()))
                .min(Comparator.comparing(GroupModel::getName));
    }

    private static Optional<UserModel> primaryProvider(KeycloakSession session, RealmModel realm, UserModel staff) {
        String username = staff.getFirstAttribute(PermissionsContract.PRIMARY_PROVIDER);
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(session.users().getUserByUsername(realm, username.trim()))
                .filter(provider -> !provider.getId().equals(staff.getId()));
    }
}
