#!/usr/bin/env bash
# Ratchet's main job on a fresh machine, with nothing configured: provisions PostgreSQL + pgvector, builds the
# distribution, brings the database schema up to date, and lists the modules found.
# (When the operations modules land, this becomes 'ratchet demo'.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./ratchet migrate
./ratchet modules
