#!/usr/bin/env bash
# Writes the distribution's class-data archive (lib/ratchet.jsa): a short `ratchet run` on a loopback API port, with
# the JVM recording every class it loaded (-XX:ArchiveClassesAtExit) when it exits. Run by ratchet-app's package
# phase; a failure (no PostgreSQL at the URL) leaves no archive and does not fail the build: bin/ratchet works
# without one, only its start is slower. Arguments: the distribution folder, the database URL.
set -uo pipefail
dist=$(cd "$1" && pwd)
db_url=$2
log="$dist/../cds-training.log"
rm -f "$dist/lib/ratchet.jsa" "$dist/lib/ratchet.jsa.home"
# the builder's own RATCHET_* settings (Slack tokens, an LLM) must not reach the training run
unset $(compgen -e | grep '^RATCHET_' || true)
if ! RATCHET_CDS=off JAVA_OPTS="-XX:ArchiveClassesAtExit=$dist/lib/ratchet.jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
    "$dist/bin/ratchet" --db-url "$db_url" --set db.schema=ratchet_cds_training \
    --set api.address=127.0.0.1:0 --set llm.url=http://127.0.0.1:9/v1 run --for PT3S >"$log" 2>&1; then
  rm -f "$dist/lib/ratchet.jsa"
  echo "[ratchet] no class-data archive: the training run failed (see $log); bin/ratchet works without it, starting slower"
  exit 0
fi
if [[ -f "$dist/lib/ratchet.jsa" ]]; then
  printf '%s' "$dist" >"$dist/lib/ratchet.jsa.home"
  echo "[ratchet] class-data archive lib/ratchet.jsa: $(du -k "$dist/lib/ratchet.jsa" | cut -f1) KB"
fi
