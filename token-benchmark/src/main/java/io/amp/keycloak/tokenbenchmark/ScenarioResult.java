package io.amp.keycloak.tokenbenchmark;

import java.util.ArrayList;
import java.util.List;

/** All timed phases of one scenario, both arms, every round. */
record ScenarioResult(Scenario scenario, List<PhaseResult> phases) {

    List<PhaseResult> of(Arm arm) {
        return phases.stream().filter(phase -> phase.arm() == arm).toList();
    }

    ArmSummary summary(Arm arm) {
        return ArmSummary.of(of(arm));
    }

    /** AMP throughput over stock throughput, per round: the A and B of a round ran back to back. */
    Spread ratios() {
        List<PhaseResult> amp = of(Arm.AMP);
        List<PhaseResult> stock = of(Arm.STOCK);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(amp.size(), stock.size()); i++) {
            ratios.add(amp.get(i).throughput() / stock.get(i).throughput());
        }
        return new Spread(ratios);
    }
}
