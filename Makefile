# Two commands on a fresh clone: `make serve` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000

# Material prints a banner about MkDocs 2.0 on every build; the pin `mkdocs<2` handles it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install serve test lint typecheck check unit build bench clean

help:
	@echo "make serve   set up .venv and serve the playbook at http://$(HOST) with live reload"
	@echo "make test    set up .venv and run every check: ruff, mypy, playbook check, pytest, strict build"
	@echo "make build   build the site into site/"
	@echo "make bench   measure check and build at 100, 1,000 and 5,000 scenarios (about 10 min)"
	@echo "make clean   remove .venv, site/ and caches"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(STAMP)

# --livereload: MkDocs 1.6 turns live reload off by mistake unless it is asked for.
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dev-addr $(HOST)

test: lint typecheck check unit build

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

typecheck: $(STAMP)
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/playbook check --strict

unit: $(STAMP)
	$(BIN)/pytest

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

# Not part of `make test`: generates synthetic playbooks into benchmarks/work/ (git-ignored),
# builds each twice and writes benchmarks/RESULTS.md. See benchmarks/README.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache *.egg-info
