# borderseal — the two commands are `make demo` and `make test`; both build on `make pkg`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test
PORT ?= 8080

.PHONY: setup pkg demo test test-rust test-wasm test-js size clean fuzz bench bench-envelope eval

## Install what is missing (idempotent, fast when everything is there).
setup:
	@bash scripts/setup.sh

## Build the npm package into pkg/ (release profile, wasm-opt -O1 --rse --vacuum).
pkg: setup
	@bash scripts/build-pkg.sh

## Build the package and serve the demo portal on http://127.0.0.1:$(PORT)/.
demo: pkg
	@PORT=$(PORT) node scripts/serve.mjs

## Every check: fmt, clippy, native tests, wasm tests (Node + Chromium), JS tests, browser tests, types.
test: pkg
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory test-rust test-wasm test-js; \
	$(MAKE) --no-print-directory size; \
	echo "make test: all checks passed in $$(( $$(date +%s) - start ))s (after the package build)"

test-rust:
	@echo "== cargo fmt --check"; cargo fmt --all -- --check
	@echo "== cargo clippy (native and wasm32)"
	@cargo clippy --workspace --all-targets -- -D warnings
	@cargo clippy --lib --target wasm32-unknown-unknown --all-features -- -D warnings
	@echo "== cargo deny (licences, duplicate versions, sources)"
	@cargo fetch --locked --quiet # every target's and feature's crates, which cargo deny reads offline
	@cargo deny --offline --locked check bans licenses sources
	@echo "== cargo test (native)"; cargo test --workspace --all-features
	@echo "== interop: an independent Python reader (pyca/cryptography) opens the published vectors"
	@python3 tests/interop/python/open_envelope.py docs/vectors/*.json
	@echo "== the OASIS STIX 2.1 validator on the bundles redactJson wrote (cargo test --test redact_audit)"
	@python3 tests/stix_validate.py

test-wasm:
	@echo "== wasm-bindgen-test suite in Node (tests/wasm.rs, and the operator unit tests of the library)"
	@wasm-pack test --node -- --test wasm --features panic-hook
	@wasm-pack test --node -- --lib
	@echo "== the detection crate's wasm tests in Node (its SIMD paths against the byte-by-byte rules)"
	@wasm-pack test --node crates/detect --lib
	@echo "== the same suites in headless Chromium"
	@# Chromium leaves its profile (~70 MB a run) in TMPDIR when chromedriver stops it: a
	@# directory of this run's own, removed afterwards, keeps repeated runs from filling /tmp.
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  export TMPDIR="$$tmp" WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver; \
	  wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver -- --test wasm; \
	  wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver -- --lib

test-js:
	@bash scripts/test-js.sh

## Size of the .wasm, raw and gzip -9.
size:
	@raw=$$(wc -c < pkg/borderseal_core_bg.wasm); gz=$$(gzip -9 -c pkg/borderseal_core_bg.wasm | wc -c); \
	lexgz=$$(gzip -9 -c data/lexicon/names.lex | wc -c); \
	echo "size: pkg/borderseal_core_bg.wasm $$raw bytes raw, $$gz bytes gzip -9 (lexicon ~$$lexgz, the rest ~$$((gz - lexgz)); budget 307200 + 307200)"

## Every benchmark side by side with the alternatives (Node and Chromium, < 15 minutes);
## writes bench/results/ and BENCHMARKS.md. `make bench BENCH_QUICK=1` is a 4-minute smoke run.
bench: pkg
	@bash scripts/bench.sh

## Envelope benchmarks in Node and headless Chromium (about 3 minutes); writes bench/results/.
bench-envelope: pkg
	@bash scripts/bench-envelope.sh

## Detection quality on the labelled evaluation set, borderseal next to Presidio's pattern
## recognizers (installs presidio-analyzer with pip if missing; no spaCy model).
eval: pkg
	@python3 tools/eval/presidio_compare.py

## Fuzz every target for FUZZ_SECONDS each (cargo-fuzz, nightly); `make test` replays the corpora.
FUZZ_SECONDS ?= 300
fuzz:
	@bash scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf pkg target/consumer test-results
