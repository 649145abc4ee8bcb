package io.amp.keycloak.tokenbenchmark;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic and parsing under the figures: percentiles, CPU ticks, SQL lines, ratios. */
class MeasurementTest {

    @Test
    @DisplayName("Percentiles are nearest ranks of the sorted latencies")
    void percentiles() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        for (int i = 1; i <= 100; i++) {
            (i % 2 == 0 ? a : b).add(i * 1_000_000L);
        }
        long[] sorted = Latencies.sorted(List.of(a, b));
        assertThat(Latencies.percentileMillis(sorted, 0.50)).isEqualTo(50.0);
        assertThat(Latencies.percentileMillis(sorted, 0.99)).isEqualTo(99.0);
        assertThat(Latencies.percentileMillis(sorted, 1.0)).isEqualTo(100.0);
        assertThat(Latencies.percentileMillis(new long[0], 0.5)).isNaN();
        assertThat(Latencies.merge(List.of(new long[] {1, 5}, new long[] {2, 3}))).containsExactly(1, 2, 3, 5);
    }

    @Test
    @DisplayName("CPU time is utime + stime, also when the command name holds spaces and parentheses")
    void cpuTicks() {
        String stat = "4242 (java (kc) x) S 1 4242 4242 0 -1 4194560 900 0 0 0 1500 250 0 0 20 0 80 0 100 0 0";
        assertThat(ProcessCpu.parse(stat)).isEqualTo(1750);
    }

    @Test
    @DisplayName("SQL statements are the request threads' org.hibernate.SQL lines; session tables are counted apart")
    void sqlLines() {
        List<String> lines = List.of(
                "2026-01-01 10:00:00,000 DEBUG [org.hibernate.SQL] (executor-thread-1) select u1_0.ID from USER_ENTITY u1_0",
                "2026-01-01 10:00:00,001 DEBUG [org.hibernate.SQL] (executor-thread-1) update OFFLINE_USER_SESSION set LAST_SESSION_REFRESH=?",
                "2026-01-01 10:00:00,002 DEBUG [org.hibernate.SQL] (Timer-0) delete from EVENT_ENTITY",
                "2026-01-01 10:00:00,003 INFO  [org.keycloak.events] (executor-thread-2) type=REFRESH_TOKEN");
        assertThat(SqlCount.count(lines)).isEqualTo(new SqlCount.Count(1, 2));
        assertThat(SqlCount.byTable(SqlCount.statements(lines))).containsExactly(java.util.Map.entry("USER_ENTITY", 1));
    }

    @Test
    @DisplayName("Ratios per round, and their mean and range")
    void ratios() {
        Scenario scenario = new Scenario("refresh-x", Grant.REFRESH, "r", "c", "s", "u", "");
        ScenarioResult result = new ScenarioResult(scenario, List.of(
                phase(Arm.AMP, 1, 990, 1000), phase(Arm.STOCK, 1, 1000, 1000),
                phase(Arm.AMP, 2, 1010, 1300), phase(Arm.STOCK, 2, 1000, 1200)));
        assertThat(result.ratios().values()).containsExactly(0.99, 1.01);
        assertThat(result.ratios().mean()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.ratios().halfRange()).isEqualTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
        ArmSummary amp = result.summary(Arm.AMP);
        assertThat(amp.throughput()).isEqualTo(100.0);
        assertThat(amp.responseBytes()).isEqualTo(1300);
        // 0.97 met; the AMP way not: its response is the larger one
        assertThat(Targets.throughput(result, true)).extracting(Verdict::pass).containsExactly(true, false);
    }

    @Test
    @DisplayName("Client credentials pass within noise; SQL targets compare the arms")
    void targets() {
        Scenario service = new Scenario("cc", Grant.CLIENT_CREDENTIALS, "r", "c", "s", null, "");
        ScenarioResult result = new ScenarioResult(service, List.of(phase(Arm.AMP, 1, 975, 900), phase(Arm.STOCK, 1, 1000, 900)));
        assertThat(Targets.throughput(result, true)).singleElement().extracting(Verdict::pass).isEqualTo(true);
        List<Verdict> sql = Targets.sql(List.of(
                new SqlCount.Result("s", Arm.AMP, new SqlCount.Count(12, 14), 0, 1, null, java.util.Map.of()),
                new SqlCount.Result("s", Arm.STOCK, new SqlCount.Count(11, 13), 0, 1, null, java.util.Map.of())));
        assertThat(sql).extracting(Verdict::pass).containsExactly(true, true);
        assertThat(Targets.accessToken("x", 4097).pass()).isFalse();
    }

    private static PhaseResult phase(Arm arm, int round, long ok, int responseBytes) {
        return new PhaseResult("s", arm, round, ok, 0, 10, new long[] {1_000_000, 2_000_000}, 1.0, 1000, responseBytes, null);
    }
}
