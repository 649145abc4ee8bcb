#!/usr/bin/env bash
# The token benchmark (issue 13): Keycloak from the same distribution as ./run.sh, in production
# mode on a scratch copy, AMP's client scopes attached and detached on the same clients, load from
# a separate JVM. Not part of `mvn -B verify`. See "Benchmarking the token path" in the README
# and docs/performance.md.
#
#   ./benchmark.sh                               the default run: both databases, 3 A/B rounds of 15 s
#   ./benchmark.sh --seconds 3 --rounds 1 --db embedded     a quick trial
#   ./benchmark.sh --scale                       the scale part (long)
#   ./benchmark.sh --profile refresh-ehr         JFR profile of a scenario's AMP arm
#   ./benchmark.sh --help                        every option
#
# Results: token-benchmark/target/benchmark-results.md (Markdown), server logs in
# token-benchmark/target/benchmark-logs/. Ctrl-C stops Keycloak and drops the scratch database.
set -euo pipefail
cd "$(dirname "$0")"

fail() { echo "benchmark.sh: $*" >&2; exit 1; }

build=true
help=false
args=()
for arg in "$@"; do
    case "$arg" in
        --no-build) build=false ;;
        --help|-h) build=false; help=true ;;
        *) args+=("$arg") ;;
    esac
done

java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
command -v "$java_cmd" >/dev/null 2>&1 || fail "no java found: install JDK 17 or newer, or set JAVA_HOME."
java_version=$("$java_cmd" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
java_major=${java_version#1.}
java_major=${java_major%%.*}
[ "${java_major:-0}" -ge 17 ] 2>/dev/null || fail "Keycloak needs JDK 17 or newer, but $java_cmd is Java $java_version: set JAVA_HOME to a JDK 17."

if [ "$build" = true ]; then
    command -v mvn >/dev/null 2>&1 || fail "no mvn found: install Apache Maven 3.8 or newer."
    echo "benchmark.sh: building the server and the benchmark (mvn install -pl server,token-benchmark -am) ..."
    # shellcheck disable=SC2086 # AMP_BENCHMARK_MAVEN_ARGS is a list of options, e.g. "-o"
    mvn -B -q -DskipTests ${AMP_BENCHMARK_MAVEN_ARGS:-} install -pl server,token-benchmark -am || fail "the build failed (see above)."
fi

dist_version=$(sed -n 's:.*<keycloak.dist.version>\(.*\)</keycloak.dist.version>.*:\1:p' pom.xml | head -n 1)
keycloak_home="server/target/keycloak-$dist_version"
jar="token-benchmark/target/amp-token-benchmark.jar"
[ -f "$jar" ] || fail "no $jar: run without --no-build first."
if [ "$help" = true ]; then
    exec "$java_cmd" -jar "$jar" --help
fi
[ -x "$keycloak_home/bin/kc.sh" ] || fail "the build left no Keycloak in $keycloak_home: run without --no-build."

# The load generator's own JVM: small and fixed, so it takes the same share of the machine on every run.
exec "$java_cmd" -Xms256m -Xmx512m -XX:+UseSerialGC -jar "$jar" \
    --distribution "$keycloak_home" --out token-benchmark/target "${args[@]}"
