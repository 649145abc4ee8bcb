package io.amp.keycloak.tokenbenchmark;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ScalePlanTest {

    private final ScalePlan plan = ScalePlan.of(1.0);

    @Test
    @DisplayName("At full size: 10,000 sites in 100 accounts, 100 groups, 1,000 consultants, exactly 100,000 grants")
    void size() {
        assertThat(plan.sites()).isEqualTo(10_000);
        assertThat(plan.accounts()).isEqualTo(100);
        assertThat(plan.groups()).isEqualTo(100);
        assertThat(plan.consultants()).isEqualTo(1_000);
        assertThat(plan.totalGrants()).isEqualTo(100_000);
        assertThat(plan.holders().size() + plan.regularConsultants()).isEqualTo(1_000);
    }

    @Test
    @DisplayName("The measured consultants hold 1, 10, 100, 1,000 and 10,000 distinct sites through their groups")
    void holders() {
        assertThat(plan.holders()).extracting(ScalePlan.Holder::sitesHeld).containsExactly(1, 10, 100, 1_000, 10_000);
        for (ScalePlan.Holder holder : plan.holders()) {
            Set<Integer> sites = new HashSet<>();
            int grants = 0;
            for (int group : holder.groups()) {
                grants += plan.sitesOf(group).length;
                Arrays.stream(plan.sitesOf(group)).forEach(sites::add);
            }
            assertThat(sites).as(holder.username()).hasSize(holder.sitesHeld());
            assertThat(grants).isEqualTo(holder.sitesHeld());
        }
        assertThat(plan.holders().get(4).groups()).hasSize(10);
    }

    @Test
    @DisplayName("No group is granted a site twice, and the admin calls' new grants are sites a filler group does not hold")
    void distinct() {
        for (int group = 0; group < plan.groups(); group++) {
            int[] sites = plan.sitesOf(group);
            assertThat(IntStream.of(sites).distinct().count()).isEqualTo(sites.length);
            if (plan.isFiller(group)) {
                Set<Integer> held = new HashSet<>();
                IntStream.of(sites).forEach(held::add);
                for (int k = 0; k < 100; k++) {
                    assertThat(held).doesNotContain(plan.ungrantedSite(group, k));
                }
            }
        }
    }

    @Test
    @DisplayName("Every site lies in an account and a department of the plan")
    void placement() {
        for (int site = 0; site < plan.sites(); site++) {
            assertThat(plan.accountOf(site)).isBetween(0, plan.accounts() - 1);
            assertThat(plan.departmentOf(site)).isBetween(0, plan.departmentsPerAccount() - 1);
        }
        assertThat(plan.siteKey(42)).matches("^[a-z0-9]+(-[a-z0-9]+)*$");
    }

    @Test
    @DisplayName("A fraction keeps the shape: fewer sites and grants, the same kinds of groups")
    void fraction() {
        ScalePlan small = ScalePlan.of(0.01);
        assertThat(small.sites()).isEqualTo(100);
        assertThat(small.totalGrants()).isEqualTo(1_000);
        assertThat(small.holders()).extracting(ScalePlan.Holder::sitesHeld).containsExactly(1, 10, 100);
    }
}
