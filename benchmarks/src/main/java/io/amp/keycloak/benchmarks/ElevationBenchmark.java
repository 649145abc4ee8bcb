package io.amp.keycloak.benchmarks;

import io.amp.keycloak.rules.elevation.Elevation;
import io.amp.keycloak.rules.elevation.ElevationPolicy;
import io.amp.keycloak.rules.permissions.EffectivePermissions;
import io.amp.keycloak.rules.permissions.PermissionCatalog;
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

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What an elevation adds to a token of the seed-001 catalog, for a user holding Emergency Access
 * and a dozen everyday permissions: {@code plain} is the token path without a session note;
 * {@code elevated} reads the note, decides the grant and resolves again with the three elevated
 * permissions, as {@code PermissionResolver.inSession} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ElevationBenchmark {

    private PermissionCatalog catalog;
    private Set<String> held;
    private String note;
    private long now;

    @Setup
    public void setUp() {
        catalog = PermissionCatalog.of(SeedCatalog.rules());
        held = new HashSet<>(catalog.keys().stream().filter(key -> !ElevationPolicy.ELEVATED.contains(key)).limit(12).toList());
        held.add(ElevationPolicy.EMERGENCY_ACCESS);
        now = System.currentTimeMillis();
        note = new Elevation("4f1c2a9e-0000-4000-8000-000000000001", Elevation.Kind.EMERGENCY_ACCESS, "client-uuid",
                now - 60_000, now + 3_600_000).toNote();
        if (elevated().size() != EffectivePermissions.keys(catalog, held).size() + 3) {
            throw new IllegalStateException("The elevation should add exactly the three permissions");
        }
    }

    @Benchmark
    public List<String> plain() {
        List<String> base = EffectivePermissions.keys(catalog, held);
        ElevationPolicy.grants(Elevation.fromNote(null), "client-uuid", Set.copyOf(base), now, ElevationPolicy.permissions(null));
        return base;
    }

    @Benchmark
    public List<String> elevated() {
        List<String> base = EffectivePermissions.keys(catalog, held);
        Optional<Elevation> elevation = Elevation.fromNote(note);
        Set<String> grants = ElevationPolicy.grants(elevation, "client-uuid", Set.copyOf(base), now, ElevationPolicy.permissions(null));
        Set<String> all = new HashSet<>(held);
        all.addAll(grants);
        return EffectivePermissions.keys(catalog, all);
    }
}
