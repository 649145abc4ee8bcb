package io.amp.keycloak.tokenbenchmark;

/**
 * One timed phase: a scenario in one arm, one round.
 *
 * @param ok               token requests answered 200 with an access token
 * @param errors           anything else (counted, not timed)
 * @param seconds          wall time from the start signal until the last client stopped
 * @param latencies        nanoseconds of the successful requests, sorted
 * @param cpuSeconds       the Keycloak JVM's CPU seconds (user + system) during the phase; NaN where unknown
 * @param accessTokenBytes size of the last access token
 * @param responseBytes    size of the last token response body
 * @param firstError       what the first failed request answered, for the report; null when none failed
 */
record PhaseResult(String scenario, Arm arm, int round, long ok, long errors, double seconds, long[] latencies,
                   double cpuSeconds, int accessTokenBytes, int responseBytes, String firstError) {

    double throughput() {
        return ok / seconds;
    }

    double p50() {
        return Latencies.percentileMillis(latencies, 0.50);
    }

    double p99() {
        return Latencies.percentileMillis(latencies, 0.99);
    }

    /** Keycloak CPU seconds per 1,000 successful token requests. */
    double cpuPerThousand() {
        return ok == 0 ? Double.NaN : cpuSeconds / ok * 1000;
    }
}
