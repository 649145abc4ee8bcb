# AMP for Keycloak as a container image, in Keycloak's documented pattern: a build stage from the
# official image that adds the provider jars and runs `kc.sh build`, and a runtime stage that holds
# only the built installation and starts it optimized.
#
# Build from the repository root, after `mvn -B install -DskipTests` has left the jars in
# server/target/keycloak-<version>/providers:
#
#   docker build -t amp-keycloak .
#
# Run it with PostgreSQL: README, "Container image". ContainerRecipeIT runs these steps (the ENV
# and COPY lines of the build stage, the RUN line, the CMD) on the unpacked distribution in every
# `mvn -B verify`, so the recipe cannot drift from what the suite proves.
ARG KEYCLOAK_VERSION=26.7.3

FROM quay.io/keycloak/keycloak:${KEYCLOAK_VERSION} AS builder
# Build options, fixed into the optimized image: the database kind, the health endpoints, and
# Keycloak's declarative UI, which shows the AMP tab of the realm settings.
ENV KC_DB=postgres
ENV KC_HEALTH_ENABLED=true
ENV KC_FEATURES=declarative-ui
COPY server/target/keycloak-*/providers/amp-*.jar /opt/keycloak/providers/
RUN /opt/keycloak/bin/kc.sh build

FROM quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}
COPY --from=builder /opt/keycloak/ /opt/keycloak/
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
CMD ["start", "--optimized"]
