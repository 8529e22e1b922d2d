# almanac_build — `make` builds every format into output/, `make test` runs the tests.
# Another source tree: make SOURCE=path/to/source OUTPUT=path/to/output
# The first run creates .venv and installs the pinned dependencies from PyPI (Pandoc comes as a wheel).

PYTHON ?= python3
SOURCE ?= source
OUTPUT ?= output
PORT ?= 8000
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
ALMANAC := $(PY) -m almanac_build --source $(SOURCE) --output $(OUTPUT)
INPUTS := $(shell find $(SOURCE) styles src -type f ! -name '*.pyc' 2>/dev/null) pyproject.toml
BYTECODE := $(VENV)/.bytecode

.PHONY: all html pdf docx epub braille check test bench preview validate screenshots clean distclean help

all: $(OUTPUT)/.built  ## build every format into output/ (only when something changed)

$(OUTPUT)/.built: $(BYTECODE) $(INPUTS)
	@$(ALMANAC) build
	@touch $@

html docx epub pdf: $(BYTECODE)  ## build one format
	@$(ALMANAC) build --format $@

braille: $(BYTECODE)  ## the braille edition, output/<name>.brf (GRADE=1: uncontracted); installs liblouis the first time
	@bash tools/install-braille.sh
	@$(ALMANAC) build --format $(if $(filter 1,$(GRADE)),braille-uncontracted,braille) --format downloads

check: $(BYTECODE)  ## build if needed, run the accessibility checks, write output/reports/ (fails on errors)
	@$(ALMANAC) check $(if $(STRICT),--strict,)

test: $(VENV)/.installed-test $(BYTECODE) .tools/.installed  ## run the test suite (installs the validators the first time)
	$(PY) -m pytest -q

validate: $(VENV)/.installed-test .tools/.installed  ## run only the external validators on the built outputs
	$(PY) -m pytest -q -m validators

.tools/.installed: tools/package.json tools/install-validators.sh pyproject.toml $(VENV)/.installed
	@bash tools/install-validators.sh

screenshots: $(OUTPUT)/.built .tools/.installed  ## PNGs of the HTML pages at 320, 768 and 1280 px wide in output/screenshots/
	@rm -rf $(OUTPUT)/screenshots
	@node tools/browser-check.js --screenshots $(OUTPUT)/screenshots $$(ls $(OUTPUT)/*.html | grep -v '/index.html$$') $(OUTPUT)/index.html >/dev/null
	@ls $(OUTPUT)/screenshots

bench: $(VENV)/.installed-bench $(BYTECODE) .tools/.installed  ## time the build against the reference pipelines and the preview's edit-to-page latency; writes output/bench.md and output/bench-preview.md
	@$(PY) -m bench
	@$(PY) -m bench.preview --source $(SOURCE) --output $(OUTPUT)

preview: $(BYTECODE)  ## serve the HTML edition on 127.0.0.1 (PORT=8000), rebuilt on every save, with the source findings beside it
	@$(ALMANAC) preview --port $(PORT)

clean:  ## remove everything the build wrote
	rm -rf $(OUTPUT)

distclean: clean  ## also remove the virtual environment and the validators
	rm -rf $(VENV) .tools

help:
	@grep -E '^[a-z][a-z -]*:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PIP) install -e .
	@touch $@

# The tool is installed editable, so pip compiles none of its modules; where PYTHONDONTWRITEBYTECODE is
# set, every run would compile them again (0.05-0.1 s a command). Compiled here whenever one changes.
$(BYTECODE): $(VENV)/.installed $(filter %.py,$(INPUTS))
	@$(PY) -m compileall -q src >/dev/null
	@touch $@

$(VENV)/.installed-bench: $(VENV)/.installed
	@$(PIP) install -e '.[bench]'
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	@$(PIP) install -e '.[test]'
	@touch $@
