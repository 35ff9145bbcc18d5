#!/usr/bin/env bash
# The whole test suite, from a fresh machine: makes sure PostgreSQL with pgvector is up (scripts/provision-db.sh),
# then builds every module and runs every test with the Maven wrapper. Extra arguments go to Maven
# (e.g. scripts/test.sh -pl ratchet-it -Dtest=JobsTest).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/provision-db.sh
exec ./mvnw -B -ntp verify "$@"
