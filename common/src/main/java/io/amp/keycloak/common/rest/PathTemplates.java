package io.amp.keycloak.common.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations an AMP API serves, as path templates gathered from its resource classes
 * (sub-resource locators followed), so that the audit can name the ids of a call however early it
 * was refused: a refusal in a locator comes before JAX-RS has matched the ids below it.
 */
final class PathTemplates {

    private static final int MAX_DEPTH = 6;
    private static final Map<Class<?>, List<List<String>>> CACHE = new ConcurrentHashMap<>();

    private PathTemplates() {
    }

    /**
     * The ids a call names, in path order: the segments that stand where a template of the API has
     * a parameter. Empty when no operation of the API has this shape.
     */
    static Optional<List<String>> ids(Class<?> resource, List<String> segments) {
        return CACHE.computeIfAbsent(resource, PathTemplates::templates).stream()
                .filter(template -> matches(template, segments))
                // Where two templates fit, the one with more literal segments is the operation called.
                .max(Comparator.comparingLong(template -> template.stream().filter(segment -> !isParameter(segment)).count()))
                .map(template -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < template.size(); i++) {
                        if (isParameter(template.get(i))) {
                            ids.add(segments.get(i));
                        }
                    }
                    return ids;
                });
    }

    private static boolean matches(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            if (!isParameter(template.get(i)) && !template.get(i).equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<List<String>> templates(Class<?> resource) {
        List<List<String>> templates = new ArrayList<>();
        collect(resource, List.of(), templates, 0);
        return templates;
    }

    private static void collect(Class<?> resource, List<String> prefix, List<List<String>> templates, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (Method method : resource.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            List<String> full = new ArrayList<>(prefix);
            if (path != null) {
                for (String segment : path.value().split("/")) {
                    if (!segment.isEmpty()) {
                        full.add(segment);
                    }
                }
            }
            if (isOperation(method)) {
                templates.add(full);
            } else if (path != null) {
                collect(method.getReturnType(), full, templates, depth + 1);
            }
        }
    }

    private static boolean isOperation(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }
}
