#!/usr/bin/env bash
# Makes sure a headless Chromium exists for the report's browser test
# (test/batch.e2e.test.ts). Installs Debian's chromium where it is missing.
# Quiet when there is nothing to do.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then exit 0; fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "labgrade: no chromium found and this machine cannot install one (needs root and apt-get); install chromium to run the report's browser test." >&2
  exit 1
fi
echo "labgrade: installing Debian's chromium (headless browser for the report test)..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
