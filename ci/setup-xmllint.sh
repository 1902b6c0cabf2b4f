#!/usr/bin/env bash
# Makes sure xmllint exists for the JUnit schema tests (runner/report/junit.test.ts,
# test/fixtures.e2e.test.ts validate every junit.xml against test/support/junit.xsd).
# Installs Debian's libxml2-utils where it is missing. Quiet when there is nothing to do.
set -euo pipefail

if command -v xmllint >/dev/null 2>&1; then exit 0; fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "labgrade: no xmllint found and this machine cannot install one (needs root and apt-get); install libxml2-utils to run the JUnit schema tests." >&2
  exit 1
fi
echo "labgrade: installing Debian's libxml2-utils (xmllint, for the JUnit schema tests)..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libxml2-utils >/dev/null
