# Sportello — `make run` to try it, `make test` for everything CI runs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
# The address links name (e-mails written to instance/mail/, canonical URLs); the app answers only to its host.
# Serving others on the network (HOST=0.0.0.0), give the address they type: SITE_URL=http://192.168.1.20:5000.
ifndef SITE_URL
SITE_URL := $(or $(FLASK_SITE_URL),http://$(subst 0.0.0.0,localhost,$(HOST)):$(PORT))
endif
export FLASK_APP := wsgi.py

.PHONY: run test test-postgres test-cluster cluster cluster-stop cluster-packages check translations update-translations chromium lighthouse bench clean
NODE_DIR := tests/e2e/node
OIDC_DIR := tests/oidc_provider

# The virtual environment is rebuilt when a requirements file changes (e.g. after `git pull`).
$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

translations: $(BIN)/.installed
	$(BIN)/pybabel compile --use-fuzzy -q -d translations 2>/dev/null || $(BIN)/pybabel compile -d translations

run: export FLASK_SITE_URL := $(SITE_URL)
# The demo's brand team may try two-factor sign-in; production requires it (FLASK_STAFF_2FA).
run: export FLASK_STAFF_2FA ?= optional
run: translations
	$(BIN)/flask db upgrade
	$(BIN)/flask demo seed --if-empty
	@echo "Sportello is at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	$(BIN)/flask run --host "$(HOST)" --port "$(PORT)"

# Debian's Chromium drives the browser tests; Playwright cannot download browsers here.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Chromium at /usr/bin/chromium (or set CHROMIUM) for the browser tests." >&2; fi; \
	fi

# axe-core and Lighthouse for the browser checks, pinned by their package-lock.json.
$(NODE_DIR)/node_modules/.installed: $(NODE_DIR)/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	cd $(NODE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The OpenID provider the sign-in tests run on loopback (oidc-provider), pinned by its package-lock.json.
$(OIDC_DIR)/node_modules/.installed: $(OIDC_DIR)/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	cd $(OIDC_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Lighthouse's four scores for a demo question page and the FAQ (exits 1 below SEO/accessibility 100, others 95).
lighthouse: $(BIN)/.installed-dev translations chromium $(NODE_DIR)/node_modules/.installed
	$(BIN)/python tests/e2e/lighthouse.py

# Everything on SQLite, then the integration tests again on PostgreSQL.
test: $(BIN)/.installed-dev translations chromium $(NODE_DIR)/node_modules/.installed $(OIDC_DIR)/node_modules/.installed check
	env -u TEST_DATABASE_URL $(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-cluster

# A throw-away PostgreSQL server for the run (Debian's postgresql is installed when missing).
test-postgres: $(BIN)/.installed-dev translations $(OIDC_DIR)/node_modules/.installed
	bash tests/postgres/run.sh $(BIN)/python -m pytest tests/integration

# Several app servers on this machine (docs/deploy.md): PostgreSQL, Redis, two gunicorn servers and HAProxy in
# front, each on a free loopback port, with the demo community. Prints the address; Ctrl-C or `make cluster-stop`
# (from another shell) stops everything.
CLUSTER_PACKAGES := postgresql redis-server haproxy wrk
cluster-packages:
	@missing=""; for p in $(CLUSTER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

cluster: $(BIN)/.installed translations cluster-packages
	$(BIN)/python -m deploy.cluster --demo

cluster-stop:
	$(BIN)/python -m deploy.cluster stop

# What must hold across app servers, and the failure drills, against such a cluster (tests/cluster/).
test-cluster: $(BIN)/.installed-dev translations cluster-packages
	$(BIN)/python -m pytest tests/cluster

# Lint, types (mypy, configured in pyproject.toml), security lint (no medium or high bandit finding), and
# known vulnerabilities in the pinned requirements (pip-audit asks PyPI's advisory service; where it cannot
# be reached it lists each package as not audited and only a vulnerability found fails).
# Benchmark against the budgets (not part of `make test`): databases in instance/bench/, results in
# bench/results/. `make bench DB=postgres` runs it on a throw-away PostgreSQL server.
DB ?= sqlite
bench: $(BIN)/.installed-dev translations
	@command -v wrk >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi; }
	if [ "$(DB)" = postgres ]; then bash tests/postgres/run.sh $(BIN)/python bench/run.py --db postgres $(BENCH_ARGS); \
	else $(BIN)/python bench/run.py $(BENCH_ARGS); fi

check: $(BIN)/.installed-dev
	$(BIN)/ruff check app tests bench
	$(BIN)/mypy
	$(BIN)/bandit -r app -q -ll 2>&1 | grep -v "nosec encountered"; exit $${PIPESTATUS[0]}
	$(BIN)/pip-audit -r requirements.txt --no-deps --disable-pip --progress-spinner off

update-translations: $(BIN)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) .pytest_cache
