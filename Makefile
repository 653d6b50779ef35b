# The two commands of the README, and the steps they stand on.
# Every difference between a laptop, CI and production is an environment variable.

.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
export DEBUG ?= true
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12 or newer. Prefer python3.13/python3.12 on the PATH; pyenv
# versions that are installed but not selected answer "command not found" through their
# shims, so ask pyenv for them by name.
PYTHON_FOR_VENV ?= $(shell \
  for v in 3.13 3.12; do \
    if python$$v -c 'import sys' >/dev/null 2>&1; then command -v python$$v; exit 0; fi; \
  done; \
  if command -v pyenv >/dev/null 2>&1; then \
    for v in 3.13 3.12; do \
      p=$$(pyenv versions --bare 2>/dev/null | grep -E "^$$v(\.[0-9]+)*$$" | sort -V | tail -n 1); \
      b="$$(pyenv root)/versions/$$p/bin/python$$v"; \
      if [ -n "$$p" ] && [ -x "$$b" ]; then echo "$$b"; exit 0; fi; \
    done; \
  fi)

.PHONY: help setup run test lint bench clean

help:
	@echo "make run    set up, load the demo data and serve the portal on http://$(HOST):$(PORT)"
	@echo "make test   set up and run the whole test suite"
	@echo "make lint   ruff, import layers and migration checks"
	@echo "make bench  time building board packs (not a test; BENCH_ARGS='--runs 5')"

$(PY):
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
	  echo "The portal needs Python 3.12 or newer (Django 6): install python3.13 or python3.12 and run make again." >&2; \
	  exit 1; \
	fi
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

# A benchmark, not a test: prints timings against the targets and never fails on a miss.
# Real Celery workers when CELERY_BROKER_URL (Redis) and a PostgreSQL DATABASE_URL are set.
bench: setup
	$(PY) manage.py bench_packs $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles *.egg-info
