package io.amp.keycloak.rules.scope;

import java.util.Locale;

/**
 * Whose messages and tasks a user sees in the Message Center, and whose unread count they see,
 * exactly as the table of seed 001 ("Access All Messages for Practice Group") decides:
 * <ul>
 * <li>practice-group setting on and the user's permission on: all messages of the practice group;</li>
 * <li>otherwise a provider sees their own and assigned ones, a staff member also their primary
 *     provider's, whatever the setting;</li>
 * <li>a staff member's unread count is tied to their primary provider's access: if the primary
 *     provider sees all messages and the staff member does not, the count is still all.</li>
 * </ul>
 * Without Access to Message Center there is nothing to see.
 */
public enum MessageVisibility {
    ALL,
    OWN_ASSIGNED,
    OWN_ASSIGNED_PRIMARY,
    NONE;

    public enum UserType { PROVIDER, STAFF }

    /** The facts about one user that the table reads. */
    public record Subject(UserType type, boolean practiceGroupShares, boolean accessAllMessages, boolean messageCenter) {
    }

    public record Decision(MessageVisibility visibility, MessageVisibility unreadCount) {
    }

    public static MessageVisibility of(Subject subject) {
        if (!subject.messageCenter()) {
            return NONE;
        }
        if (subject.practiceGroupShares() && subject.accessAllMessages()) {
            return ALL;
        }
        return subject.type() == UserType.STAFF ? OWN_ASSIGNED_PRIMARY : OWN_ASSIGNED;
    }

    /**
     * @param primaryProvider the staff member's primary provider, or null for a provider or when
     *                        none is set
     */
    public static Decision decide(Subject subject, Subject primaryProvider) {
        MessageVisibility visibility = of(subject);
        MessageVisibility count = visibility;
        if (subject.type() == UserType.STAFF && visibility == OWN_ASSIGNED_PRIMARY
                && primaryProvider != null && of(primaryProvider) == ALL) {
            count = ALL;
        }
        return new Decision(visibility, count);
    }

    /** The value in the token: lower-case snake form, e.g. {@code own_assigned_primary}. */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
