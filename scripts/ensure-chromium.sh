#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser tests (Playwright drives it
# through playwright-core; `npx playwright install` downloads a browser build, which these machines
# cannot fetch). Installs it with apt-get when missing; says clearly what to do when that is not possible.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The browser tests need Chromium at $CHROMIUM and this machine has no apt-get." >&2
  echo "Install Chromium with your package manager (or set CHROMIUM_PATH to an installed Chromium) and run again." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd="sudo"
  if ! command -v sudo >/dev/null 2>&1; then
    echo "The browser tests need Chromium at $CHROMIUM: run 'apt-get install -y chromium' as root." >&2
    exit 1
  fi
else
  sudo_cmd=""
fi
echo "Installing Debian's chromium for the browser tests (apt-get install -y chromium)..."
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
if [ ! -x "$CHROMIUM" ]; then
  echo "apt-get finished but $CHROMIUM is still missing; set CHROMIUM_PATH to the installed browser." >&2
  exit 1
fi
echo "Chromium installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
