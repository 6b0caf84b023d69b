#!/usr/bin/env bash
# Installs Debian's HAProxy (2.6 on Debian 12) for `make cluster`; like .ci/install-chromium.
set -euo pipefail
if command -v haproxy >/dev/null; then exit 0; fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq haproxy >/dev/null
command -v haproxy
