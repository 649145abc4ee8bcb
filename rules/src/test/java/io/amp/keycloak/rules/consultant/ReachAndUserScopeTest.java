package io.amp.keycloak.rules.consultant;

import io.amp.keycloak.rules.consultant.UserScope.Member;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002's permission levels, caller by caller. */
class ReachAndUserScopeTest {

    private static final String ACME = "acme";
    private static final String BEACON = "beacon";
    private static final String CARDIOLOGY = "cardiology";
    private static final String RADIOLOGY = "radiology";
    private static final Map<String, Integer> LEVELS = Map.of("account-admin", 30, "department-admin", 20, "department-viewer", 10);

    private static final Reach ACCOUNT_ADMIN = new Reach(false, false, Set.of(ACME), Map.of(), false);
    private static final Reach DEPARTMENT_ADMIN = new Reach(false, false, Set.of(), Map.of(CARDIOLOGY, ACME), false);
    private static final Reach VIEWER = new Reach(false, false, Set.of(), Map.of(), true);
    private static final Reach CONSULTANT = new Reach(false, false, Set.of(), Map.of(), false);
    private static final Reach REALM_ADMIN = new Reach(true, true, Set.of(), Map.of(), false);

    @Nested
    @DisplayName("account permission levels")
    class AccountLevels {

        @Test
        @DisplayName("Account Admin: their account, every department and site of it, departments editable, sites view-only")
        void accountAdmin() {
            assertThat(ACCOUNT_ADMIN.mayEnter()).isTrue();
            assertThat(ACCOUNT_ADMIN.maySeeAccount(ACME)).isTrue();
            assertThat(ACCOUNT_ADMIN.maySeeAccount(BEACON)).isFalse();
            assertThat(ACCOUNT_ADMIN.mayManageDepartments(ACME)).isTrue();
            assertThat(ACCOUNT_ADMIN.maySeeSite(ACME, RADIOLOGY)).isTrue();
            assertThat(ACCOUNT_ADMIN.mayGrant(ACME, RADIOLOGY, "acme-rad-main")).isTrue();
            assertThat(ACCOUNT_ADMIN.mayGrant(BEACON, "primary", "beacon-main")).isFalse();
            assertThat(ACCOUNT_ADMIN.mayCreateSites()).isFalse();
            assertThat(ACCOUNT_ADMIN.mayViewContract(ACME)).isTrue();
        }

        @Test
        @DisplayName("Department Admin: their account, only their departments and those departments' sites")
        void departmentAdmin() {
            assertThat(DEPARTMENT_ADMIN.mayEnter()).isTrue();
            assertThat(DEPARTMENT_ADMIN.maySeeAccount(ACME)).isTrue();
            assertThat(DEPARTMENT_ADMIN.mayManageDepartments(ACME)).isFalse();
            assertThat(DEPARTMENT_ADMIN.maySeeDepartment(ACME, CARDIOLOGY)).isTrue();
            assertThat(DEPARTMENT_ADMIN.maySeeDepartment(ACME, RADIOLOGY)).isFalse();
            assertThat(DEPARTMENT_ADMIN.mayGrant(ACME, CARDIOLOGY, "acme-cardio-north")).isTrue();
            assertThat(DEPARTMENT_ADMIN.mayGrant(ACME, RADIOLOGY, "acme-rad-main")).isFalse();
            assertThat(DEPARTMENT_ADMIN.mayViewContract(ACME)).isFalse();
        }

        @Test
        @DisplayName("Department Viewer and consultants cannot access account management at all")
        void noAccess() {
            assertThat(VIEWER.mayEnter()).isFalse();
            assertThat(VIEWER.refusal()).contains("Department Viewers");
            assertThat(CONSULTANT.mayEnter()).isFalse();
        }

        @Test
        @DisplayName("A consultant granted a site lists and changes that site's grants, and reaches nothing else")
        void consultantWithAccessGranted() {
            Reach granted = new Reach(false, false, Set.of(), Map.of(), false, Set.of("acme-cardio-north"));

            assertThat(granted.mayEnterSite("acme-cardio-north")).isTrue();
            assertThat(granted.maySeeSiteGrants(ACME, CARDIOLOGY, "acme-cardio-north")).isTrue();
            assertThat(granted.mayGrant(ACME, CARDIOLOGY, "acme-cardio-north")).isTrue();
            assertThat(granted.mayEnterSite("acme-cardio-south")).isFalse();
            assertThat(granted.maySeeSiteGrants(ACME, CARDIOLOGY, "acme-cardio-south")).isFalse();
            assertThat(granted.mayGrant(ACME, CARDIOLOGY, "acme-cardio-south")).isFalse();
            assertThat(granted.mayEnter()).isFalse();
            assertThat(granted.maySeeAccount(ACME)).isFalse();
            assertThat(granted.maySeeSite(ACME, CARDIOLOGY)).isFalse();
            assertThat(CONSULTANT.mayEnterSite("acme-cardio-north")).isFalse();
            assertThat(DEPARTMENT_ADMIN.mayGrant(ACME, RADIOLOGY, "acme-rad-main")).isFalse();
        }

        @Test
        @DisplayName("Consultant groups: created by admins and granted consultants, changed only where every site they reach is within the caller's grants")
        void consultantGroups() {
            Reach granted = new Reach(false, false, Set.of(), Map.of(), false, Set.of("acme-cardio-north"));
            Reach.GrantedSite north = new Reach.GrantedSite(ACME, CARDIOLOGY, "acme-cardio-north");
            Reach.GrantedSite radiology = new Reach.GrantedSite(ACME, RADIOLOGY, "acme-rad-main");
            Reach.GrantedSite beacon = new Reach.GrantedSite(BEACON, "primary", "beacon-main");

            assertThat(List.of(ACCOUNT_ADMIN, DEPARTMENT_ADMIN, granted, REALM_ADMIN)).allMatch(Reach::mayManageConsultantGroups);
            assertThat(List.of(VIEWER, CONSULTANT)).noneMatch(Reach::mayViewConsultantGroups);
            assertThat(List.of(ACCOUNT_ADMIN, DEPARTMENT_ADMIN, granted)).allMatch(reach -> reach.mayChangeConsultantGroup(List.of()));
            assertThat(ACCOUNT_ADMIN.mayChangeConsultantGroup(List.of(north, radiology))).isTrue();
            assertThat(ACCOUNT_ADMIN.mayChangeConsultantGroup(List.of(north, beacon))).as("a member would gain Beacon's site").isFalse();
            assertThat(DEPARTMENT_ADMIN.mayChangeConsultantGroup(List.of(north))).isTrue();
            assertThat(DEPARTMENT_ADMIN.mayChangeConsultantGroup(List.of(north, radiology))).isFalse();
            assertThat(granted.mayChangeConsultantGroup(List.of(north))).isTrue();
            assertThat(granted.mayChangeConsultantGroup(List.of(radiology))).isFalse();
            assertThat(REALM_ADMIN.mayChangeConsultantGroup(List.of(north, beacon))).isTrue();
            Reach realmViewer = new Reach(true, false, Set.of(), Map.of(), false);
            assertThat(realmViewer.maySeeConsultantGroup(List.of(beacon))).isTrue();
            assertThat(realmViewer.mayChangeConsultantGroup(List.of())).isFalse();
            assertThat(realmViewer.mayManageConsultantGroups()).isFalse();
        }

        @Test
        @DisplayName("Realm admins see and change everything, and alone create sites")
        void realmAdmin() {
            assertThat(REALM_ADMIN.maySeeAccount(BEACON)).isTrue();
            assertThat(REALM_ADMIN.mayGrant(BEACON, "primary", "beacon-main")).isTrue();
            assertThat(REALM_ADMIN.mayCreateSites()).isTrue();
        }
    }

    @Nested
    @DisplayName("user permission levels")
    class UserLevels {

        private final UserScope accountAdmin = new UserScope(ACCOUNT_ADMIN, 30, LEVELS);
        private final UserScope departmentAdmin = new UserScope(DEPARTMENT_ADMIN, 20, LEVELS);

        @Test
        @DisplayName("Account Admin: sees and creates Account Admins, Department Admins and Department Viewers of the account")
        void accountAdmin() {
            assertThat(List.of("account-admin", "department-admin", "department-viewer")).allMatch(accountAdmin::mayAssign);
            assertThat(accountAdmin.maySee(ACME, new Member("account-admin", Set.of()))).isTrue();
            assertThat(accountAdmin.maySee(ACME, new Member("department-viewer", Set.of(RADIOLOGY)))).isTrue();
            assertThat(accountAdmin.maySee(ACME, new Member("partner-consultant", Set.of()))).isFalse();
            assertThat(accountAdmin.maySee(BEACON, new Member("department-viewer", Set.of()))).isFalse();
        }

        @Test
        @DisplayName("Department Admin: sees and creates Department Admins and Viewers of their departments, never above their level")
        void departmentAdmin() {
            assertThat(departmentAdmin.mayAssign("department-admin")).isTrue();
            assertThat(departmentAdmin.mayAssign("department-viewer")).isTrue();
            assertThat(departmentAdmin.mayAssign("account-admin")).isFalse();
            assertThat(departmentAdmin.maySee(ACME, new Member("department-viewer", Set.of(CARDIOLOGY)))).isTrue();
            assertThat(departmentAdmin.maySee(ACME, new Member("department-viewer", Set.of(RADIOLOGY)))).isFalse();
            assertThat(departmentAdmin.maySee(ACME, new Member("account-admin", Set.of(CARDIOLOGY)))).isFalse();
        }

        @Test
        @DisplayName("Department Admin: lists the Department Admins and Viewers of the whole account, edits only those of their departments")
        void departmentAdminListsAcrossDepartments() {
            Member radiologyViewer = new Member("department-viewer", Set.of(RADIOLOGY));
            Member radiologyAdmin = new Member("department-admin", Set.of(RADIOLOGY));

            assertThat(departmentAdmin.mayListMember(ACME, radiologyViewer)).isTrue();
            assertThat(departmentAdmin.mayListMember(ACME, radiologyAdmin)).isTrue();
            assertThat(departmentAdmin.maySee(ACME, radiologyViewer)).isFalse();
            assertThat(departmentAdmin.mayListMember(ACME, new Member("department-viewer", Set.of()))).isTrue();
            assertThat(departmentAdmin.mayListMember(ACME, new Member("account-admin", Set.of(RADIOLOGY)))).isFalse();
            assertThat(departmentAdmin.mayListMember(ACME, new Member("department-viewer", Set.of(RADIOLOGY), 80, false))).isFalse();
            assertThat(departmentAdmin.mayListMember(ACME, new Member("department-viewer", Set.of(RADIOLOGY), 10, true))).isFalse();
            assertThat(departmentAdmin.mayListMember(BEACON, radiologyViewer)).isFalse();
            assertThat(departmentAdmin.maySeeDepartment(ACME, RADIOLOGY)).isFalse();
            assertThat(accountAdmin.mayListMember(ACME, new Member("account-admin", Set.of()))).isTrue();
            assertThat(new UserScope(VIEWER, 10, LEVELS).mayListMember(ACME, radiologyViewer)).isFalse();
        }

        @Test
        @DisplayName("A Department Admin places users only in their own departments, and keeps the others a user is in")
        void departmentPlacement() {
            Set<String> acmeDepartments = Set.of(CARDIOLOGY, RADIOLOGY);

            assertThat(departmentAdmin.mayPlaceIn(ACME, Set.of(CARDIOLOGY), acmeDepartments)).isTrue();
            assertThat(departmentAdmin.mayPlaceIn(ACME, Set.of(RADIOLOGY), acmeDepartments)).isFalse();
            assertThat(departmentAdmin.mayPlaceIn(ACME, Set.of(), acmeDepartments)).isFalse();
            assertThat(accountAdmin.mayPlaceIn(ACME, Set.of(RADIOLOGY), acmeDepartments)).isTrue();
            assertThat(accountAdmin.mayPlaceIn(ACME, Set.of("elsewhere"), acmeDepartments)).isFalse();
            assertThat(departmentAdmin.departmentsAfterEdit(ACME, Set.of(CARDIOLOGY, RADIOLOGY), Set.of()))
                    .containsExactly(RADIOLOGY);
        }

        @Test
        @DisplayName("Given a realm viewer, then they see every account user and change none")
        void realmViewerNeverWrites() {
            UserScope viewer = new UserScope(new Reach(true, false, Set.of(), Map.of(), false), 0, LEVELS, true, false);
            Member cardiologyViewer = new Member("department-viewer", Set.of(CARDIOLOGY));

            assertThat(viewer.maySee(ACME, cardiologyViewer)).isTrue();
            assertThat(viewer.mayWrite(ACME)).isFalse();
            assertThat(List.of("account-admin", "department-admin", "department-viewer")).noneMatch(viewer::mayAssign);
            assertThat(viewer.mayChange(ACME, cardiologyViewer, Map.of(ACME, Set.of(CARDIOLOGY)))).isFalse();
            assertThat(new UserScope(REALM_ADMIN, 0, LEVELS, true, true).mayChange(ACME, cardiologyViewer, Map.of(ACME, Set.of(CARDIOLOGY))))
                    .isTrue();
        }

        @Test
        @DisplayName("Given a user who also belongs beyond the caller's reach, then their level, email and names stay out of the caller's hands")
        void sharedUsersKeepTheirStandingElsewhere() {
            Member shared = new Member("department-viewer", Set.of(CARDIOLOGY, RADIOLOGY));

            assertThat(departmentAdmin.maySee(ACME, shared)).isTrue();
            assertThat(departmentAdmin.mayChange(ACME, shared, Map.of(ACME, Set.of(CARDIOLOGY, RADIOLOGY)))).isFalse();
            assertThat(departmentAdmin.mayChange(ACME, new Member("department-viewer", Set.of(CARDIOLOGY)),
                    Map.of(ACME, Set.of(CARDIOLOGY)))).isTrue();
            assertThat(departmentAdmin.mayChange(ACME, new Member("department-viewer", Set.of(CARDIOLOGY)),
                    Map.of(ACME, Set.of(CARDIOLOGY), BEACON, Set.of()))).isFalse();
            assertThat(accountAdmin.mayChange(ACME, shared, Map.of(ACME, Set.of(CARDIOLOGY, RADIOLOGY)))).isTrue();
            assertThat(accountAdmin.mayChange(ACME, shared, Map.of(ACME, Set.of(CARDIOLOGY), BEACON, Set.of("primary")))).isFalse();
        }

        @Test
        @DisplayName("Given a member who holds more than an account level (a consultant level, a realm-management role), then customer admins neither see nor change them")
        void moreThanAnAccountLevelIsBeyondCustomerAdmins() {
            Member consultant = new Member("department-viewer", Set.of(CARDIOLOGY), 80, false);
            Member realmAdmin = new Member("department-viewer", Set.of(CARDIOLOGY), 10, true);
            Map<String, Set<String>> places = Map.of(ACME, Set.of(CARDIOLOGY));

            for (Member member : List.of(consultant, realmAdmin)) {
                assertThat(departmentAdmin.maySee(ACME, member)).isFalse();
                assertThat(accountAdmin.maySee(ACME, member)).isFalse();
                assertThat(departmentAdmin.mayChange(ACME, member, places)).isFalse();
                assertThat(new UserScope(REALM_ADMIN, 0, LEVELS, true, true).mayChange(ACME, member, places)).isTrue();
            }
        }

        @Test
        @DisplayName("Given a view-realm admin without view-users, then they list no account's users; with view-users they do")
        void listingUsersNeedsViewUsers() {
            Reach realmViewer = new Reach(true, false, Set.of(), Map.of(), false);

            assertThat(new UserScope(realmViewer, 0, LEVELS, false, false).mayList(ACME)).isFalse();
            assertThat(new UserScope(realmViewer, 0, LEVELS, true, false).mayList(ACME)).isTrue();
            assertThat(departmentAdmin.mayList(ACME)).isTrue();
            assertThat(departmentAdmin.mayList(BEACON)).isFalse();
        }

        @Test
        @DisplayName("A Department Admin takes users out of their own departments only")
        void movingOutStaysInReach() {
            assertThat(departmentAdmin.mayMoveOutOf(ACME, CARDIOLOGY)).isTrue();
            assertThat(departmentAdmin.mayMoveOutOf(ACME, RADIOLOGY)).isFalse();
            assertThat(accountAdmin.mayMoveOutOf(ACME, RADIOLOGY)).isTrue();
        }
    }
}
