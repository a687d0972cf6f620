# IQA District. Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian/Ubuntu packages: Pango for WeasyPrint, Thai fonts, poppler for PDF checks,
# Chromium for the browser tests, gettext for translations, postgresql-client for backups,
# Node.js for pdf.js (the PDF reader tests; where Node.js comes without npm, system-deps
# adds Debian's npm).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig \
	fonts-thai-tlwg poppler-utils chromium gettext postgresql-client nodejs
PDFJS_DIR := tests/pdf/js
PYTEST_ARGS ?=
# make bench ARGS=--quick (under 3 minutes) or ARGS=--national (245 offices)
ARGS ?=
# apt waits up to this many seconds for the dpkg lock (unattended-upgrades on a fresh
# machine holds it for minutes) instead of failing.
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300

.PHONY: run test lint format worker beat bench system-deps deps migrate seed reset-demo clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

# Installs missing system packages when run as root; otherwise says what is missing.
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
			echo "Installing system packages:$$missing"; \
			$(APT_GET) update -qq && $(APT_GET) install -y -qq --no-install-recommends $$missing; \
		else \
			echo "Missing system packages (install them as root):$$missing"; \
		fi; \
	fi
	@if ! command -v npm >/dev/null; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
			$(APT_GET) install -y -qq --no-install-recommends npm; \
		else \
			echo "Missing: npm (install it as root)"; \
		fi; \
	fi

# pdf.js, pinned in its package-lock.json, for the PDF reader tests.
$(PDFJS_DIR)/node_modules/.package-lock.json: $(PDFJS_DIR)/package-lock.json
	npm ci --prefix $(PDFJS_DIR) --no-audit --no-fund

deps: system-deps $(VENV)/.installed $(PDFJS_DIR)/node_modules/.package-lock.json

migrate: deps
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo

run: seed
	@echo ""
	@echo "IQA District: http://$(HOST):$(PORT)/  (demo logins, password demo12345:"
	@echo "  admin, supervisor, executive, school, school2, committee)"
	@echo "  Background jobs: a Celery worker runs beside the web server; Ctrl+C stops both."
	@echo ""
	$(MANAGE) run_embedded $(HOST):$(PORT)

# Throws the embedded demo database away (SQLite only; refuses any other) and seeds it again.
reset-demo: deps
	$(MANAGE) reset_demo --noinput

test: deps
	$(PY) -m pytest $(PYTEST_ARGS)

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(MANAGE) makemigrations --check --dry-run

format: deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

worker: deps
	$(VENV)/bin/celery -A iqa_district worker --loglevel=info --concurrency=2

beat: deps
	$(VENV)/bin/celery -A iqa_district beat --loglevel=info

bench: migrate
	$(MANAGE) bench $(ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
