package io.amp.keycloak.rules.permissions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Resolves what a user may do on one system: the granted permissions, closed under
 * {@code implies}, minus those whose requirements are unmet and those the catalog marks broken.
 * A permission that is withheld implies nothing, and one that requires it is withheld in turn.
 */
public final class EffectivePermissions {

    private EffectivePermissions() {
    }

    /** Why an effective permission is there: the grants that hold it, and the effective permissions that imply it. */
    public record Explanation(String permission, List<String> grantedBy, List<String> impliedBy) {
    }

    /** Why a permission that was granted or implied is not effective. */
    public record Withheld(String permission, String reason) {
    }

    public record Resolution(List<String> effective, List<Explanation> explanations, List<Withheld> withheld) {
    }

    /**
     * @param grants each granted permission key with the ways it is held (role, group or composite
     *               paths); keys that are not in the catalog are ignored
     */
    public static Resolution resolve(PermissionCatalog catalog, Map<String, ? extends Collection<String>> grants) {
        Fixpoint fixpoint = fixpoint(catalog, grants.keySet());
        return new Resolution(List.copyOf(new TreeSet<>(fixpoint.effective())),
                explain(catalog, grants, fixpoint.effective()), withheld(catalog, fixpoint.candidates(), fixpoint.effective()));
    }

    /** Only the sorted keys, as the token needs them: no explanation is built. */
    public static List<String> keys(PermissionCatalog catalog, Set<String> granted) {
        return List.copyOf(new TreeSet<>(fixpoint(catalog, granted).effective()));
    }

    private record Fixpoint(Set<String> candidates, Set<String> effective) {
    }

    private static Fixpoint fixpoint(PermissionCatalog catalog, Set<String> grantedKeys) {
        Set<String> granted = new HashSet<>(grantedKeys);
        granted.retainAll(catalog.keys());
        Set<String> candidates = reach(catalog, granted, key -> true);
        Set<String> effective = new HashSet<>(candidates);
        effective.removeIf(catalog::isBroken);
        while (true) {
            Set<String> valid = new HashSet<>();
            for (String key : effective) {
                if (catalog.rule(key).isSatisfiedBy(effective)) {
                    valid.add(key);
                }
            }
            Set<String> sources = new HashSet<>(granted);
            sources.retainAll(valid);
            Set<String> next = reach(catalog, sources, valid::contains);
            if (next.equals(effective)) {
                return new Fixpoint(candidates, effective);
            }
            effective = next;
        }
    }

    private static Set<String> reach(PermissionCatalog catalog, Set<String> from, Predicate<String> allowed) {
        Set<String> reached = new HashSet<>(from);
        Deque<String> queue = new ArrayDeque<>(from);
        while (!queue.isEmpty()) {
            PermissionRule rule = catalog.rule(queue.poll());
            for (String implied : rule.implies()) {
                if (catalog.contains(implied) && allowed.test(implied) && reached.add(implied)) {
                    queue.add(implied);
                }
            }
        }
        return reached;
    }

    private static List<Explanation> explain(PermissionCatalog catalog, Map<String, ? extends Collection<String>> grants,
                                             Set<String> effective) {
        Map<String, Explanation> explanations = new TreeMap<>();
        for (String key : effective) {
            List<String> impliedBy = effective.stream()
                    .filter(other -> catalog.rule(other).implies().contains(key))
                    .sorted()
                    .toList();
            Collection<String> grantedBy = grants.get(key);
            explanations.put(key, new Explanation(key,
                    grantedBy == null ? List.of() : grantedBy.stream().sorted().distinct().toList(), impliedBy));
        }
        return List.copyOf(explanations.values());
    }

    private static List<Withheld> withheld(PermissionCatalog catalog, Set<String> candidates, Set<String> effective) {
        List<Withheld> withheld = new ArrayList<>();
        for (String key : new TreeSet<>(candidates)) {
            if (effective.contains(key)) {
                continue;
            }
            PermissionRule rule = catalog.rule(key);
            if (catalog.isBroken(key)) {
                withheld.add(new Withheld(key, "its rules are misconfigured; see the catalog validation"));
                continue;
            }
            Set<String> missing = new TreeSet<>(rule.requires());
            missing.removeAll(effective);
            if (!missing.isEmpty()) {
                withheld.add(new Withheld(key, "requires " + String.join(", ", missing)));
            } else if (!rule.requiresAny().isEmpty() && rule.requiresAny().stream().noneMatch(effective::contains)) {
                withheld.add(new Withheld(key, "requires one of " + String.join(", ", new TreeSet<>(rule.requiresAny()))));
            } else {
                withheld.add(new Withheld(key, "implied only by permissions that are withheld"));
            }
        }
        return withheld;
    }
}
