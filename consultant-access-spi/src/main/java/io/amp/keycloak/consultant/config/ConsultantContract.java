package io.amp.keycloak.consultant.config;

/**
 * The names consultant access shares with a realm's configuration, in one place: realm and
 * organization attributes, the sites mapper's setting and claim, and the admin event resource
 * types. A realm configured with these names depends on them: each is renamed here or nowhere.
 */
public final class ConsultantContract {

    /** The level at and above which a user is a consultant; default 80. */
    public static final String THRESHOLD = "amp.consultant-threshold";
    /** The top-level group whose subgroups are consultant groups; default {@code consultant-groups}. */
    public static final String GROUPS_PARENT = "amp.consultant-groups";
    /** The consultant groups' parent when {@value #GROUPS_PARENT} is not set. */
    public static final String DEFAULT_GROUPS_PARENT = "consultant-groups";
    /** Realm attribute: sites and grants to take in with a realm import, as JSON. */
    public static final String SITES_IMPORT = "amp.sites.import";
    /** Organization attribute holding the account's current contract, maintained by realm admins. */
    public static final String ACCOUNT_CONTRACT = "amp.contract";
    /** Admin event resource type of an account user. */
    public static final String USER_RESOURCE = "AMP_ACCOUNT_USER";
    /** Admin event resource type of a department. */
    public static final String DEPARTMENT_RESOURCE = "AMP_DEPARTMENT";
    /** Admin event resource type of a site. */
    public static final String SITE_RESOURCE = "AMP_SITE";
    /** Admin event resource type of a site grant. */
    public static final String GRANT_RESOURCE = "AMP_SITE_GRANT";
    /** Admin event resource type of a consultant group. */
    public static final String CONSULTANT_GROUP_RESOURCE = "AMP_CONSULTANT_GROUP";
    /** Admin event resource type of a consultant group's member. */
    public static final String CONSULTANT_GROUP_MEMBER_RESOURCE = "AMP_CONSULTANT_GROUP_MEMBER";
    /** Default claim of the sites a user may access. */
    public static final String SITES_CLAIM = "sites";
    /** Setting of the sites mapper: past this many sites the claim becomes an overflow marker. */
    public static final String MAX_SITES = "max.sites";
    /** Realm attribute: the maximum of every sites mapper of the realm, in place of their own {@value #MAX_SITES}. */
    public static final String REALM_MAX_SITES = "amp.sites.max";
    /** The most sites a token may list, realm-wide or per mapper. */
    public static final int MAX_SITES_LIMIT = 10_000;

    private ConsultantContract() {
    }
}
