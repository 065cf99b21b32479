#!/usr/bin/env bash
# Starts the delivery stand-ins (deploy/local/standins: SMTP with STARTTLS and its read-back API,
# and the GOV.UK Notify stand-in) in the background, unless they already answer. Run by
# `deploy/local/infra.sh up`; idempotent: running it twice is the same as once.
# Pid and log under <repo>/.local/standins/. The self-signed key and certificate live in one
# directory for the whole machine, $CPC_STANDINS_DIR (default ~/.cache/cpc-platform/standins), and
# <repo>/.local/standins/smtp-standin.cert.pem (the notifications service's default SMTP_CA_FILE)
# links to it, so a second checkout trusts the stand-ins the first started. Stand-ins that answer
# with a certificate no checkout here has are refused with a message, never trusted blindly.
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
SHARED="${CPC_STANDINS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cpc-platform/standins}"
case "$SHARED" in /*) ;; *) SHARED="$PWD/$SHARED" ;; esac
CA_FILE="$SHARED/smtp-standin.cert.pem"
LOCAL_CA="$STATE/smtp-standin.cert.pem"

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

fingerprint() { openssl x509 -noout -fingerprint -sha256 -in "$1" 2>/dev/null || true; }
served_fingerprint() {
  openssl s_client -starttls smtp -connect "$SMTP_HOST:$SMTP_PORT" </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256 2>/dev/null || true
}
# Certificates the answering stand-ins may serve: the machine's shared one, this checkout's own from
# before the shared directory, and (Linux, best effort) the one of the checkout whose runner listens.
candidates() {
  echo "$CA_FILE"
  [ -L "$LOCAL_CA" ] || echo "$LOCAL_CA"
  local pid script env
  pid="$(ss -ltnpH "sport = :$SMTP_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
  [ -n "$pid" ] || return 0
  script="$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep 'run-standins.mjs$' || true)"
  [ -n "$script" ] || return 0
  env="$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null || true)"
  for key in SMTP_STANDIN_CERT_DIR CPC_STANDINS_DIR; do
    printf '%s\n' "$env" | sed -n "s/^$key=//p" | sed 's|$|/smtp-standin.cert.pem|'
  done
  echo "$(cd "$(dirname "$script")/../../.." && pwd)/.local/standins/smtp-standin.cert.pem"
}
# Points this checkout's default CA file at the certificate the stand-ins serve, or refuses.
trust_answering_standins() {
  local served candidate
  served="$(served_fingerprint)"
  [ -n "$served" ] || die "the stand-ins answer on $SMTP_HOST:$SMTP_PORT but their STARTTLS certificate could not be read (is openssl installed?)"
  while read -r candidate; do
    [ -n "$candidate" ] && [ -f "$candidate" ] && [ "$(fingerprint "$candidate")" = "$served" ] || continue
    mkdir -p "$STATE"
    [ "$candidate" = "$LOCAL_CA" ] || ln -sfn "$candidate" "$LOCAL_CA"
    echo "$candidate"
    return 0
  done < <(candidates)
  die "stand-ins already answer on $SMTP_HOST:$SMTP_PORT with a certificate no checkout here has (not $CA_FILE): this checkout cannot trust them. Stop them where they were started (bash <that checkout>/deploy/local/infra.sh down) and run this again, or give this checkout ports of its own (SMTP_STANDIN_PORT, SMTP_STANDIN_HTTP_PORT, NOTIFY_STANDIN_PORT)."
}

if all_healthy; then
  trusted="$(trust_answering_standins)"
  log "already answering: SMTP $SMTP_HOST:$SMTP_PORT (inbox http://$SMTP_HOST:$SMTP_HTTP_PORT/messages), Notify http://$NOTIFY_HOST:$NOTIFY_PORT; CA file $trusted"
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
  CPC_STANDINS_DIR="$SHARED" nohup node "$ROOT/deploy/local/standins/run-standins.mjs" </dev/null >>"$LOG_FILE" 2>&1 &
  started=$!
  echo "$started" >"$PID_FILE"
fi

# The process just started is ours whatever its command line says: right after the fork it is still
# this shell until it execs node (a loaded machine showed that moment, and `our_pid` took it for dead).
alive() {
  if [ -n "${started:-}" ]; then kill -0 "$started" 2>/dev/null; else [ -n "$(our_pid)" ]; fi
}

waited=0
until all_healthy; do
  if ! alive; then
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
trusted="$(trust_answering_standins)"
log "SMTP $SMTP_HOST:$SMTP_PORT (STARTTLS required; CA file $trusted), inbox http://$SMTP_HOST:$SMTP_HTTP_PORT/messages, Notify http://$NOTIFY_HOST:$NOTIFY_PORT"
