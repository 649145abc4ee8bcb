package io.amp.keycloak.benchmarks;

import io.amp.keycloak.rules.permissions.EffectivePermissions;
import io.amp.keycloak.rules.permissions.PermissionCatalog;
import io.amp.keycloak.rules.permissions.PermissionRule;
import io.amp.keycloak.rules.permissions.SeedCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Resolution for a user who holds the whole seed-001 catalog (52 permissions) through 20 roles:
 * each permission is reached through the 2 or 3 of the 20 department-style roles that include it.
 * {@code token} is what a token costs (the catalog validated, then the keys resolved);
 * {@code explain} also builds every explanation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResolutionBenchmark {

    private static final int ROLES = 20;

    private List<PermissionRule> rules;
    private PermissionCatalog catalog;
    private Map<String, List<String>> grants;

    @Setup
    public void setUp() {
        rules = SeedCatalog.rules();
        catalog = PermissionCatalog.of(rules);
        grants = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(catalog.keys());
        for (int i = 0; i < keys.size(); i++) {
            List<String> paths = new ArrayList<>();
            for (int role = i % ROLES; role < ROLES; role += 7) {
                paths.add("group /departments/team-" + role + " > department-role-" + role + " > " + keys.get(i));
            }
            grants.put(keys.get(i), paths);
        }
        if (EffectivePermissions.keys(catalog, grants.keySet()).size() != 52) {
            throw new IllegalStateException("The benchmark user should hold the whole catalog");
        }
    }

    @Benchmark
    public List<String> token() {
        return EffectivePermissions.keys(PermissionCatalog.of(rules), grants.keySet());
    }

    @Benchmark
    public List<String> resolveOnly() {
        return EffectivePermissions.keys(catalog, grants.keySet());
    }

    @Benchmark
    public EffectivePermissions.Resolution explain() {
        return EffectivePermissions.resolve(PermissionCatalog.of(rules), grants);
    }

    @Benchmark
    public PermissionCatalog validateCatalog() {
        return PermissionCatalog.of(rules);
    }
}
