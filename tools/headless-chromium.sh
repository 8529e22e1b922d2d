#!/bin/sh
# Debian's Chromium in the mode the validators need (used by DAISY Ace's puppeteer runner through
# PUPPETEER_EXECUTABLE_PATH): headless, no sandbox (containers), no background network traffic.
exec /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage "$@"
