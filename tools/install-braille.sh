#!/usr/bin/env bash
# Installs liblouis for the braille edition (idempotent): Debian's liblouis20, liblouis-data and its
# Python binding python3-louis. There is no maintained PyPI wheel, so the core build stays PyPI-only
# and this optional format installs what it needs the first time `make braille` (or `make test`) runs.
set -euo pipefail
if [ -f /usr/lib/python3/dist-packages/louis/__init__.py ] && ls /usr/share/liblouis/tables/en-ueb-g2.ctb >/dev/null 2>&1; then
  exit 0
fi
echo "Installing Debian packages for the braille edition: liblouis20 liblouis-data python3-louis"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends liblouis20 liblouis-data python3-louis >/dev/null
