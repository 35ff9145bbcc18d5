#!/usr/bin/env bash
# Ratchet's main job on a fresh machine, with nothing configured: provisions PostgreSQL + pgvector, builds the
# distribution, then runs 'ratchet demo': imports a sample workspace, classifies and embeds it, and prints the weekly
# report, a runbook for the recurring alert, a search and the bot's usage. Set RATCHET_LLM_URL to use an LLM.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec ./ratchet demo "$@"
