package io.amp.keycloak.rules.requests;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which department roles a department may request on a system: its own (the role's
 * {@code department} attribute) and those open to every department (BTG - DRC). A request is
 * refused, with every reason at once, when it names an unknown system or role, a role of another
 * department, a role the subject holds already or has pending, or no role at all.
 */
public final class Eligibility {

    /** Marks a role open to every department ({@code all-departments=true}). */
    public static final String ALL_DEPARTMENTS = "*";

    private Eligibility() {
    }

    /**
     * A refusal the caller can act on; {@code field} names what to change, {@code conflict} marks
     * one caused by the current state (held or pending already) rather than by the request itself.
     */
    public record Refusal(String field, String message, boolean conflict, String role) {
        Refusal(String field, String message) {
            this(field, message, false, null);
        }
    }

    /**
     * @param departmentOfRole for the requested system, each department role key and the department
     *                         that may request it ({@link #ALL_DEPARTMENTS} when every department may);
     *                         empty when the system is unknown
     */
    public static List<Refusal> check(String department, Collection<String> roles, Optional<Map<String, String>> departmentOfRole,
                                      Set<String> held, Set<String> pending) {
        List<Refusal> refusals = new ArrayList<>();
        if (departmentOfRole.isEmpty()) {
            refusals.add(new Refusal("system", "Unknown system: it has no department roles"));
            return refusals;
        }
        if (roles.isEmpty()) {
            refusals.add(new Refusal("roles", "Name at least one department role"));
        }
        for (String role : roles) {
            String owner = departmentOfRole.get().get(role);
            if (owner == null) {
                refusals.add(new Refusal("roles", "'" + role + "' is not a department role of this system"));
            } else if (!openTo(owner, department)) {
                refusals.add(new Refusal("roles", "'" + role + "' is not open to department " + department));
            } else if (held.contains(role)) {
                refusals.add(new Refusal("roles", "'" + role + "' is held already", true, role));
            } else if (pending.contains(role)) {
                refusals.add(new Refusal("roles", "'" + role + "' is already requested and waiting for a decision", true, role));
            }
        }
        return refusals;
    }

    /** A role whose {@code department} attribute is {@code owner} is open to {@code department}. */
    public static boolean openTo(String owner, String department) {
        return owner != null && (owner.equals(ALL_DEPARTMENTS) || owner.equals(department));
    }

    /**
     * The departments, of {@code departments}, that may ask for a role whose {@code department}
     * attribute is {@code owner}, as the request form offers them: an empty list for a role open to
     * every department, else the departments it is open to, sorted; empty when no department of
     * these may ask for it (its department does not exist, or it names none).
     */
    public static Optional<List<String>> openDepartments(String owner, Collection<String> departments) {
        if (ALL_DEPARTMENTS.equals(owner)) {
            return Optional.of(List.of());
        }
        List<String> open = departments.stream().filter(department -> openTo(owner, department)).distinct().sorted().toList();
        return open.isEmpty() ? Optional.empty() : Optional.of(open);
    }

    /** The roles a department may request on a system, sorted. */
    public static List<String> eligibleRoles(String department, Map<String, String> departmentOfRole) {
        return departmentOfRole.entrySet().stream()
                .filter(entry -> entry.getValue().equals(ALL_DEPARTMENTS) || entry.getValue().equals(department))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
