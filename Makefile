# Two commands to remember: `make serve` and `make test`. `make help` lists all targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
# The folders the build writes into content/<lang>/: catalog.GENERATED_DIRS (a test keeps them equal)
GENERATED := case-studies frameworks company-types departments strategies topics glossary safety-path plans explore checklists routes templates training examples where-to-write sources

export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the output are the last commit's, not the build's.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help setup setup-test serve build validate generate new-case-study l10n-status export new-language schemas offline pdf publish site-url html-checker chromium test test-fast lint bench lock clean

help: ## Show every target with what it does
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"Python 3.11 or newer is needed, found {v.major}.{v.minor}: run make PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

# Locked, hash-checked installs; the project itself is installed editable without fetching a build backend.
$(VENV)/.site-installed: requirements/site.txt pyproject.toml | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r requirements/site.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.test-installed: requirements/test.txt requirements/site.txt pyproject.toml | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r requirements/test.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	@touch $@

setup: $(VENV)/.site-installed ## Create .venv with the locked site dependencies

setup-test: $(VENV)/.test-installed ## Add the locked test dependencies to .venv

# LANG only when given on the command line (make serve LANG=es): the shell's own LANG is a locale.
comma := ,
SERVE_LANG := $(if $(filter command line,$(origin LANG)),$(foreach code,$(subst $(comma), ,$(LANG)),--lang $(code)))

serve: setup ## Build and serve on http://127.0.0.1:8000, rebuilding on every change (LANG=es: one language, quicker)
	$(BIN)/techrights serve --port 8000 $(SERVE_LANG)

build: setup ## Strict build of both languages into site/, side by side (replaced only when the build succeeds)
	$(BIN)/techrights build --site-dir site

validate: setup ## Check data/ and content/ and report every problem with file:line:column
	$(BIN)/techrights validate

generate: setup ## Write the pages generated from data/ into content/<lang>/
	$(BIN)/techrights generate

# Maintainer and translator tools (docs/translating.md, CONTRIBUTING.md). Options go in ARGS:
#   make new-case-study ARGS="--title 'Who did what' --region africa"    (asks for the rest)
#   make l10n-status ARGS="--lang es --json"
new-case-study: setup ## Add a case study to fill in, at its sorted place in data/case_studies.yml
	$(BIN)/techrights new-case-study $(ARGS)

l10n-status: setup ## Untranslated and out-of-date pages, fields and UI strings per language (ARGS="--lang es --json")
	@$(BIN)/techrights l10n-status $(ARGS)

export: setup ## The data as JSON and CSV files in dist/data/ (the site publishes them too, in site/data/)
	@$(BIN)/techrights export $(ARGS)

new-language: setup ## Add a language: make new-language CODE=fr (UI strings, mkdocs.yml, content/fr/)
	@test -n "$(CODE)" || { echo "make new-language CODE=fr: give the language code in CODE" >&2; exit 2; }
	$(BIN)/techrights new-language $(CODE) $(ARGS)

schemas: setup ## Rewrite schemas/*.schema.json from the models; data files point editors at them
	$(BIN)/techrights schemas

offline: setup ## Offline editions, one zip per language, in dist/offline/ (open index.html, no server needed)
	$(BIN)/techrights offline

pdf: setup-test chromium ## The guide as one PDF per language in dist/pdf/ (printed by headless Chromium)
	$(BIN)/techrights pdf $(if $(SITE_URL),--url $(SITE_URL))

# One pipeline run, in this order: each language's offline edition (built once for its zip and its
# PDF), then the site carrying exactly those files. Nothing comes from an earlier dist/ or site/.
publish: site-url setup-test chromium ## The site with this run's offline editions and PDFs in downloads/ (needs SITE_URL)
	$(BIN)/techrights publish

# Checked before anything is installed: a published site needs its address (docs/deploy.md).
site-url:
	@test -n "$(SITE_URL)" || { echo "make publish: set the address the site will have, ending in /: SITE_URL=https://example.org/toolkit/ make publish (docs/deploy.md)" >&2; exit 2; }

# The W3C Nu HTML checker the tests run over every built page: npm's vnu-jar, exactly as
# package-lock.json pins it (its install script, which would download a Java, is not run), on
# Debian's Java, installed here when missing and this is a root shell with apt-get.
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR): package.json package-lock.json
	@command -v npm >/dev/null || { echo "The HTML checker comes from npm: install Node.js and npm (Debian: apt-get install npm), then run make test again." >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

html-checker: $(VNU_JAR) ## Install the W3C Nu HTML checker (vnu-jar from npm, Java from Debian) the tests run
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless; \
	  else echo "The HTML checker needs Java 11 or newer: sudo apt-get install default-jre-headless, then run make test again." >&2; exit 1; fi; }

chromium: setup-test ## Find or install the headless Chromium the browser tests drive
	$(BIN)/python -m techrights.outputs.chromium --install

lint: setup-test ## Lint the Python code and check the import contracts (stages, engine adapter, no cycles)
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

# One pytest-xdist worker per core (at most four): while one waits on a browser, the other builds.
# A test file stays in one worker (--dist loadfile), so a file's own fixtures are made once, and the
# files are handed out in collection order, the long ones first (tests/conftest.py).
test: setup-test chromium html-checker lint ## Set up everything (Chromium included) and run every test
	$(BIN)/pytest --numprocesses auto --maxprocesses 4 --dist loadfile --no-loadscope-reorder

test-fast: setup-test ## Run the tests that need neither a build nor a browser
	$(BIN)/pytest -m "not build and not browser"

LIGHTHOUSE := bench/node_modules/.bin/lighthouse

$(LIGHTHOUSE): bench/package.json bench/package-lock.json
	@command -v npm >/dev/null || { echo "Lighthouse comes from npm: install Node.js and npm, then run make bench again." >&2; exit 1; }
	npm ci --prefix bench --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

bench: setup-test chromium $(LIGHTHOUSE) ## Build time and page weight at 100 and 1,000 case studies vs plain Material; the serve edit loop; Lighthouse (bench/results.md)
	$(BIN)/python bench/bench.py

lock: setup ## Re-resolve requirements/*.txt from pyproject.toml (maintainers; needs the registry)
	$(PIP) install --quiet "pip-tools>=7.4,<8"
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements/site.txt pyproject.toml requirements/build.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --extra test -o requirements/test.txt \
	  pyproject.toml requirements/build.in requirements/test-constraints.in

clean: ## Remove build output and generated pages (keeps .venv)
	rm -rf site site.tmp dist .pytest_cache
	rm -rf $(foreach d,$(GENERATED),content/*/$(d))
	find content -mindepth 1 -maxdepth 1 -type d -empty -delete  # a removed language's folder, emptied
