# make run: serve the app with demo data on http://127.0.0.1:8000 (SQLite, no server needed)
# make test: run the whole suite (SQLite and PostgreSQL)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench serve-prod clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/ocop init
	$(BIN)/ocop demo --if-empty
	$(BIN)/ocop project --once
	$(BIN)/ocop serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

serve-prod: $(STAMP)
	BIN=$(BIN) scripts/serve-prod.sh

bench: $(STAMP)
	$(BIN)/python bench/national.py

lint: $(STAMP)
	$(BIN)/ruff check domain marketplace projections web tests bench tools

clean:
	rm -rf $(VENV) instance .pytest_cache
