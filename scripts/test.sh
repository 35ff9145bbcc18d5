#!/usr/bin/env bash
# The whole test suite, from a fresh machine (what CI runs through .ci/run):
#  1. makes sure PostgreSQL with pgvector is up (scripts/provision-db.sh);
#  2. builds every module, runs every test and installs the artifacts in the local Maven repository, so that
#  3. the example module (examples/oncall-module, its own Maven project) builds and tests against the fresh SPI and
#     testkit, and
#  4. the distribution just built finds the example's jar through --plugins.
# Extra arguments make a narrower run: they go to Maven and steps 3-4 are skipped
# (e.g. scripts/test.sh -pl ratchet-it -am -Dtest=JobsTest -Dsurefire.failIfNoSpecifiedTests=false).
# Safe to run again; any failing step stops it with a non-zero exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/provision-db.sh

if [[ $# -gt 0 ]]; then
  exec ./mvnw -B -ntp verify "$@"
fi

./mvnw -B -ntp install

echo "== the distribution's lib/ (the class path of 'ratchet run') holds no test kit, JUnit or emulator jar"
bad="$(ls ratchet-app/target/ratchet/lib | grep -E '^(ratchet-testkit|ratchet-devtools|junit|opentest4j|apiguardian|awaitility|hamcrest|assertj|jline-reader)-' || true)"
if [[ -n "${bad}" ]]; then
  echo "FAILED: ratchet-app/target/ratchet/lib has jars that belong in lib/devtools/ (shell and bench only):" >&2
  echo "${bad}" >&2
  exit 1
fi
test -d ratchet-app/target/ratchet/lib/devtools || { echo "FAILED: no lib/devtools/ jar set in the distribution" >&2; exit 1; }
echo "ok: lib/ has no test kit; lib/devtools/ has $(ls ratchet-app/target/ratchet/lib/devtools | wc -l) jar(s)"

example=examples/oncall-module
echo "== ${example}: build and test against the SPI and testkit just installed"
./mvnw -B -ntp -f "${example}/pom.xml" clean verify

echo "== ${example}: the distribution loads its jar with --plugins"
plugins="$(mktemp -d)"
trap 'rm -rf "${plugins}"' EXIT
jar="$(ls "${example}"/target/oncall-module-*.jar)"
cp "${jar}" "${plugins}/"
listing="$(ratchet-app/target/ratchet/bin/ratchet modules --plugins "${plugins}" --json)"
expected="{\"id\":\"oncall\",\"enabled\":true,\"version\":\"1.0.0\",\"source\":\"${plugins}/$(basename "${jar}")\""
if ! grep -qF "${expected}" <<<"${listing}"; then
  echo "FAILED: 'ratchet modules --plugins ${plugins} --json' does not list the example module as ${expected}..." >&2
  echo "It printed: ${listing}" >&2
  exit 1
fi
echo "ok: ratchet modules --plugins lists oncall 1.0.0 from $(basename "${jar}")"
