#!/usr/bin/env bash
# Starts the delivery stand-ins (deploy/local/standins: SMTP with STARTTLS and its read-back API,
# and the GOV.UK Notify stand-in) in the background, unless they already answer. Run by
# `deploy/local/infra.sh up`; idempotent: running it twice is the same as once.
# State under <repo>/.local/standins/: standins.pid, standins.log, the self-signed certificate.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
STATE="$ROOT/.local/standins"
PID_FILE="$STATE/standins.pid"
LOG_FILE="$STATE/standins.log"
SMTP_HOST="${SMTP_STANDIN_HOST:-127.0.0.1}"
NOTIFY_HOST="${NOTIFY_STANDIN_HOST:-127.0.0.1}"
SMTP_PORT="${SMTP_STANDIN_PORT:-2525}"
SMTP_HTTP_PORT="${SMTP_STANDIN_HTTP_PORT:-8025}"
NOTIFY_PORT="${NOTIFY_STANDIN_PORT:-8090}"
TIMEOUT="${STANDINS_START_TIMEOUT_SECONDS:-20}"

log() { printf '[standins] %s\n' "$*" >&2; }
die() { printf '[standins] ERROR: %s\n' "$*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
healthy() {
  node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1/health"
}
all_healthy() {
  port_open "$SMTP_HOST" "$SMTP_PORT" && healthy "http://$SMTP_HOST:$SMTP_HTTP_PORT" && healthy "http://$NOTIFY_HOST:$NOTIFY_PORT"
}
# Only a pid whose command line is our runner counts: a recycled pid must never be mistaken for it.
our_pid() {
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'run-standins.mjs'; then
    echo "$pid"
  fi
}

if all_healthy; then
  log "already answering: SMTP $SMTP_HOST:$SMTP_PORT (inbox http://$SMTP_HOST:$SMTP_HTTP_PORT/messages), Notify http://$NOTIFY_HOST:$NOTIFY_PORT"
  exit 0
fi

if [ -z "$(our_pid)" ]; then
  for port in "$SMTP_PORT" "$SMTP_HTTP_PORT"; do
    port_open "$SMTP_HOST" "$port" && die "port $SMTP_HOST:$port is taken by something that is not the stand-ins; free it or set SMTP_STANDIN_PORT / SMTP_STANDIN_HTTP_PORT"
  done
  port_open "$NOTIFY_HOST" "$NOTIFY_PORT" && die "port $NOTIFY_HOST:$NOTIFY_PORT is taken by something that is not the stand-ins; free it or set NOTIFY_STANDIN_PORT"
  mkdir -p "$STATE"
  log "starting the SMTP and GOV.UK Notify stand-ins (log: $LOG_FILE)"
  printf '\n--- %s start ---\n' "$(date -u +%FT%TZ)" >>"$LOG_FILE"
  nohup node "$ROOT/deploy/local/standins/run-standins.mjs" </dev/null >>"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
fi

waited=0
until all_healthy; do
  if [ -z "$(our_pid)" ]; then
    tail -20 "$LOG_FILE" >&2 || true
    die "the stand-ins exited during start (log: $LOG_FILE)"
  fi
  if [ "$waited" -ge "$TIMEOUT" ]; then
    tail -20 "$LOG_FILE" >&2 || true
    die "the stand-ins did not answer /health within ${TIMEOUT}s (log: $LOG_FILE)"
  fi
  sleep 1
  waited=$((waited + 1))
done
log "SMTP $SMTP_HOST:$SMTP_PORT (STARTTLS required; CA file $STATE/smtp-standin.cert.pem), inbox http://$SMTP_HOST:$SMTP_HTTP_PORT/messages, Notify http://$NOTIFY_HOST:$NOTIFY_PORT"
