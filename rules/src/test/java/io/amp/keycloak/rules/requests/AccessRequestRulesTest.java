package io.amp.keycloak.rules.requests;

import io.amp.keycloak.rules.Refused;
import io.amp.keycloak.rules.requests.AccessRequest.Status;
import io.amp.keycloak.rules.requests.Eligibility.Refusal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessRequestRulesTest {

    /** Seed 000: each department role and the department that may request it; BTG - DRC is open to all. */
    private static final Map<String, String> DRCHRONO = Map.ofEntries(
            Map.entry("sales-user", "account-managers-and-sales-teams"),
            Map.entry("sales-admin", "account-managers-and-sales-teams"),
            Map.entry("accounting-finance", "accounting-finance-team"),
            Map.entry("business-development", "bizdev-team"),
            Map.entry("cs-cx-user", "customer-support-customer-experience-teams"),
            Map.entry("cs-cx-admin", "customer-support-customer-experience-teams"),
            Map.entry("analytics-user", "data-analytics-team"),
            Map.entry("analytics-admin", "data-analytics-team"),
            Map.entry("data-migrations-user", "data-migrations-team"),
            Map.entry("developer-user", "developer-engineering-teams"),
            Map.entry("developer-admin", "developer-engineering-teams"),
            Map.entry("implementation-user", "implementation-team"),
            Map.entry("implementation-admin", "implementation-team"),
            Map.entry("operations", "product-team"),
            Map.entry("rcm-user", "rcm-team"),
            Map.entry("rcm-admin", "rcm-team"),
            Map.entry("btg-drc", Eligibility.ALL_DEPARTMENTS));

    @Nested
    @DisplayName("eligibility (seed 000)")
    class EligibilityRules {

        @ParameterizedTest(name = "{0}: {1}")
        @DisplayName("Each department may request its own roles and BTG - DRC")
        @CsvSource(delimiter = '|', value = {
                "account-managers-and-sales-teams           | btg-drc sales-admin sales-user",
                "accounting-finance-team                    | accounting-finance btg-drc",
                "bizdev-team                                | btg-drc business-development",
                "customer-support-customer-experience-teams | btg-drc cs-cx-admin cs-cx-user",
                "data-analytics-team                        | analytics-admin analytics-user btg-drc",
                "data-migrations-team                       | btg-drc data-migrations-user",
                "developer-engineering-teams                | btg-drc developer-admin developer-user",
                "implementation-team                        | btg-drc implementation-admin implementation-user",
                "product-team                               | btg-drc operations",
                "rcm-team                                   | btg-drc rcm-admin rcm-user",
        })
        void eligibleRoles(String department, String roles) {
            assertThat(Eligibility.eligibleRoles(department, DRCHRONO)).containsExactly(roles.split(" "));
        }

        @Test
        @DisplayName("Given an implementation employee asking for Implementation - User and BTG - DRC, then nothing is refused")
        void seedExample() {
            assertThat(Eligibility.check("implementation-team", List.of("implementation-user", "btg-drc"), Optional.of(DRCHRONO),
                    Set.of(), Set.of())).isEmpty();
        }

        @Test
        @DisplayName("Given every kind of bad request, then each is refused with its reason")
        void refusals() {
            List<Refusal> refusals = Eligibility.check("account-managers-and-sales-teams",
                    List.of("developer-admin", "no-such-role", "sales-user", "sales-admin"), Optional.of(DRCHRONO),
                    Set.of("sales-user"), Set.of("sales-admin"));

            assertThat(refusals).extracting(Refusal::message).containsExactly(
                    "'developer-admin' is not open to department account-managers-and-sales-teams",
                    "'no-such-role' is not a department role of this system",
                    "'sales-user' is held already",
                    "'sales-admin' is already requested and waiting for a decision");
        }

        @Test
        @DisplayName("The request form offers each role with the departments it is open to: none listed for BTG - DRC (open to all), and a role of a department the realm lacks is not offered")
        void openDepartments() {
            List<String> departments = List.of("rcm-team", "account-managers-and-sales-teams", "implementation-team");
            assertThat(Eligibility.openDepartments(DRCHRONO.get("btg-drc"), departments)).contains(List.of());
            assertThat(Eligibility.openDepartments(DRCHRONO.get("sales-admin"), departments)).contains(List.of("account-managers-and-sales-teams"));
            assertThat(Eligibility.openDepartments(DRCHRONO.get("operations"), departments)).as("product-team is no department here").isEmpty();
            assertThat(Eligibility.openDepartments("", departments)).as("a role naming no department").isEmpty();
            assertThat(Eligibility.openDepartments(null, departments)).isEmpty();
            assertThat(Eligibility.openDepartments(Eligibility.ALL_DEPARTMENTS, List.of())).as("open to all, even before any department exists")
                    .contains(List.of());
        }

        @Test
        @DisplayName("Given an unknown system or no role, then the request is refused")
        void unknownSystemOrNoRole() {
            assertThat(Eligibility.check("rcm-team", List.of("rcm-user"), Optional.empty(), Set.of(), Set.of()))
                    .extracting(Refusal::field).containsExactly("system");
            assertThat(Eligibility.check("rcm-team", List.of(), Optional.of(DRCHRONO), Set.of(), Set.of()))
                    .extracting(Refusal::field).containsExactly("roles");
        }
    }

    @Nested
    @DisplayName("decisions")
    class DecisionRules {

        private final AccessRequest onBehalfOfSam = new AccessRequest("r1", "mia.manager", "sam.sales",
                "DrChrono", "account-managers-and-sales-teams", "drchrono-staging", List.of("sales-admin"), "covering Q4",
                null, Status.PENDING, null, null);
        private final AccessRequest samForHimself = new AccessRequest("r2", "sam.sales", "sam.sales",
                "DrChrono", "account-managers-and-sales-teams", "drchrono", List.of("sales-admin"), "promotion",
                null, Status.PENDING, null, null);

        @Test
        @DisplayName("Given a pending request of someone else, then an approver approves it with a reason")
        void approve() {
            AccessRequest approved = Decisions.approve(samForHimself, "mia.manager", "  welcome  ");

            assertThat(approved.status()).isEqualTo(Status.APPROVED);
            assertThat(approved.decidedBy()).isEqualTo("mia.manager");
            assertThat(approved.decisionReason()).isEqualTo("welcome");
        }

        @Test
        @DisplayName("Nobody approves a request they made, or one for themselves")
        void noSelfApproval() {
            assertThatThrownBy(() -> Decisions.approve(onBehalfOfSam, "mia.manager", "ok")).hasMessageContaining("they made")
                    .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.problem()).isEqualTo(Refused.Problem.FORBIDDEN));
            assertThatThrownBy(() -> Decisions.deny(onBehalfOfSam, "sam.sales", "no")).hasMessageContaining("for themselves")
                    .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.problem()).isEqualTo(Refused.Problem.FORBIDDEN));
        }

        @Test
        @DisplayName("A decision needs a reason, and a decided request cannot be decided again (a conflict)")
        void reasonAndState() {
            assertThatThrownBy(() -> Decisions.deny(samForHimself, "carla.cx", " ")).hasMessageContaining("reason");
            AccessRequest denied = Decisions.deny(samForHimself, "carla.cx", "not now");

            assertThatThrownBy(() -> Decisions.approve(denied, "mia.manager", "changed my mind"))
                    .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.problem()).isEqualTo(Refused.Problem.CONFLICT));
        }

        @Test
        @DisplayName("Only the requester cancels, and only while pending")
        void cancel() {
            assertThatThrownBy(() -> Decisions.cancel(onBehalfOfSam, "sam.sales")).hasMessageContaining("Only the requester")
                    .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.problem()).isEqualTo(Refused.Problem.FORBIDDEN));
            assertThat(Decisions.cancel(onBehalfOfSam, "mia.manager").status()).isEqualTo(Status.CANCELLED);
        }

        @Test
        @DisplayName("An approval never shortens what the subject holds: no end stays no end, the later end wins, a lapsed role takes the new end")
        void approvalNeverShortens() {
            assertThat(Decisions.endAfterApproval(false, null, 5_000L, 1_000)).isEqualTo(5_000L);
            assertThat(Decisions.endAfterApproval(false, null, null, 1_000)).isNull();
            assertThat(Decisions.endAfterApproval(true, null, 5_000L, 1_000)).as("held for good by an admin").isNull();
            assertThat(Decisions.endAfterApproval(true, 9_000L, 5_000L, 1_000)).isEqualTo(9_000L);
            assertThat(Decisions.endAfterApproval(true, 3_000L, 5_000L, 1_000)).isEqualTo(5_000L);
            assertThat(Decisions.endAfterApproval(true, 3_000L, null, 1_000)).as("an approval without end").isNull();
            assertThat(Decisions.endAfterApproval(true, 500L, 5_000L, 1_000)).as("held past its end").isEqualTo(5_000L);
        }

        @Test
        @DisplayName("An assignment with an end counts until exactly that instant")
        void expiry() {
            assertThat(Decisions.counts(null, 5)).isTrue();
            assertThat(Decisions.counts(1000L, 999)).isTrue();
            assertThat(Decisions.counts(1000L, 1000)).isFalse();
        }
    }

}
