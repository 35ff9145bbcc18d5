#!/usr/bin/env bash
# Records the SPI of a release as the compatibility baseline, and a module jar compiled against it.
#
#   ratchet-spi/compat/update-baseline.sh 0.2.0
#
# 1. builds ratchet-spi from the current sources and stores it as ratchet-spi/compat/ratchet-spi-<version>.jar, the
#    jar japicmp compares every later build against (set <spi.baseline.version> in ratchet-spi/pom.xml to <version>);
# 2. compiles the example module (examples/oncall-module) against that jar alone and stores it as
#    ratchet-it/src/test/resources/compat/oncall-module-spi-<version>.jar, which SpiCompatibilityTest loads through
#    --plugins-style loading into the current Ratchet. Keep the fixtures of earlier releases: each one is a module
#    built against an SPI that must still load.
# Run it at a release, from the release's sources, and commit both jars. See CONTRIBUTING.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
version="${1:?usage: $0 VERSION (the SPI release being recorded, e.g. 0.2.0)}"

./mvnw -B -ntp -q -pl ratchet-spi -Djapicmp.skip=true -DskipTests package
baseline="ratchet-spi/compat/ratchet-spi-${version}.jar"
cp ratchet-spi/target/ratchet-spi-*.jar "${baseline}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
printf 'Implementation-Version: %s\n' "${version}" > "${work}/manifest"
jar --update --file "${baseline}" --manifest "${work}/manifest" 2>/dev/null # warns that it replaces the version

example=examples/oncall-module
mkdir -p "${work}/classes/META-INF/services"
javac --release 17 -d "${work}/classes" -cp "${baseline}" $(find "${example}/src/main/java" -name '*.java')
cp "${example}/src/main/resources/META-INF/services/dev.ratchet.spi.RatchetModule" "${work}/classes/META-INF/services/"
printf 'Implementation-Version: 1.0.0-spi-%s\n' "${version}" > "${work}/manifest"
fixture="ratchet-it/src/test/resources/compat/oncall-module-spi-${version}.jar"
jar --create --file "${fixture}" --manifest "${work}/manifest" -C "${work}/classes" .
echo "wrote ${baseline} and ${fixture}"
