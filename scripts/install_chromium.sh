#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (tests/test_browser.py).
#
# Why apt and not `playwright install`: this machine (and CI) reach the Debian archive but not
# Playwright's own browser downloads. Playwright drives /usr/bin/chromium through
# executable_path. This script never fails the build: when it cannot install (not root, no apt,
# no network) it says so loudly and the browser tests skip with the reason.
set -u

if [ -x /usr/bin/chromium ]; then
    echo "install_chromium: /usr/bin/chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_chromium: WARNING no apt-get on this machine; browser tests will be SKIPPED" >&2
    exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install_chromium: WARNING not root and no passwordless sudo; browser tests will be SKIPPED" >&2
        exit 0
    fi
fi

echo "install_chromium: installing Debian's chromium (apt-get) ..."
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -qq >/tmp/install_chromium.log 2>&1 \
   && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >>/tmp/install_chromium.log 2>&1; then
    echo "install_chromium: installed $(/usr/bin/chromium --version 2>/dev/null)"
else
    echo "install_chromium: WARNING apt-get failed (see /tmp/install_chromium.log); browser tests will be SKIPPED" >&2
    tail -5 /tmp/install_chromium.log >&2 || true
fi
exit 0
