package io.amp.keycloak.permissions;

/**
 * The names the permissions share with a realm's configuration and with the other features, in one
 * place: attributes of catalog roles, of practice groups and of users, what other features write for
 * the token side (a user attribute, a session note), and the default claim names. A realm configured
 * with these names depends on them: each is renamed here or nowhere.
 */
public final class PermissionsContract {

    /** Client role attribute: what a role of a catalog is, {@value #KIND_PERMISSION} or {@value #KIND_DEPARTMENT_ROLE}. */
    public static final String KIND = "kind";
    /** A permission of the catalog. */
    public static final String KIND_PERMISSION = "permission";
    /** A department role: a composite of permissions, asked for through access requests. */
    public static final String KIND_DEPARTMENT_ROLE = "department-role";
    /** Attribute of a department role: the key of the department it is for. */
    public static final String DEPARTMENT = "department";
    /** Attribute of a department role open to every department: {@code true}. */
    public static final String ALL_DEPARTMENTS = "all-departments";
    /** Attribute of a catalog role: the name people read (the seed's name); the key when absent. */
    public static final String DISPLAY_NAME = "display-name";
    /**
     * Attributes of a permission role: what it lets a user do when turned on, and what they meet when
     * it is off (seed 001's texts). A text longer than a role attribute keeps is the realm's
     * localization text named as {@code ${key}}.
     */
    public static final String DESCRIPTION_ON = "description-on";
    public static final String DESCRIPTION_OFF = "description-off";
    /**
     * Realm attribute: the permission keys an emergency access or an approved break-the-glass request
     * grants, comma-separated; absent or blank, Create and Update Patients, Access Scheduling and
     * Access Clinical Notes ({@code ElevationPolicy.ELEVATED}).
     */
    public static final String ELEVATION_PERMISSIONS = "amp.elevation.permissions";
    /** The top-level group whose subgroups are practice groups. */
    public static final String PRACTICE_GROUPS = "practice-groups";
    /** Practice group attribute: {@code true} when its members share messages. */
    public static final String SHARE_COMMUNICATIONS = "share-communications";
    /** User attribute: {@code staff} or {@code provider}. */
    public static final String USER_TYPE = "user-type";
    /** Staff user attribute: the username of their primary provider. */
    public static final String PRIMARY_PROVIDER = "primary-provider";
    /** User attribute written by approved access requests: when a role stops counting ({@link RoleExpiry}). */
    public static final String ROLE_EXPIRY = "amp.role-expiry";
    /** User session note written by emergency access and break-the-glass: the running elevation ({@link SessionElevation}). */
    public static final String ELEVATION_NOTE = "amp.elevation";
    /** Key prefix in Keycloak's single-use store: an elevation ended before its planned end. */
    public static final String ELEVATION_ENDED = "amp.elevation.ended/";
    /** Default claim of the effective permissions. */
    public static final String PERMISSIONS_CLAIM = "permissions";
    /** Default claim of the effective permissions of each other AMP client in a token's audience, keyed by client id. */
    public static final String AUDIENCE_PERMISSIONS_CLAIM = "audience_permissions";
    /** Default claim of the message and provider scope. */
    public static final String ACCESS_SCOPE_CLAIM = "access_scope";
    /** Default claim of the running elevation. */
    public static final String ELEVATION_CLAIM = "elevation";

    private PermissionsContract() {
    }
}
