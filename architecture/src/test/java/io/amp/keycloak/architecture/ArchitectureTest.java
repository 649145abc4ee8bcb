package io.amp.keycloak.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure of the provider code, checked on the jars an operator installs (main classes
 * only). docs/architecture.md explains it; these rules keep it true:
 * rules <- common <- permissions <- {requests, elevation}; consultant beside them on common.
 */
@AnalyzeClasses(packages = "io.amp.keycloak", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String BASE = "io.amp.keycloak.";
    private static final List<String> FEATURES = List.of("permissions", "requests", "elevation", "consultant");

    /** No two packages import each other, directly or round a loop: each layer can be read and changed alone. */
    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("io.amp.keycloak.(**)").should().beFreeOfCycles();

    /** The decisions are plain Java: no Keycloak, no JAX-RS, no JPA, no other AMP code. */
    @ArchTest
    static final ArchRule rules_are_plain_java = classes().that().resideInAPackage("io.amp.keycloak.rules..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.amp.keycloak.rules..", "java..");

    /**
     * Keycloak's cache implementation is not an SPI: one class may use it (the site sets kept in the
     * realm cache), so that a change of it in a Keycloak release touches one file.
     */
    @ArchTest
    static final ArchRule keycloak_cache_internals_in_one_class = noClasses()
            .that().doNotHaveFullyQualifiedName(BASE + "consultant.jpa.SiteCache")
            .and().doNotHaveFullyQualifiedName(BASE + "consultant.jpa.SiteCache$CachedSiteKeys")
            .should().dependOnClassesThat().resideInAPackage("org.keycloak.models.cache.infinispan..");

    /** Shared infrastructure serves every feature and knows none. */
    @ArchTest
    static final ArchRule infrastructure_imports_no_feature = noClasses().that().resideInAPackage("io.amp.keycloak.common..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES.stream().map(f -> BASE + f + "..").toArray(String[]::new));

    /** One dependency direction between the features: requests and elevation build on permissions, nothing builds on them. */
    @ArchTest
    static final ArchRule features_in_one_direction = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Rules").definedBy("io.amp.keycloak.rules..")
            .layer("Common").definedBy("io.amp.keycloak.common..")
            .layer("Permissions").definedBy("io.amp.keycloak.permissions..")
            .layer("Requests").definedBy("io.amp.keycloak.requests..")
            .layer("Elevation").definedBy("io.amp.keycloak.elevation..")
            .layer("Consultant").definedBy("io.amp.keycloak.consultant..")
            .whereLayer("Common").mayOnlyBeAccessedByLayers("Permissions", "Requests", "Elevation", "Consultant")
            .whereLayer("Permissions").mayOnlyBeAccessedByLayers("Requests", "Elevation")
            .whereLayer("Requests").mayNotBeAccessedByAnyLayer()
            .whereLayer("Elevation").mayNotBeAccessedByAnyLayer()
            .whereLayer("Consultant").mayNotBeAccessedByAnyLayer();

    /**
     * A feature uses another only through its root package (PermissionResolver, SessionElevation,
     * RoleExpiry...), never through its internals: its JPA entities, resources, mappers or listeners.
     */
    @ArchTest
    static void features_use_only_each_others_root_package(JavaClasses classes) {
        for (String feature : FEATURES) {
            String[] othersInternals = FEATURES.stream().filter(other -> !other.equals(feature))
                    .map(other -> BASE + other + ".*..").toArray(String[]::new);
            noClasses().that().resideInAPackage(BASE + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(othersInternals)
                    .because(feature + " may use another feature's root package only")
                    .check(classes);
        }
    }
}
