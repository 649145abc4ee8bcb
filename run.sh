#!/usr/bin/env bash
# Builds AMP for Keycloak and starts Keycloak with every provider, the theme and the demo realms.
# Data stays in ./data between runs (Keycloak's dev-file H2 database). Ctrl-C stops the server.
#
#   ./run.sh                       http://localhost:8080, admin / admin
#   AMP_HTTP_PORT=8180 ./run.sh    another port
#   KC_DB=postgres KC_DB_URL=jdbc:postgresql://127.0.0.1:5432/keycloak KC_DB_USERNAME=postgres ./run.sh
#                                  PostgreSQL instead of the embedded database (see README)
# Any further arguments go to kc.sh start-dev.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

fail() { echo "run.sh: $*" >&2; exit 1; }

java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
command -v "$java_cmd" >/dev/null 2>&1 || fail "no java found: install JDK 17 or newer, or set JAVA_HOME."
java_version=$("$java_cmd" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
java_major=${java_version#1.}
java_major=${java_major%%.*}
[ "${java_major:-0}" -ge 17 ] 2>/dev/null || fail "Keycloak needs JDK 17 or newer, but $java_cmd is Java $java_version: set JAVA_HOME to a JDK 17."
command -v mvn >/dev/null 2>&1 || fail "no mvn found: install Apache Maven 3.8 or newer."

port=${AMP_HTTP_PORT:-8080}
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is already in use (another Keycloak?): stop it, or choose another port with AMP_HTTP_PORT=8180 ./run.sh"
fi

echo "run.sh: building AMP for Keycloak ..."
mvn -B -q -DskipTests install -pl server -am || fail "the build failed (see above)."
dist_version=$(sed -n 's:.*<keycloak.dist.version>\(.*\)</keycloak.dist.version>.*:\1:p' pom.xml | head -n 1)
keycloak_home="server/target/keycloak-$dist_version"
[ -x "$keycloak_home/bin/kc.sh" ] || fail "the build left no Keycloak in $keycloak_home."

db_args=()
if [ -z "${KC_DB:-}" ] || [ "${KC_DB}" = dev-file ]; then
    mkdir -p "$root/data/h2"
    db_args=(--db=dev-file "--db-url=jdbc:h2:file:$root/data/h2/keycloakdb;NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=0")
fi

# Keycloak's declarative UI shows the AMP tab of the realm settings (Realm settings > AMP); a
# KC_FEATURES of your own replaces it, so name declarative-ui there too.
export KC_FEATURES=${KC_FEATURES:-declarative-ui}
export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}
export KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}
echo "run.sh: starting Keycloak at http://localhost:$port (admin / admin; demo users' password: demo) ..."
exec "$keycloak_home/bin/kc.sh" start-dev --http-port="$port" --import-realm "${db_args[@]}" "$@"
