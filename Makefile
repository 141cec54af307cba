# The two commands that matter: `make demo` and `make test`. Everything else is a step of theirs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= elearning.settings.dev

.PHONY: demo test test-fast lint format install assets migrate seed serve chromium totp bench clean audit check-deploy

## demo: install everything, migrate SQLite, load demo content and serve on http://127.0.0.1:8000
demo: install assets migrate seed serve

## test: install everything (Chromium included) and run the whole suite
test: install assets chromium
	DJANGO_SETTINGS_MODULE=elearning.settings.test $(PY) -m pytest -n 2 $(PYTEST_ARGS)

## test-fast: the suite without browser journeys
test-fast: install assets
	DJANGO_SETTINGS_MODULE=elearning.settings.test $(PY) -m pytest -m "not e2e" $(PYTEST_ARGS)

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed
	node scripts/build-assets.mjs

## migrate: the schema, then the database cache's table (production uses it without Redis;
## with a cache of another kind the second command does nothing)
migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

seed: install
	$(PY) manage.py seed_demo

serve:
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## chromium: browser tests drive Debian's Chromium; install it when missing (needs root)
chromium:
	@if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null; \
	else \
		echo "The browser tests need Chromium. Install it with: sudo apt-get install chromium"; exit 1; \
	fi

## bench: measure the site under gunicorn with wrk (not part of make test); see README
bench: install assets
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = "0" ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || { echo "Install wrk: sudo apt-get install wrk"; exit 1; }
	$(PY) -m bench.run $(BENCH_ARGS)

## totp: print the current authenticator code shared by the demo accounts
totp: install
	@$(PY) manage.py demo_totp

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## check-deploy: Django's deployment checks with production settings
check-deploy: install assets
	DJANGO_SETTINGS_MODULE=elearning.settings.production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(60))') \
		ENCRYPTION_KEY=$$($(PY) -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
		ALLOWED_HOSTS=learning.example.org $(PY) manage.py check --deploy --fail-level WARNING

## audit: known vulnerabilities with a fix available in the locked dependencies fail the run
audit: install
	$(PY) scripts/audit.py

clean:
	rm -rf $(VENV) node_modules elearning/static/vendor elearning/static/css staticfiles
