#!/usr/bin/env bash
# Stops the delivery stand-ins that up.d/30-standins.sh started. Run by `deploy/local/infra.sh down`;
# idempotent. Stand-ins started some other way (a test run spawns its own) are left alone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
PID_FILE="$ROOT/.local/standins/standins.pid"

log() { printf '[standins] %s\n' "$*" >&2; }

pid="$(cat "$PID_FILE" 2>/dev/null || true)"
# Only a pid whose command line is our runner counts: a recycled pid must never be signalled.
if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null || ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'run-standins.mjs'; then
  log "the stand-ins are not running (started by infra.sh)"
  rm -f "$PID_FILE"
  exit 0
fi

log "stopping the stand-ins (pid $pid)"
kill "$pid"
for _ in $(seq 1 10); do
  if ! kill -0 "$pid" 2>/dev/null; then rm -f "$PID_FILE"; exit 0; fi
  sleep 1
done
log "the stand-ins did not stop within 10s: killing pid $pid"
kill -9 "$pid" 2>/dev/null || true
# Wait for it to be gone, so stand-ins started next can bind the same ports.
for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
rm -f "$PID_FILE"
