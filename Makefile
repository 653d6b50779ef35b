# The two commands of the README, and the steps they stand on.
# Every difference between a laptop, CI and production is an environment variable.

.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
# Every Python dependency, pinned with the hashes of its files; `make lock` regenerates it.
LOCK := requirements.lock
UV_VERSION := 0.13.9
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

.PHONY: help setup run test lint bench lock clean

help:
	@echo "make run    set up, load the demo data and serve the portal on http://$(HOST):$(PORT),"
	@echo "           with a Celery worker beside it"
	@echo "make test   set up and run the whole test suite"
	@echo "make lint   ruff, import layers and migration checks"
	@echo "make bench  time building board packs (not a test; BENCH_ARGS='--runs 5')"
	@echo "make lock   upgrade $(LOCK) to the newest versions pyproject.toml allows"

$(PY):
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
	  echo "The portal needs Python 3.12 or newer (Django 6): install python3.13 or python3.12 and run make again." >&2; \
	  exit 1; \
	fi
	$(PYTHON_FOR_VENV) -m venv $(VENV)

# Exactly the pinned wheels, checked against their hashes: what CI tested is what runs. The
# portal itself is not installed; it runs from this folder (manage.py, celery -A icp_portal).
$(VENV)/.installed: $(LOCK) | $(PY)
	$(PY) -m pip install --quiet --require-hashes --only-binary :all: -r $(LOCK)
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed

# Pack builds and the other tasks run in a Celery worker beside the server, never in a web
# request: with no CELERY_BROKER_URL, on the embedded broker (message files under .broker/),
# so this configuration behaves like production. The worker also runs the schedule (--beat:
# builds that could not reach a worker, or were lost with one, are sent again). It is not
# reloaded with the server's code, and stops (finishing the task under way) when the server
# stops.
WORKER_ARGS ?= --loglevel INFO
export CELERY_BROKER_FOLDER ?= $(CURDIR)/.broker
run: setup
	mkdir -p $(CELERY_BROKER_FOLDER)/messages $(CELERY_BROKER_FOLDER)/control
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(VENV)/bin/celery -A icp_portal worker --beat --schedule $(CELERY_BROKER_FOLDER)/beat-schedule \
	  $(WORKER_ARGS) & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
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

# Resolves pyproject.toml's ranges for Python 3.12 and newer on every platform. Review the
# diff, run make test, commit. LOCK_UPGRADE= keeps the current pins and only adds what
# pyproject.toml gained; LOCK_UPGRADE="--upgrade-package django" moves one package.
LOCK_UPGRADE ?= --upgrade
lock: | $(PY)
	$(PY) -m venv $(VENV)/lock-tools
	$(VENV)/lock-tools/bin/pip install --quiet uv==$(UV_VERSION)
	$(VENV)/lock-tools/bin/uv pip compile pyproject.toml --extra test --universal \
	  --python-version 3.12 --generate-hashes --custom-compile-command "make lock" \
	  $(LOCK_UPGRADE) --quiet -o $(LOCK)

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles *.egg-info .broker
