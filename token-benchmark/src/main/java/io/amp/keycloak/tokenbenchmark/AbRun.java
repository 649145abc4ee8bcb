package io.amp.keycloak.tokenbenchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The A/B comparison of one scenario on one running server: both arms run untimed first (the
 * scenario's code paths get compiled), then rounds of both arms, AMP first in odd rounds and
 * stock first in even ones (AB BA AB ...), each arm switched through the admin API, warmed up
 * untimed, then timed. Interleaving spreads whatever drifts during a run (JIT, caches filling, the
 * database growing, another process on the machine) over both arms, alternating the order
 * cancels a steady drift, and the ratio is taken per round between neighbouring phases. The
 * client is left in the AMP arm, as the demo realms ship it.
 */
final class AbRun {

    private final ArmSwitch switches;
    private final LoadRunner runner;
    private final Options options;
    private final LongSupplier keycloakPid;
    private final JfrProfile profile;

    AbRun(ArmSwitch switches, LoadRunner runner, Options options, LongSupplier keycloakPid, JfrProfile profile) {
        this.switches = switches;
        this.runner = runner;
        this.options = options;
        this.keycloakPid = keycloakPid;
        this.profile = profile;
    }

    ScenarioResult run(Scenario scenario) throws InterruptedException {
        List<PhaseResult> phases = new ArrayList<>();
        if (options.prewarmSeconds() > 0) {
            for (Arm arm : Arm.values()) {
                switches.apply(scenario.realm(), scenario.clientId(), arm);
                runner.run(scenario, arm, 0, options.prewarmSeconds(), keycloakPid.getAsLong());
            }
        }
        for (int round = 1; round <= options.rounds(); round++) {
            // AB, BA, AB, ...: the server keeps getting faster for minutes (JIT), which would favour
            // whichever arm always runs second; alternating the order cancels that drift.
            List<Arm> order = round % 2 == 1 ? List.of(Arm.AMP, Arm.STOCK) : List.of(Arm.STOCK, Arm.AMP);
            for (Arm arm : order) {
                switches.apply(scenario.realm(), scenario.clientId(), arm);
                if (options.warmupSeconds() > 0) {
                    runner.run(scenario, arm, round, options.warmupSeconds(), keycloakPid.getAsLong());
                }
                long pid = keycloakPid.getAsLong();
                boolean recording = profile != null && profile.covers(scenario.name()) && arm == Arm.AMP;
                String label = scenario.name() + "-round-" + round;
                PhaseResult phase = recording
                        ? runner.run(scenario, arm, round, options.seconds(), pid, () -> profile.start(pid), () -> profile.stop(pid, label))
                        : runner.run(scenario, arm, round, options.seconds(), pid);
                phases.add(phase);
                System.out.printf("  %-22s round %d %-5s %8.1f req/s  p50 %6.2f ms  p99 %7.2f ms  CPU %.2f s/1k  %d errors%n",
                        scenario.name(), round, arm.label(), phase.throughput(), phase.p50(), phase.p99(), phase.cpuPerThousand(),
                        phase.errors());
                if (phase.errors() > 0) {
                    System.out.printf("    first error: %s%n", phase.firstError());
                }
            }
        }
        switches.apply(scenario.realm(), scenario.clientId(), Arm.AMP);
        return new ScenarioResult(scenario, phases);
    }
}
