#!/usr/bin/env bash
# Installs what the browser, Redis and spreadsheet tests need, when this machine lets us (root + apt).
# Never fails the build: the tests that need a missing program skip with a loud reason.
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# the spreadsheet test opens the exported workbook in LibreOffice (tests/test_export_xlsx.py)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install_system_deps: cannot install ${need[*]} (need root and apt); those tests will be skipped." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
  && echo "install_system_deps: installed ${need[*]}" \
  || echo "install_system_deps: apt-get install ${need[*]} failed; those tests will be skipped." >&2
exit 0
