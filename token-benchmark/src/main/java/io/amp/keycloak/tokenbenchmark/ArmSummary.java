package io.amp.keycloak.tokenbenchmark;

import java.util.List;

/**
 * One arm of one scenario over all its rounds: throughput over the summed time, percentiles over
 * all latencies of the rounds, CPU over all requests, and the sizes of the last token.
 */
record ArmSummary(double throughput, double p50, double p99, double cpuPerThousand, int accessTokenBytes, int responseBytes,
                  long requests, long errors, String firstError) {

    static ArmSummary of(List<PhaseResult> phases) {
        long ok = phases.stream().mapToLong(PhaseResult::ok).sum();
        double seconds = phases.stream().mapToDouble(PhaseResult::seconds).sum();
        double cpu = phases.stream().mapToDouble(PhaseResult::cpuSeconds).sum();
        long[] latencies = Latencies.merge(phases.stream().map(PhaseResult::latencies).toList());
        PhaseResult last = phases.get(phases.size() - 1);
        return new ArmSummary(ok / seconds, Latencies.percentileMillis(latencies, 0.50), Latencies.percentileMillis(latencies, 0.99),
                ok == 0 ? Double.NaN : cpu / ok * 1000, last.accessTokenBytes(), last.responseBytes(), ok,
                phases.stream().mapToLong(PhaseResult::errors).sum(),
                phases.stream().map(PhaseResult::firstError).filter(e -> e != null).findFirst().orElse(null));
    }
}
