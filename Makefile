# The two commands: `make run` and `make test`. Both do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-sqlite test-postgres lint browser media-tools pds axe checker clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[compile]'
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

# The market-fit checker compiled with mypyc (about a minute, the first time and after a
# checker module changes; a no-op otherwise). `make run` goes on without it, as plain
# Python; `make test` needs it, since the suite checks with the build users get.
checker: $(VENV)/.installed
	$(BIN)/python scripts/compile_checker.py

run: $(VENV)/.installed
	$(BIN)/python scripts/compile_checker.py --optional
	@# Optional for run: without ffprobe, video uploads are refused and images still work.
	-@$(MAKE) --no-print-directory media-tools || echo "Video uploads stay off until Debian's ffmpeg is installed."
	$(BIN)/onshore up --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads one).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's ffmpeg for video uploads: ffprobe reads a video's container, codecs, size and
# length; ffmpeg strips its metadata (GPS) and draws the poster frame (onshore.media).
media-tools:
	@command -v ffprobe >/dev/null 2>&1 && command -v ffmpeg >/dev/null 2>&1 || { \
		echo "Installing Debian's ffmpeg for video uploads"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null; }

# A real local Bluesky PDS (npm @atproto/dev-env) for the publishing tests.
pds:
	scripts/install_pds.sh

# axe-core (npm) in tests/a11y/node_modules: the browser sweep checks every page with it.
axe:
	scripts/install_axe.sh

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Everything on SQLite, then the data-layer, API and worker tests on a throwaway
# PostgreSQL 15 cluster that scripts/with_postgres.py starts and removes.
test: lint browser media-tools pds axe test-sqlite test-postgres

# pytest-xdist processes: most of the suite waits (subprocesses, servers, timeouts), so
# two of them halve the wall time even on 2 cores (SQLite half: 400 s against about
# 720 s of test time, BENCHMARKS.md). Each has its own fakes, PDS and test database
# (test_onshore_gw0, _gw1 on PostgreSQL). PYTEST_WORKERS=0 runs in one process.
# --dist loadgroup: tests marked xdist_group (the every-page sweep, which loads the demo
# once for its module) stay together on one worker; the rest are spread as before.
PYTEST_WORKERS ?= 2

test-sqlite: $(VENV)/.test-installed pds axe checker
	ONSHORE_DATA_DIR=$(CURDIR)/var/test $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadgroup

test-postgres: $(VENV)/.test-installed checker
	ONSHORE_DATA_DIR=$(CURDIR)/var/test $(BIN)/python scripts/with_postgres.py -- \
		$(BIN)/python -m pytest -q -m postgres -p no:cacheprovider -n $(PYTEST_WORKERS)

clean:
	rm -rf $(VENV) var/test src/onshore/marketfit/_compiled
