package io.amp.keycloak.elevation;

/**
 * The names emergency access and break-the-glass share with Keycloak's configuration and the login
 * theme, in one place: the session note of a staged emergency access, the login form's fields, the
 * authenticator step's setting, the realm's default duration, and the admin event resource type.
 * The theme's templates and the realms' flows depend on them: each is renamed here or nowhere.
 */
public final class ElevationContract {

    /** An emergency access chosen at login, waiting for the login to complete: {@code seconds|clientId|reason}. */
    public static final String STAGED_NOTE = "amp.elevation.staged";
    /** Resource type of the admin events of elevations. */
    public static final String RESOURCE_TYPE = "AMP_ELEVATION";
    /** The login page's checkbox. */
    public static final String FORM_CHOICE = "amp_emergency_access";
    /** The reason, on the login page and on the follow-up page. */
    public static final String FORM_REASON = "amp_emergency_reason";
    /** The follow-up page's buttons: {@code start} or {@code skip}. */
    public static final String FORM_DECISION = "amp_emergency_decision";
    /** Setting of the emergency-access step: how long an emergency access lasts, in seconds. */
    public static final String DURATION_SECONDS = "duration.seconds";
    /** Realm attribute: how long an emergency access lasts, in seconds, where the step sets no {@value #DURATION_SECONDS}. */
    public static final String REALM_DURATION_SECONDS = "amp.elevation.emergency-seconds";

    private ElevationContract() {
    }
}
