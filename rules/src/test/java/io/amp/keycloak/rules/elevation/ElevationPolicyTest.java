package io.amp.keycloak.rules.elevation;

import io.amp.keycloak.rules.Refused;
import io.amp.keycloak.rules.Refused.Problem;
import io.amp.keycloak.rules.elevation.Elevation.Kind;
import io.amp.keycloak.rules.elevation.ElevationPolicy.Status;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ElevationPolicyTest {

    private static final Elevation EMERGENCY = new Elevation("e1", Kind.EMERGENCY_ACCESS, "ehr", 1_000, 61_000);
    private static final Elevation GLASS = new Elevation("e2", Kind.BREAK_THE_GLASS, "ehr", 1_000, 61_000);
    private static final Set<String> HOLDS_EMERGENCY = Set.of("emergency-access", "access-to-message-center");

    // Seed 001, Emergency Access, turned on: "temporarily request the Create and Update Patients,
    // Access Scheduling, and Access Clinical Notes system permissions".
    @Test
    void emergencyAccessGrantsTheThreeSeedPermissionsWhileRunning() {
        assertThat(ElevationPolicy.grants(Optional.of(EMERGENCY), "ehr", HOLDS_EMERGENCY, 30_000, ElevationPolicy.ELEVATED))
                .containsExactly("create-and-update-patients", "access-scheduling", "access-clinical-notes");
    }

    @Test
    void nothingBeforeTheStartOrFromTheEndOn() {
        assertThat(ElevationPolicy.grants(Optional.of(EMERGENCY), "ehr", HOLDS_EMERGENCY, 999, ElevationPolicy.ELEVATED)).isEmpty();
        assertThat(ElevationPolicy.grants(Optional.of(EMERGENCY), "ehr", HOLDS_EMERGENCY, 60_999, ElevationPolicy.ELEVATED)).hasSize(3);
        assertThat(ElevationPolicy.grants(Optional.of(EMERGENCY), "ehr", HOLDS_EMERGENCY, 61_000, ElevationPolicy.ELEVATED)).isEmpty();
    }

    @Test
    void onlyOnTheSystemItWasGivenFor() {
        assertThat(ElevationPolicy.grants(Optional.of(EMERGENCY), "account-console", HOLDS_EMERGENCY, 30_000, ElevationPolicy.ELEVATED)).isEmpty();
        assertThat(ElevationPolicy.grants(Optional.empty(), "ehr", HOLDS_EMERGENCY, 30_000, ElevationPolicy.ELEVATED)).isEmpty();
    }

    // Seed 001, Emergency Access, turned off: "Can't request emergency access."
    @Test
    void emergencyAccessStopsWhenTheUserNoLongerHoldsEmergencyAccess() {
        assertThat(ElevationPolicy.grants(Optional.of(EMERGENCY), "ehr", Set.of("access-to-message-center"), 30_000, ElevationPolicy.ELEVATED)).isEmpty();
    }

    @Test
    void breakTheGlassNeedsNoEmergencyAccessPermission() {
        assertThat(ElevationPolicy.grants(Optional.of(GLASS), "ehr", Set.of(), 30_000, ElevationPolicy.ELEVATED)).hasSize(3);
    }

    @Test
    void aRealmMayConfigureWhatAnElevationGrants() {
        assertThat(ElevationPolicy.grants(Optional.of(GLASS), "ehr", Set.of(), 30_000, List.of("access-scheduling")))
                .containsExactly("access-scheduling");
        assertThat(ElevationPolicy.grants(Optional.of(EMERGENCY), "ehr", Set.of(), 30_000, List.of("access-scheduling")))
                .as("an emergency access still needs Emergency Access").isEmpty();
    }

    @Test
    void theConfiguredSetIsReadFromACommaSeparatedValueAndDefaultsToTheSeedsThree() {
        assertThat(ElevationPolicy.permissions(null)).isEqualTo(ElevationPolicy.ELEVATED);
        assertThat(ElevationPolicy.permissions("")).isEqualTo(ElevationPolicy.ELEVATED);
        assertThat(ElevationPolicy.permissions(" , ,")).isEqualTo(ElevationPolicy.ELEVATED);
        assertThat(ElevationPolicy.permissions("access-scheduling")).containsExactly("access-scheduling");
        assertThat(ElevationPolicy.permissions(" access-scheduling , access-clinical-notes,,access-scheduling "))
                .containsExactly("access-scheduling", "access-clinical-notes");
    }

    @Test
    void anApplicationIsEligibleOnlyWhenItHasEveryConfiguredPermission() {
        Set<String> catalog = Set.of("create-and-update-patients", "access-scheduling", "access-clinical-notes", "settings");
        assertThat(ElevationPolicy.eligible(ElevationPolicy.ELEVATED, catalog::contains)).isTrue();
        assertThat(ElevationPolicy.eligible(List.of("access-scheduling"), catalog::contains)).isTrue();
        assertThat(ElevationPolicy.eligible(List.of("access-scheduling", "no-such-permission"), catalog::contains)).isFalse();
        assertThat(ElevationPolicy.eligible(ElevationPolicy.ELEVATED, Set.of("sword-tools")::contains)).isFalse();
        assertThat(ElevationPolicy.eligible(List.of(), catalog::contains)).isFalse();
    }

    @Test
    void endsFallOnWholeSecondsNeverAfterTheConfiguredDuration() {
        assertThat(ElevationPolicy.end(1_000, 3600)).isEqualTo(3_601_000);
        assertThat(ElevationPolicy.end(1_999, 5)).isEqualTo(6_000);
        assertThat(ElevationPolicy.end(1_999, 5) - 1_999).isBetween(4_001L, 5_000L);
    }

    @Test
    void aReasonIsRequiredTrimmedAndBounded() {
        assertThat(ElevationPolicy.reason("  patient in ER, chart locked \n")).isEqualTo("patient in ER, chart locked");
        assertRefused(() -> ElevationPolicy.reason(null), Problem.INVALID, "A reason is required");
        assertRefused(() -> ElevationPolicy.reason(" \t\n"), Problem.INVALID, "A reason is required");
        assertThat(ElevationPolicy.reason("x".repeat(ElevationPolicy.MAX_REASON))).hasSize(500);
        assertRefused(() -> ElevationPolicy.reason("x".repeat(501)), Problem.INVALID, "501 characters; at most 500");
    }

    @Test
    void durationsAreWholeMinutesWithinBounds() {
        assertThat(ElevationPolicy.minutes(1L)).isEqualTo(1);
        assertThat(ElevationPolicy.minutes(480L)).isEqualTo(480);
        assertRefused(() -> ElevationPolicy.minutes(null), Problem.INVALID, "required");
        assertRefused(() -> ElevationPolicy.minutes(0L), Problem.INVALID, "between 1 and 480");
        assertRefused(() -> ElevationPolicy.minutes(481L), Problem.INVALID, "between 1 and 480");
    }

    // Seed 001, Break the Glass Review, turned on: "Review and approve break-the-glass requests".
    @Test
    void aReviewerDecidesAnotherUsersPendingRequestWithAComment() {
        assertThat(ElevationPolicy.review("erin", "rita", Status.PENDING, " covering the ER ")).isEqualTo("covering the ER");
    }

    @Test
    void nobodyReviewsTheirOwnRequest() {
        assertRefused(() -> ElevationPolicy.review("rita", "rita", Status.PENDING, "ok"), Problem.FORBIDDEN, "own");
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void onlyPendingRequestsAreReviewed(Status status) {
        assertRefused(() -> ElevationPolicy.review("erin", "rita", status, "ok"), Problem.CONFLICT, "already");
    }

    @Test
    void aReviewNeedsABoundedComment() {
        assertRefused(() -> ElevationPolicy.review("erin", "rita", Status.PENDING, " "), Problem.INVALID, "comment is required");
        assertRefused(() -> ElevationPolicy.review("erin", "rita", Status.PENDING, "c".repeat(1001)), Problem.INVALID, "at most 1000");
    }

    @Test
    void emergencyAccessesAreAcknowledgedOnceBySomeoneElse() {
        assertThat(ElevationPolicy.acknowledge(Kind.EMERGENCY_ACCESS, "erin", "rita", false, " seen ")).isEqualTo("seen");
        assertThat(ElevationPolicy.acknowledge(Kind.EMERGENCY_ACCESS, "erin", "rita", false, null)).isNull();
        assertRefused(() -> ElevationPolicy.acknowledge(Kind.EMERGENCY_ACCESS, "erin", "erin", false, null), Problem.FORBIDDEN, "own");
        assertRefused(() -> ElevationPolicy.acknowledge(Kind.EMERGENCY_ACCESS, "erin", "rita", true, null), Problem.CONFLICT, "already");
        assertRefused(() -> ElevationPolicy.acknowledge(Kind.BREAK_THE_GLASS, "erin", "rita", false, null), Problem.CONFLICT, "reviewed");
    }

    @Test
    void onlyARunningElevationIsRevoked() {
        ElevationPolicy.revoke(Status.ACTIVE, 61_000L, 30_000);
        assertRefused(() -> ElevationPolicy.revoke(Status.ACTIVE, 61_000L, 61_000), Problem.CONFLICT, "not active");
        assertRefused(() -> ElevationPolicy.revoke(Status.PENDING, null, 30_000), Problem.CONFLICT, "not active");
        assertRefused(() -> ElevationPolicy.revoke(Status.ENDED, 61_000L, 30_000), Problem.CONFLICT, "not active");
    }

    @Test
    void anActiveRecordPastItsEndShowsAsEndedBeforeTheSweep() {
        assertThat(ElevationPolicy.shown(Status.ACTIVE, 61_000L, 60_999)).isEqualTo(Status.ACTIVE);
        assertThat(ElevationPolicy.shown(Status.ACTIVE, 61_000L, 61_000)).isEqualTo(Status.ENDED);
        assertThat(ElevationPolicy.shown(Status.PENDING, null, 61_000)).isEqualTo(Status.PENDING);
    }

    private static void assertRefused(ThrowingCallable call, Problem problem, String message) {
        Refused refused = catchThrowableOfType(Refused.class, call);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.problem()).isEqualTo(problem);
        assertThat(refused.getMessage()).contains(message);
    }
}
