# The first commands of the README. Only Python 3.11+ and make are needed.
PYTHON ?= python3
# Material prints an end-of-life banner on every run; the README notes the plan (a swappable adapter).
export NO_MKDOCS_2_WARNING = 1
VENV ?= .venv
BIN := $(VENV)/bin
# The stamps name a checksum of pyproject.toml, not its time: a .venv restored from a CI cache onto
# a fresh checkout counts as installed while pyproject.toml is unchanged. site, serve and check need
# the generator only; test adds the test tools.
DEPS := $(shell cksum < pyproject.toml | cut -d ' ' -f 1)
STAMP := $(VENV)/.installed-$(DEPS)
TEST_STAMP := $(VENV)/.installed-test-$(DEPS)
# Decap CMS for the web editor admin/ (copied into the site by the build), and the tests' decap-server,
# axe-core and Nu HTML checker (package.json); --ignore-scripts: vnu-jar runs on the system's Java and
# must not fetch one of its own. Without npm the site is built without admin/ and the build says so.
NODE_STAMP := node_modules/.installed

.PHONY: site serve test check bench clean

$(STAMP):
	rm -f $(VENV)/.installed*
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

site: $(STAMP) $(NODE_STAMP)  ## build the sample county site into site/
	$(BIN)/xxgk build

serve: $(STAMP)  ## preview with live reload on http://127.0.0.1:8000/; rebuilds only what changed
	$(BIN)/mkdocs serve --dirty

check: $(STAMP)  ## validate content/ only
	$(BIN)/xxgk check

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: the site is built without the web editor admin/, and the browser audits are skipped"; fi

test: $(TEST_STAMP) $(NODE_STAMP)  ## lint, format check and the whole test suite
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/python -m pytest

bench: $(TEST_STAMP)  ## xxgk vs the floor, the peer and stock Material, same run; BENCH_ARGS="--large" adds 100,000
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf site .venv node_modules
