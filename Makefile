# Makefile for the ML Systems Design Checklists project.
#
# A newcomer needs only Python 3.10+ and GNU make:
#   make serve   build and serve the site on http://127.0.0.1:8000
#   make test    run the whole suite (browser tests need Chromium, see README.md)
#
# Everything runs from the virtual environment in .venv, which is created on
# first use and refreshed whenever pyproject.toml changes.

PYTHON ?= python3
VENV = .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed

# Hide Material's end-of-life banner about MkDocs 2.0 / Zensical.
export NO_MKDOCS_2_WARNING = 1
export PIP_DISABLE_PIP_VERSION_CHECK = 1

.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
.PHONY: help install serve build lint typecheck validate test fuzz bench compat clean

help: ## Show this help
	@echo "Usage: make <target>"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# The stamp file records a successful install; it is older than pyproject.toml
# after any change to the dependencies, which triggers a re-install.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[docs,test,dev]'
	touch $@

install: $(STAMP) ## Create .venv and install the package with all extras

serve: $(STAMP) ## Build and serve the site on http://127.0.0.1:8000 (live reload)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) ## Build the site into site/ (strict: warnings are errors)
	$(BIN)/mkdocs build --strict --site-dir site

lint: $(STAMP) ## Check style and formatting with ruff
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP) ## Type-check with mypy (strict, configured in pyproject.toml)
	$(BIN)/mypy

validate: $(STAMP) ## Validate checklists/ and examples/ with the checklist CLI
	$(BIN)/checklist validate

# The steps run one after another in a single recipe, so the first failure
# stops the run (also under make -j or make -k).
test: $(STAMP) ## Run lint, typecheck, validate, build, then pytest (incl. browser tests)
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory typecheck
	$(MAKE) --no-print-directory validate
	$(MAKE) --no-print-directory build
	$(BIN)/python -m pytest -W error

fuzz: $(STAMP) ## Fuzz the loader with 100,000 random and mutated files per test (long)
	CHECKLIST_FUZZ_EXAMPLES=100000 $(BIN)/python -m pytest -W error -q -k fuzz tests/test_hardening.py

BASE ?= origin/main

compat: $(STAMP) ## Check checklist versions against BASE (default origin/main)
	@tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	git archive "$(BASE)" checklists | tar -x -C "$$tmp" && \
	$(BIN)/checklist compat "$$tmp"

bench: $(STAMP) ## Measure against peers and write docs/benchmarks.md
	$(BIN)/python benchmarks/run.py

clean: ## Remove site/, .venv and caches
	rm -rf site $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis \
		test-results dist build
	find . -path ./.git -prune -o \( -name __pycache__ -o -name '*.egg-info' \) \
		-type d -prune -exec rm -rf {} +
