# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run serve test test-postgres lint fmt bench install install-dev browser lock check-deploy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(VENV)/.run-installed $@

install: $(VENV)/.run-installed
install-dev: $(VENV)/.dev-installed

## run: install, migrate, load the content files and serve on SQLite.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_content
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## serve: the README's production command (set the environment first; see README, Production).
## No forwarded header is trusted unless FORWARDED_ALLOW_IPS names the proxy (only with BEHIND_PROXY=1).
FORWARDED_ALLOW_IPS ?=
WORKERS ?= 3
serve: install
	$(BIN)/gunicorn companion.asgi:application -k uvicorn_worker.UvicornWorker --bind 0.0.0.0:$(PORT) \
		--workers $(WORKERS) --forwarded-allow-ips "$(FORWARDED_ALLOW_IPS)" --no-control-socket

## browser: Debian's Chromium for the browser tests (never a downloaded build).
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Chromium is missing and cannot be installed here: browser tests will be skipped (a failure when CI=true)."; \
		fi; \
	fi

## test: everything the tests need, then every test.
test: install-dev browser
	$(BIN)/python -m pytest

## lint: the format, the lint rules, the one-way dependency contract and a type check of every app (CI runs it first).
lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	DEBUG=1 $(BIN)/mypy

## fmt: format and fix what the lint rules can fix by themselves.
fmt: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## test-postgres: every test again on a throwaway PostgreSQL server (Debian's packages, loopback).
test-postgres: install-dev browser
	url=$$(bash .ci/postgres.sh) && DATABASE_URL=$$url $(BIN)/python -m pytest

## bench: speed, weight, query counts and scale side by side with a floor; writes docs/performance.md.
## Connections after bursts run on DATABASE_URL if it is PostgreSQL, else on a throwaway server from
## .ci/postgres.sh when Debian's PostgreSQL is installed; else that part says it was skipped.
LIGHTHOUSE_DIR := bench/.lighthouse
bench: install-dev browser
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(BIN)/pip install -q -r bench/requirements.txt
	@[ -f $(LIGHTHOUSE_DIR)/node_modules/lighthouse/cli/index.js ] || npm install --silent --prefix $(LIGHTHOUSE_DIR) lighthouse@12.2.3
	LIGHTHOUSE=$(LIGHTHOUSE_DIR)/node_modules/lighthouse/cli/index.js $(BIN)/python bench/run.py $(BENCH_ARGS)

## lock: re-pin the whole dependency tree from pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install -q $$($(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(" ".join(p["dependencies"]))')
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^setuptools==' > requirements.txt
	.lock-venv/bin/pip install -q $$($(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(" ".join(p["optional-dependencies"]["dev"]))')
	(echo "-r requirements.txt"; .lock-venv/bin/pip freeze --exclude-editable | grep -v '^setuptools==' | grep -vxFf requirements.txt) > requirements-dev.txt
	$(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["optional-dependencies"]["redis"]))' > requirements-redis.txt
	rm -rf .lock-venv

## check-deploy: Django's deployment checklist under production settings.
check-deploy: install
	SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') ALLOWED_HOSTS=example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING
