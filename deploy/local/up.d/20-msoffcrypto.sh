#!/usr/bin/env bash
# Installs Debian's python3-msoffcrypto-tool: the independent reader the documents service's
# integration tests use to prove that officecrypto-tool's encrypted Word files open with the
# password and only with it (R-DEL-PAR, R-DEL-PWD; STACK.md "Documents").
# Run by `deploy/local/infra.sh up`; idempotent and quiet when the module is already there.
# The system interpreter is used explicitly: the machine's default `python3` may be a pyenv
# build that cannot see Debian's python3-* packages.
set -euo pipefail

PYTHON=/usr/bin/python3
PACKAGE=python3-msoffcrypto-tool

log() { printf '[msoffcrypto] %s\n' "$*" >&2; }
die() { printf '[msoffcrypto] ERROR: %s\n' "$*" >&2; exit 1; }
present() { [ -x "$PYTHON" ] && "$PYTHON" -c 'import msoffcrypto' >/dev/null 2>&1; }

if present; then exit 0; fi

command -v apt-get >/dev/null 2>&1 \
  || die "$PACKAGE is missing and apt-get is not available; install msoffcrypto-tool for $PYTHON by hand."
[ "$(id -u)" -eq 0 ] \
  || die "$PACKAGE is missing; run as root or install it: sudo apt-get install -y $PACKAGE"

log "installing $PACKAGE (Debian) for $PYTHON"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$PACKAGE" >/dev/null
present || die "$PACKAGE installed but '$PYTHON -c \"import msoffcrypto\"' still fails"
log "$PACKAGE ready"
