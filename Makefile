# make run: serve the app with demo data on http://127.0.0.1:8000 (SQLite, no server needed)
# make test: run the whole suite (SQLite and PostgreSQL)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench serve-prod clean vendor

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The till's camera fallback (barcode-detector over zxing-wasm), served by the app itself: npm
# installs the locked versions, and the ES module and .wasm are copied into the (git-ignored)
# web/static/vendor.
BARCODE := tools/barcode
VENDOR := web/static/vendor/barcode-detector
VENDOR_STAMP := $(VENDOR)/.stamp

$(VENDOR_STAMP): $(BARCODE)/package.json $(BARCODE)/package-lock.json
	cd $(BARCODE) && npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp $(BARCODE)/node_modules/barcode-detector/dist/es/ponyfill.js \
	   $(BARCODE)/node_modules/barcode-detector/dist/es/zxing-exported.js \
	   $(BARCODE)/node_modules/zxing-wasm/dist/reader/zxing_reader.wasm $(VENDOR)/
	cp $(BARCODE)/node_modules/barcode-detector/LICENSE $(VENDOR)/LICENSE.barcode-detector
	cp $(BARCODE)/node_modules/zxing-wasm/LICENSE $(VENDOR)/LICENSE.zxing-wasm
	touch $@

vendor: $(VENDOR_STAMP)

run: $(STAMP) $(VENDOR_STAMP)
	$(BIN)/ocop init
	$(BIN)/ocop demo --if-empty
	$(BIN)/ocop project --once
	$(BIN)/ocop serve --host 127.0.0.1 --port 8000

test: $(STAMP) $(VENDOR_STAMP)
	scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

serve-prod: $(STAMP)
	BIN=$(BIN) scripts/serve-prod.sh

bench: $(STAMP)
	$(BIN)/python bench/national.py

lint: $(STAMP)
	$(BIN)/ruff check domain marketplace projections web tests bench tools

clean:
	rm -rf $(VENV) instance .pytest_cache $(VENDOR) $(BARCODE)/node_modules
