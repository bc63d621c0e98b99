# ML Team Playbook — every target bootstraps .venv from pyproject.toml when it is missing or stale.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JS_STAMP := node_modules/.installed
SPHINXOPTS ?= -n -W --keep-going
BUILDDIR   := _build

.PHONY: help html serve test check check-wide lint generate fuzz bench lighthouse linkcheck clean

help:
	@echo "make html      build the site into $(BUILDDIR)/html"
	@echo "make serve     serve the built site on http://127.0.0.1:8000"
	@echo "make test      run the test suite (builds the site with -W as part of it)"
	@echo "make check     the inner loop: ruff, mypy, import contracts and the unit tests (about 20 s)"
	@echo "make check-wide  make check, then the other tests that need no browser and no site build"
	@echo "make lint      ruff, mypy, import contracts, ESLint, playbook-check lint, a nitpicky site build"
	@echo "make generate  regenerate every generated file (validators, report types, error codes, CLI reference, the form's engine data)"
	@echo "make fuzz      a longer fuzzing run (FUZZ_EXAMPLES=20000 per property)"
	@echo "make bench     benchmarks, printed as ratios"
	@echo "make lighthouse  Lighthouse scores of five pages, mobile and desktop (npx, Chromium)"
	@echo "make clean     remove build output"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) -d $(BUILDDIR)/doctrees . $(BUILDDIR)/html

serve: html
	$(BIN)/python -m http.server --directory $(BUILDDIR)/html --bind 127.0.0.1 8000

# One worker per core (pytest-xdist); a module's tests stay on one worker, so a module-scoped
# site build runs once. The real site is built once per run whatever the workers.
PYTEST_WORKERS ?= auto

test: $(STAMP)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadscope

check: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) -m "not slow and not browser and not site and not fuzz" tests/unit

# The fast tests outside tests/unit too (no browser, no site build): before a push, if not make test.
check-wide: check
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) -m "not slow and not browser and not site and not fuzz" \
		--ignore=tests/unit

# The browser engine's validator is compiled by Ajv in node: npm ci first (never at test time).
generate: $(STAMP) $(JS_STAMP)
	$(BIN)/python -m checker.validate.compile_schemas
	$(BIN)/python -m checker.report.generate_types
	$(BIN)/python -m checker.codes > docs/reference/error-codes.md
	$(BIN)/python -m checker.cli.reference docs/reference/cli.md
	$(BIN)/python -m checker.sphinx.engine_data

# ESLint for the browser scripts, Ajv and esbuild for the engine's validator (npm; only `make lint`
# and `make generate` need them, never `make test`).
$(JS_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $(JS_STAMP)

lint: $(STAMP) $(JS_STAMP)
	node_modules/.bin/eslint .
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/playbook-check lint checklists
	$(BIN)/sphinx-build -b html -n -W --keep-going -q -d $(BUILDDIR)/lint-doctrees . $(BUILDDIR)/lint-html

FUZZ_EXAMPLES ?= 20000

fuzz: $(STAMP)
	PLAYBOOK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests -m fuzz -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

lighthouse: html
	$(BIN)/python bench/lighthouse.py $(BUILDDIR)/html

linkcheck: $(STAMP)
	$(BIN)/sphinx-build -b linkcheck -d $(BUILDDIR)/doctrees . $(BUILDDIR)/linkcheck

clean:
	rm -rf $(BUILDDIR) .pytest_cache .hypothesis node_modules
