package io.amp.keycloak.rules.consultant;

import java.util.Collection;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A portal user's access level: the highest level among the realm roles they hold (Account Admin,
 * Department Admin, ..., BTT Admin each carry one). Anyone at or above the consultant threshold
 * (80 in seed 002: Partner and BTT users) is a consultant, whose site data access is denied until
 * granted.
 */
public record AccessLevel(OptionalInt level, int consultantThreshold) {

    public static final String LEVEL_ATTRIBUTE = "access-level";
    public static final int DEFAULT_CONSULTANT_THRESHOLD = 80;

    public AccessLevel {
        Objects.requireNonNull(level);
    }

    /**
     * @param roleLevels the {@value #LEVEL_ATTRIBUTE} attribute of each role the user holds; roles
     *                   without one are passed as null and do not count, nor does a value that is not
     *                   a whole number (a misconfigured role never raises anyone)
     */
    public static AccessLevel of(Collection<String> roleLevels, int consultantThreshold) {
        OptionalInt highest = roleLevels.stream()
                .filter(Objects::nonNull)
                .map(String::trim)
                .filter(value -> value.matches("-?\\d{1,9}"))
                .mapToInt(Integer::parseInt)
                .max();
        return new AccessLevel(highest, consultantThreshold);
    }

    public boolean isConsultant() {
        return level.isPresent() && level.getAsInt() >= consultantThreshold;
    }
}
