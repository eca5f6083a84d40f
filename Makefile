# thidua-archive — `make help` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= data/archive.db
PORT   ?= 8001
STAMP  := $(VENV)/.installed
ARTICLES ?= 20000
SEEDS  ?= 8
JITTER ?= 300

.DEFAULT_GOAL := help
.PHONY: help install demo test test-fast eval bench jitter crawl serve lint system-deps clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,redis]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the project with its test tools

demo: $(STAMP) ## rebuild data/archive.db from the bundled sample sites, then serve Datasette on :8001 (PORT=N another port, DEMO_NO_SERVE=1 exit after building)
	$(BIN)/thidua demo --db $(DB) --port $(PORT)

system-deps: ## install Chromium (browser tests) and redis-server when apt is usable; skipped otherwise
	-@bash scripts/install_chromium.sh
	-@bash scripts/install_system_deps.sh

test: $(STAMP) system-deps ## everything demo needs, then the whole test suite
	$(BIN)/python -m pytest -q

test-fast: $(STAMP) ## tests without the browser and crawl suites
	$(BIN)/python -m pytest -q -m "not browser and not crawl"

eval: $(STAMP) ## extraction and meeting quality on ../shared/realworld, against pinned floors
	$(BIN)/python scripts/eval.py

bench: $(STAMP) ## index build, archive size, search latency (SQLite, HTTP) and ingest, against their peers (ARTICLES=1000000 for the goals' scale)
	$(BIN)/thidua bench --articles $(ARTICLES)

jitter: $(STAMP) ## arrival-order sweep: every blind site set, site and route crawled under JITTER ms (default 300) of seeded jitter, seeds 1..SEEDS (default 8); CONCURRENCY=N: N requests per site at once; SETS=…, SITES=…: only those (slow: ~25 s a crawl, 3+ hours for 8 seeds on a loaded 2-core machine; not part of `make test`)
	$(BIN)/python scripts/jitter_sweep.py --seeds $(SEEDS) --jitter $(JITTER) $(if $(CONCURRENCY),--concurrency $(CONCURRENCY)) $(if $(SETS),--sets $(SETS)) $(if $(SITES),--sites $(SITES))

crawl: $(STAMP) ## crawl every registered source into $(DB) (what cron runs)
	$(BIN)/thidua crawl --db $(DB) --log-file data/logs/crawl.log

serve: $(STAMP) ## serve $(DB) read-only with Datasette on :8001 (PORT=N for another port)
	$(BIN)/thidua serve --db $(DB) --port $(PORT)

RUFF_VERSION = 0.17.6

lint: $(STAMP) ## ruff over the code (installs the pinned ruff into .venv: new rules come by choice)
	@$(BIN)/python -m ruff --version 2>/dev/null | grep -q "$(RUFF_VERSION)" || $(BIN)/pip install --quiet ruff==$(RUFF_VERSION)
	$(BIN)/python -m ruff check archive crawler demo scripts tests plugins

clean: ## remove the venv, data and test output
	rm -rf $(VENV) data test-output .pytest_cache
