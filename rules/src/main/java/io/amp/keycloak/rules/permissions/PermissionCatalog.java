package io.amp.keycloak.rules.permissions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The permissions of one system and their rules, validated. A permission whose rule names an
 * unknown permission, or that lies on a cycle of rules, is broken: it is withheld from everyone
 * (fail closed) until the catalog is fixed, and {@link #problems()} says why.
 */
public final class PermissionCatalog {

    private final Map<String, PermissionRule> rules;
    private final List<CatalogProblem> problems;
    private final Set<String> broken;

    private PermissionCatalog(Map<String, PermissionRule> rules, List<CatalogProblem> problems, Set<String> broken) {
        this.rules = rules;
        this.problems = problems;
        this.broken = broken;
    }

    /**
     * @param rules          the readable rules, one per permission
     * @param unreadable     problems found while reading rules (the permission named is broken)
     */
    public static PermissionCatalog of(Collection<PermissionRule> rules, Collection<CatalogProblem> unreadable) {
        Map<String, PermissionRule> byKey = new LinkedHashMap<>();
        rules.forEach(rule -> byKey.put(rule.key(), rule));
        List<CatalogProblem> problems = new ArrayList<>(unreadable);
        Set<String> broken = new HashSet<>();
        unreadable.forEach(problem -> broken.add(problem.permission()));

        for (PermissionRule rule : byKey.values()) {
            checkReferences(rule, PermissionRule.REQUIRES, rule.requires(), byKey, problems, broken);
            checkReferences(rule, PermissionRule.REQUIRES_ANY, rule.requiresAny(), byKey, problems, broken);
            checkReferences(rule, PermissionRule.IMPLIES, rule.implies(), byKey, problems, broken);
        }
        for (List<String> cycle : cycles(byKey)) {
            problems.add(new CatalogProblem(cycle.get(0), null, "rules form a cycle: " + String.join(" -> ", cycle)));
            broken.addAll(cycle);
        }
        return new PermissionCatalog(Collections.unmodifiableMap(byKey), List.copyOf(problems), Set.copyOf(broken));
    }

    public static PermissionCatalog of(Collection<PermissionRule> rules) {
        return of(rules, List.of());
    }

    public boolean contains(String key) {
        return rules.containsKey(key);
    }

    public PermissionRule rule(String key) {
        return rules.get(key);
    }

    public Set<String> keys() {
        return rules.keySet();
    }

    public List<CatalogProblem> problems() {
        return problems;
    }

    public boolean isBroken(String key) {
        return broken.contains(key);
    }

    private static void checkReferences(PermissionRule rule, String attribute, Set<String> references,
                                        Map<String, PermissionRule> byKey, List<CatalogProblem> problems, Set<String> broken) {
        for (String reference : new TreeSet<>(references)) {
            if (!byKey.containsKey(reference)) {
                String why = reference.contains("/")
                        ? "names '" + reference + "', a role of another client: rules may only name permissions of their own client"
                        : "names '" + reference + "', which is not a permission of this client";
                problems.add(new CatalogProblem(rule.key(), attribute, why));
                broken.add(rule.key());
            }
        }
    }

    /** Cycles in the graph of all rule edges (requires, requires-any, implies), each reported once. */
    private static List<List<String>> cycles(Map<String, PermissionRule> byKey) {
        Map<String, Set<String>> edges = new HashMap<>();
        byKey.values().forEach(rule -> {
            Set<String> targets = new TreeSet<>();
            targets.addAll(rule.requires());
            targets.addAll(rule.requiresAny());
            targets.addAll(rule.implies());
            targets.retainAll(byKey.keySet());
            edges.put(rule.key(), targets);
        });
        List<List<String>> cycles = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        List<String> path = new ArrayList<>();
        for (String start : new TreeSet<>(byKey.keySet())) {
            visit(start, edges, state, path, cycles);
        }
        return cycles;
    }

    private static void visit(String node, Map<String, Set<String>> edges, Map<String, Integer> state,
                              List<String> path, List<List<String>> cycles) {
        Integer seen = state.get(node);
        if (seen != null) {
            if (seen == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
                cycle.add(node);
                cycles.add(cycle);
            }
            return;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            visit(next, edges, state, path, cycles);
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
    }
}
