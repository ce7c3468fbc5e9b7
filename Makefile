# Two commands do everything: `make run` and `make test`. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Development defaults; production sets its own environment (see README).
export DEBUG ?= 1
export DJANGO_SETTINGS_MODULE ?= yjs.settings

.PHONY: run test lint venv deps frontend migrate demo serve browsers screenshots clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $$(scripts/find_python.sh) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check --upgrade pip
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

venv deps: $(VENV)/.installed

frontend:
	scripts/build_frontend.sh

migrate: deps
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_sefton_plan
	$(PY) manage.py load_sefton_indicators
	$(PY) manage.py load_sefton_agencies
	$(PY) manage.py load_demo_users

# The queue's worker (board packs, imports, bulk updates) runs beside the web
# server and stops with it: Ctrl-C reaches both, and the trap ends the worker
# however the server stops.
run: deps frontend demo
	@$(PY) manage.py demo_login_help --url http://$(HOST):$(PORT)/
	@$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Browser tests drive Debian's Chromium (Playwright cannot download its own here).
# As root, install it and poppler (pdftoppm) when missing; otherwise those tests skip.
browsers:
	@if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null) \
	      || echo "Could not install chromium/poppler-utils: browser tests will be skipped."; \
	  else echo "Chromium or pdftoppm missing and not root: browser tests will be skipped (apt-get install chromium poppler-utils)."; fi; \
	fi

test: deps frontend browsers
	$(PY) -m pytest $(PYTEST_ARGS)

# Pyflakes and the syntax errors (the rules in pyproject.toml): unused imports, undefined names.
lint: deps
	$(VENV)/bin/ruff check .

# PNGs of the key pages and the board pack's pages, for a person to look through.
screenshots: deps frontend browsers
	$(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) node_modules static/dist staticfiles db.sqlite3 .pytest_cache
