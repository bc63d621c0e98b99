# ML Team Playbook — every target bootstraps .venv from pyproject.toml when it is missing or stale.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPHINXOPTS ?= -n -W --keep-going
BUILDDIR   := _build

.PHONY: help html serve test lint fuzz bench lighthouse linkcheck clean

help:
	@echo "make html      build the site into $(BUILDDIR)/html"
	@echo "make serve     serve the built site on http://127.0.0.1:8000"
	@echo "make test      run the test suite (builds the site with -W as part of it)"
	@echo "make lint      ruff, mypy --strict, playbook-check lint and a nitpicky site build"
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

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
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
	rm -rf $(BUILDDIR) .pytest_cache .hypothesis
