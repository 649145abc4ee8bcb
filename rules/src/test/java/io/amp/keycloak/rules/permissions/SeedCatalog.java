package io.amp.keycloak.rules.permissions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Seed 001's catalog with the rules the seed states, transcribed for the unit tests:
 * <ul>
 * <li>Account, Custom Field, Office and OnPatient Settings: "Required: Settings permissions turned on".</li>
 * <li>ePS Enrollment (Edit) lets you "see, modify, submit": it includes Read Only.</li>
 * <li>Bulk Patient EHI Export exports "for all patients ... or for one patient": it includes Single Patient.</li>
 * <li>Access Patient Payments "is denied when Access Billing and Access Patient Payments are turned off":
 *     Access Billing implies it.</li>
 * <li>Disable Send to All Patients Option is inverted.</li>
 * </ul>
 */
public final class SeedCatalog {

    static final List<String> PLAIN = List.of(
            "access-all-messages-for-practice-group", "access-balance-ledger", "access-clinical-notes",
            "access-institutional-billing", "access-patient-analytics", "access-patient-payments",
            "access-patient-statements", "access-recordsync", "access-reports", "access-scheduling", "access-to-erx",
            "access-to-message-center", "add-new-referring-sources", "appointment-provider-selection",
            "archive-signed-consent-forms", "billing-administrator", "break-the-glass-review",
            "configure-decision-support-intervention", "create-and-update-contacts", "create-and-update-patients",
            "drug-interactions-check", "emergency-access", "eps-enrollment-read-only", "export-patients",
            "manage-accounts", "manage-app-directory", "manage-permissions", "manage-templates",
            "mips-decision-support-intervention", "practice-patient-chart-header-settings",
            "practice-patient-chart-sidebar-nav-settings", "provider-dropdown", "saml-sso-admin-dashboard", "settings",
            "share-patients", "show-billing-summary", "show-billing-tab", "show-patient-balance",
            "sign-lock-clinical-notes", "single-patient-ehi-export", "use-ipad-ehr", "user-patient-chart-header-settings",
            "user-patient-chart-sidebar-nav-settings", "view-practice-group");

    private SeedCatalog() {
    }

    public static List<PermissionRule> rules() {
        List<PermissionRule> rules = new ArrayList<>();
        PLAIN.forEach(key -> rules.add(PermissionRule.plain(key)));
        for (String setting : List.of("account-settings", "custom-field-settings", "office-settings", "onpatient-settings")) {
            rules.add(new PermissionRule(setting, Set.of("settings"), Set.of(), Set.of(), false));
        }
        rules.add(new PermissionRule("eps-enrollment-edit", Set.of(), Set.of(), Set.of("eps-enrollment-read-only"), false));
        rules.add(new PermissionRule("bulk-patient-ehi-export", Set.of(), Set.of(), Set.of("single-patient-ehi-export"), false));
        rules.add(new PermissionRule("access-billing", Set.of(), Set.of(), Set.of("access-patient-payments"), false));
        rules.add(new PermissionRule("disable-send-to-all-patients-option", Set.of(), Set.of(), Set.of(), true));
        return rules;
    }

    public static PermissionCatalog catalog() {
        return PermissionCatalog.of(rules());
    }
}
