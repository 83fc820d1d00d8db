# terawatt — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements/dev.lock

.PHONY: demo test lint typecheck pytest fuzz browser docs bench lock clean

$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The main job: satellite budgets and verdicts on the terminal, then the claims report
# (one offline HTML file) on the baseline and the seed's plan (1 Mt/yr of satellites).
demo: $(STAMP)
	$(BIN)/terawatt demo
	$(BIN)/terawatt report scenarios/baseline.yaml scenarios/orbital-1mt.yaml \
	    --samples 2000 -o build/report.html --figures build/figures
	@echo "report: $(CURDIR)/build/report.html (figures for slides: build/figures/)"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# Debian's Chromium for the browser tests (Playwright cannot download its own offline).
browser:
	sh scripts/install-browser.sh

pytest: $(STAMP) browser
	$(BIN)/pytest -q

test: lint typecheck pytest

# Every command on generated bad input (issue 13): tests/test_fuzz_cli.py under the `fuzz`
# profile of tests/conftest.py, over 10,000 examples (`make test` runs a few hundred).
fuzz: $(STAMP)
	TERAWATT_FUZZ=1 $(BIN)/pytest -q -p no:cacheprovider tests/test_fuzz_cli.py \
	    --hypothesis-show-statistics

# The user guide (mkdocs, offline), into build/site.
docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir build/site

# Every benchmark against its baseline, one table, rows kept in build/bench.json.
# make bench QUICK=1: reduced sizes; make bench COMPARE=old.json: new / old per row.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(if $(QUICK),--quick) $(if $(COMPARE),--compare $(COMPARE))

# Re-pin every dependency (needs network access to the package index).
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml requirements/build.in --extra dev \
	    --python-version 3.11 --generate-hashes --no-header -o $(LOCK)

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
