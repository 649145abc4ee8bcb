package io.amp.keycloak.tokenbenchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets of issue 13, applied to what was measured. Where the issue says "within noise",
 * noise is the larger of 3 % and half the range of the per-round ratios: a difference smaller than
 * the rounds differ from each other is not one the run can see.
 */
final class Targets {

    static final double MIN_RATIO = 0.97;
    static final double NOISE = 0.03;
    static final int MAX_ACCESS_TOKEN_BYTES = 4096;
    static final double MAX_READ_P99_MS = 50;
    static final double MAX_WRITE_P99_MS = 100;
    static final int MAX_ADDED_COLD = 1;
    static final double MAX_ADDED_WARM = 0;

    private Targets() {
    }

    /**
     * The throughput targets of one scenario: the AMP/stock ratio by grant, and, for the demo
     * realms' users ({@code demoRealm}), the target of the realm configured the AMP way.
     */
    static List<Verdict> throughput(ScenarioResult result, boolean demoRealm) {
        List<Verdict> verdicts = new ArrayList<>();
        Spread ratios = result.ratios();
        String name = result.scenario().name();
        switch (result.scenario().grant()) {
            case PASSWORD, REFRESH -> verdicts.add(new Verdict(name + ": AMP/stock throughput", ratio(ratios),
                    "≥ " + fixed(MIN_RATIO), ratios.mean() >= MIN_RATIO));
            case CLIENT_CREDENTIALS -> {
                double noise = Math.max(NOISE, ratios.halfRange());
                verdicts.add(new Verdict(name + ": AMP/stock throughput", ratio(ratios), "1.00 ± " + fixed(noise) + " (noise)",
                        Math.abs(ratios.mean() - 1) <= noise));
            }
            case AUTHORIZATION_CODE -> {
                // no throughput target of its own: judged by the "AMP way" target below
            }
        }
        if (demoRealm && result.scenario().username() != null) {
            ArmSummary amp = result.summary(Arm.AMP);
            ArmSummary stock = result.summary(Arm.STOCK);
            verdicts.add(new Verdict(name + ": AMP way against stock", ratio(ratios) + ", response " + amp.responseBytes() + " B against "
                    + stock.responseBytes() + " B", "≥ 1.00x and fewer bytes",
                    ratios.mean() >= 1.0 && amp.responseBytes() < stock.responseBytes()));
        }
        return verdicts;
    }

    static Verdict accessToken(String who, int bytes) {
        return new Verdict(who + ": access token", bytes + " B", "≤ " + MAX_ACCESS_TOKEN_BYTES + " B",
                bytes > 0 && bytes <= MAX_ACCESS_TOKEN_BYTES);
    }

    /** Statements AMP adds per token request, cold and warm, for each scenario measured in both arms. */
    static List<Verdict> sql(List<SqlCount.Result> results) {
        Map<String, SqlCount.Result[]> byScenario = new LinkedHashMap<>();
        for (SqlCount.Result result : results) {
            byScenario.computeIfAbsent(result.scenario(), key -> new SqlCount.Result[2])[result.arm().ordinal()] = result;
        }
        List<Verdict> verdicts = new ArrayList<>();
        byScenario.forEach((scenario, arms) -> {
            SqlCount.Result amp = arms[Arm.AMP.ordinal()];
            SqlCount.Result stock = arms[Arm.STOCK.ordinal()];
            if (amp == null || stock == null) {
                return;
            }
            int addedCold = amp.cold().statements() - stock.cold().statements();
            double addedWarm = amp.warm() - stock.warm();
            verdicts.add(new Verdict(scenario + ": SQL statements added, cold", signed(addedCold) + " (" + amp.cold().statements() + " against "
                    + stock.cold().statements() + ")", "≤ " + MAX_ADDED_COLD, addedCold <= MAX_ADDED_COLD && amp.error() == null));
            verdicts.add(new Verdict(scenario + ": SQL statements added, warm", String.format(Locale.ROOT, "%+.1f (%.1f against %.1f)",
                    addedWarm, amp.warm(), stock.warm()), "≤ 0", addedWarm <= MAX_ADDED_WARM && amp.error() == null));
        });
        return verdicts;
    }

    /** A consultant holding many sites against the one holding one: the same ratio within noise (only a lower one misses). */
    static Verdict flat(ScenarioResult many, ScenarioResult one) {
        Spread manyRatios = many.ratios();
        Spread oneRatios = one.ratios();
        double noise = Math.max(NOISE, manyRatios.halfRange() + oneRatios.halfRange());
        return new Verdict(many.scenario().name() + ": ratio against " + one.scenario().name(),
                ratio(manyRatios) + " against " + ratio(oneRatios), "≥ " + fixed(oneRatios.mean()) + " − " + fixed(noise),
                manyRatios.mean() >= oneRatios.mean() - noise);
    }

    static Verdict admin(AdminLoad.Result result) {
        double limit = result.operation().write ? MAX_WRITE_P99_MS : MAX_READ_P99_MS;
        return new Verdict("admin: " + result.operation().label, String.format(Locale.ROOT, "p99 %.1f ms, %d errors of %d",
                result.p99(), result.errors(), result.calls()), "p99 < " + (int) limit + " ms, no error",
                result.p99() < limit && result.errors() == 0);
    }

    static String ratio(Spread ratios) {
        return String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", ratios.mean(), ratios.min(), ratios.max());
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String signed(int value) {
        return (value > 0 ? "+" : "") + value;
    }
}
