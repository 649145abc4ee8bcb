package io.amp.keycloak.tokenbenchmark;

import java.util.List;

/** Values of one figure over the rounds (e.g. the AMP/stock ratio): mean, min and max. */
record Spread(List<Double> values) {

    double mean() {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Half the distance from min to max: how far one round can be from another. */
    double halfRange() {
        return values.isEmpty() ? Double.NaN : (max() - min()) / 2;
    }
}
