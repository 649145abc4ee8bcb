package io.amp.keycloak.e2e;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo data of DESIGN section 6 and the seed tables, transcribed here by hand so that the
 * suite checks the realm files against the seeds rather than against themselves.
 */
public final class DemoData {

    private DemoData() {
    }

    public record DemoUser(String realm, String client, String username) {
        @Override
        public String toString() {
            return realm + "/" + username;
        }
    }

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("workforce", "drchrono", "sam.sales"),
            new DemoUser("workforce", "drchrono", "carla.cx"),
            new DemoUser("workforce", "drchrono", "ivan.impl"),
            new DemoUser("workforce", "drchrono-staging", "dev.dana"),
            new DemoUser("workforce", "drchrono", "mia.manager"),
            new DemoUser("workforce", "drchrono", "realm.admin"),
            new DemoUser("practice", "ehr", "dr.sun.all"),
            new DemoUser("practice", "ehr", "dr.sun.own"),
            new DemoUser("practice", "ehr", "st.sun.all"),
            new DemoUser("practice", "ehr", "st.sun.own"),
            new DemoUser("practice", "ehr", "dr.har.all"),
            new DemoUser("practice", "ehr", "dr.har.own"),
            new DemoUser("practice", "ehr", "st.har.all"),
            new DemoUser("practice", "ehr", "st.har.own"),
            new DemoUser("practice", "ehr", "st.sun.settings"),
            new DemoUser("practice", "ehr", "erin.er"),
            new DemoUser("practice", "ehr", "rita.review"),
            new DemoUser("practice", "ehr", "realm.admin"),
            new DemoUser("portal", "portal", "alice.admin"),
            new DemoUser("portal", "portal", "dan.dept"),
            new DemoUser("portal", "portal", "vera.viewer"),
            new DemoUser("portal", "portal", "carl.consultant"),
            new DemoUser("portal", "portal", "bea.btt"),
            new DemoUser("portal", "portal", "nina.nogrant"),
            new DemoUser("portal", "portal", "realm.admin"));

    /** Seed 000: each department role and the permissions it grants, keys per DESIGN section 5. */
    public static final Map<String, Set<String>> DEPARTMENT_ROLES = Map.ofEntries(
            Map.entry("sales-user", Set.of("sword-tools", "account-receivables-access")),
            Map.entry("sales-admin", Set.of("sword-tools", "view-escalations-dashboard", "unsuspend-account", "account-receivables-access")),
            Map.entry("accounting-finance", Set.of("sword-tools")),
            Map.entry("business-development", Set.of("sword-tools", "bizdev-permissions", "api-access")),
            Map.entry("cs-cx-user", Set.of("sword-tools")),
            Map.entry("cs-cx-admin", Set.of("sword-tools", "biller-btg")),
            Map.entry("analytics-user", Set.of("sword-tools")),
            Map.entry("analytics-admin", Set.of("sword-tools")),
            Map.entry("data-migrations-user", Set.of("sword-tools", "modify-staff-in-btg")),
            Map.entry("developer-user", Set.of("sword-tools", "view-escalations-dashboard", "bizdev-permissions")),
            Map.entry("developer-admin", Set.of("sword-tools", "view-escalations-dashboard", "bizdev-permissions")),
            Map.entry("implementation-user", Set.of("sword-tools")),
            Map.entry("implementation-admin", Set.of("sword-tools", "view-escalations-dashboard", "account-receivables-access")),
            Map.entry("operations", Set.of("sword-tools")),
            Map.entry("rcm-user", Set.of("sword-tools")),
            Map.entry("rcm-admin", Set.of("sword-tools", "biller-btg", "view-escalations-dashboard")),
            Map.entry("btg-drc", Set.of("break-the-glass")));

    public static final Set<String> WORKFORCE_PERMISSIONS = Set.of("sword-tools", "account-receivables-access",
            "view-escalations-dashboard", "unsuspend-account", "bizdev-permissions", "api-access", "biller-btg",
            "modify-staff-in-btg", "break-the-glass");

    /**
     * Seed 001, every permission heading in the order the seed lists them, with the key the claim
     * contract gives it. "Access Patient Statements" appears twice in the seed, and so here.
     */
    public static final List<Map.Entry<String, String>> PRACTICE_PERMISSION_HEADINGS = List.of(
            Map.entry("Access All Messages for Practice Group", "access-all-messages-for-practice-group"),
            Map.entry("Access Balance/Ledger", "access-balance-ledger"),
            Map.entry("Access Billing", "access-billing"),
            Map.entry("Access Clinical Notes", "access-clinical-notes"),
            Map.entry("Access Institutional Billing", "access-institutional-billing"),
            Map.entry("Access Patient Analytics", "access-patient-analytics"),
            Map.entry("Access Patient Payments", "access-patient-payments"),
            Map.entry("Access Patient Statements", "access-patient-statements"),
            Map.entry("Access RecordSync", "access-recordsync"),
            Map.entry("Access Reports", "access-reports"),
            Map.entry("Access Scheduling", "access-scheduling"),
            Map.entry("Access to eRx", "access-to-erx"),
            Map.entry("Access to Message Center", "access-to-message-center"),
            Map.entry("Access Patient Statements", "access-patient-statements"),
            Map.entry("Add New Referring Sources", "add-new-referring-sources"),
            Map.entry("Appointment Provider Selection", "appointment-provider-selection"),
            Map.entry("Archive Signed Consent Forms", "archive-signed-consent-forms"),
            Map.entry("Billing Administrator", "billing-administrator"),
            Map.entry("Break the Glass Review", "break-the-glass-review"),
            Map.entry("Bulk Patient EHI Export", "bulk-patient-ehi-export"),
            Map.entry("Configure Decision Support Intervention", "configure-decision-support-intervention"),
            Map.entry("Create and Update Contacts", "create-and-update-contacts"),
            Map.entry("Create and Update Patients", "create-and-update-patients"),
            Map.entry("Disable Send to All Patients Option", "disable-send-to-all-patients-option"),
            Map.entry("Drug Interactions Check", "drug-interactions-check"),
            Map.entry("Emergency Access", "emergency-access"),
            Map.entry("ePS Enrollment (Edit)", "eps-enrollment-edit"),
            Map.entry("ePS Enrollment (Read Only)", "eps-enrollment-read-only"),
            Map.entry("Export Patients", "export-patients"),
            Map.entry("Manage Accounts", "manage-accounts"),
            Map.entry("Manage App Directory", "manage-app-directory"),
            Map.entry("Manage Permissions", "manage-permissions"),
            Map.entry("Manage Templates", "manage-templates"),
            Map.entry("MIPS Decision Support Intervention", "mips-decision-support-intervention"),
            Map.entry("Practice Patient Chart Header Settings", "practice-patient-chart-header-settings"),
            Map.entry("Practice Patient Chart Sidebar Nav Settings", "practice-patient-chart-sidebar-nav-settings"),
            Map.entry("Provider Dropdown", "provider-dropdown"),
            Map.entry("SAML SSO Admin Dashboard", "saml-sso-admin-dashboard"),
            Map.entry("Settings", "settings"),
            Map.entry("Account Settings", "account-settings"),
            Map.entry("Custom Field Settings", "custom-field-settings"),
            Map.entry("Office Settings", "office-settings"),
            Map.entry("OnPatient Settings", "onpatient-settings"),
            Map.entry("Share Patients", "share-patients"),
            Map.entry("Show Billing Summary", "show-billing-summary"),
            Map.entry("Show Billing Tab", "show-billing-tab"),
            Map.entry("Show Patient Balance", "show-patient-balance"),
            Map.entry("Sign/Lock Clinical Notes", "sign-lock-clinical-notes"),
            Map.entry("Single Patient EHI Export", "single-patient-ehi-export"),
            Map.entry("Use iPad EHR", "use-ipad-ehr"),
            Map.entry("User Patient Chart Header Settings", "user-patient-chart-header-settings"),
            Map.entry("User Patient Chart Sidebar Nav Settings", "user-patient-chart-sidebar-nav-settings"),
            Map.entry("View Practice Group", "view-practice-group"));
}
