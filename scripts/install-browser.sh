#!/bin/sh
# Install Debian's Chromium for the browser tests (Playwright drives it through
# executable_path=/usr/bin/chromium; Playwright's own browser download needs the network).
# Idempotent and quick when Chromium is already there. Runs as root (no sudo).
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: /usr/bin/chromium is missing and apt-get is not available;" \
         "install Chromium yourself (the browser tests are skipped without it)" >&2
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser: run as root to install chromium with apt-get" \
         "(the browser tests are skipped without it)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; }; then
    echo "install-browser: apt-get could not install chromium" \
         "(the browser tests are skipped without it)" >&2
fi
