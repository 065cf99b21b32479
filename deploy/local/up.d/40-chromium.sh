#!/usr/bin/env bash
# Installs Debian's chromium: the browser the console's browser tests drive with playwright-core
# (executablePath /usr/bin/chromium; Playwright's own browser downloads are never used).
# Run by `deploy/local/infra.sh up`; idempotent and quiet when the browser is already there.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
PACKAGE=chromium

log() { printf '[chromium] %s\n' "$*" >&2; }
die() { printf '[chromium] ERROR: %s\n' "$*" >&2; exit 1; }
present() { [ -x "$CHROMIUM" ] && "$CHROMIUM" --headless=new --no-sandbox --version >/dev/null 2>&1; }

if present; then exit 0; fi

command -v apt-get >/dev/null 2>&1 \
  || die "$PACKAGE is missing and apt-get is not available; install Chromium at $CHROMIUM by hand (the browser tests need it)."
[ "$(id -u)" -eq 0 ] \
  || die "$PACKAGE is missing; run as root or install it: sudo apt-get install -y $PACKAGE"

log "installing $PACKAGE (Debian) for the browser tests"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$PACKAGE" fonts-liberation >/dev/null
present || die "$PACKAGE installed but '$CHROMIUM --version' still fails"
log "$("$CHROMIUM" --version) ready"
