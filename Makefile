# Every target installs what it needs first (`setup`), so each works on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup generate check-generated lint test record demo bench emulator clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Regenerate generated/daytona_openapi from openapi.yaml (pinned openapi-python-client + ruff).
generate: setup
	$(PY) scripts/generate.py

## Fail if generated/ differs from a fresh generation.
check-generated: setup
	$(PY) scripts/generate.py --check

## ruff on our code, mypy (strict on facade/).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## The whole offline suite: lint, spec conformance, generated-code drift, unit, emulator and cassette tests.
test: lint
	$(PY) -m pytest

## Re-record cassettes: against the local emulator, or the real service when DAYTONA_API_KEY is set.
record: setup
	DAYTONA_RECORD=1 $(PY) -m pytest tests/cassettes -q

## The example service: create a sandbox, run code, move a file, delete it.
demo: setup
	$(PY) scripts/demo.py

## Benchmarks side by side with the official SDK, each in its own processes (issue 10's figures and targets);
## writes the table and the method to docs/benchmarks.md. `make bench BENCH_ARGS=--quick` for a smoke run.
BENCH_ARGS ?= --write docs/benchmarks.md
bench: setup
	$(PY) scripts/bench.py $(BENCH_ARGS)

## Run the local emulator in the foreground (the `daytona-emulator` entry point).
emulator: setup
	$(PY) -m daytona_emulator --port $${PORT:-3986} --api-key $${EMULATOR_API_KEY:-emulator-key}

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
