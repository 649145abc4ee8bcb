package io.amp.keycloak.requests;

/**
 * The names access requests share with a realm's configuration, in one place: the approver role and
 * its attribute, the realm attribute of organizations, the department groups, and the admin event
 * resource type. A realm configured with these names depends on them: each is renamed here or nowhere.
 */
public final class RequestsContract {

    /** Realm role of those who decide access requests. */
    public static final String APPROVER_ROLE = "access-approver";
    /** User attribute of an approver: the department keys they decide for; none means every department. */
    public static final String APPROVER_DEPARTMENTS = "amp.approver-departments";
    /** Realm attribute: the organizations a request may name, comma-separated. */
    public static final String ORGANIZATIONS = "amp.organizations";
    /** The top-level group whose subgroups are the departments, by key. */
    public static final String DEPARTMENTS = "departments";
    /** Attribute of a department group: the department's name as people read it; the key when absent. */
    public static final String DEPARTMENT_NAME = "display-name";
    /** Resource type of the admin events of access requests. */
    public static final String RESOURCE_TYPE = "AMP_ACCESS_REQUEST";

    private RequestsContract() {
    }
}
