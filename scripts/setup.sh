#!/usr/bin/env bash
# Installs what `make pkg`, `make test` and `make demo` need, and only what is missing.
# Idempotent; when everything is present it only looks (well under 5 s).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
# Test-only Python packages; a Debian system Python refuses plain pip installs (PEP 668),
# so fall back to the user site there.
pip_install() {
  python3 -m pip install --quiet --disable-pip-version-check "$@" 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages "$@"
}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# The Rust target for WebAssembly.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen version that Cargo.lock pins: the CLI
# and the macro agree on a private ABI.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ -z "$wb_version" ]; then echo "setup: cannot read the wasm-bindgen version from Cargo.lock" >&2; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb_version"; then
  say "installing wasm-bindgen-cli $wb_version (cargo install; a few minutes)"
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# wasm-pack runs the wasm-bindgen-test suite (it finds wasm-bindgen on PATH, so it never
# downloads anything).
if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack (cargo install; a few minutes)"
  cargo install wasm-pack
fi

# cargo-deny checks licences, duplicate crate versions and sources (offline).
if ! command -v cargo-deny >/dev/null 2>&1; then
  say "installing cargo-deny (cargo install; a few minutes)"
  cargo install cargo-deny
fi

# Debian packages: headless Chromium and its WebDriver for browser tests, binaryen for wasm-opt.
missing=()
for p in chromium chromium-driver binaryen; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# pyca/cryptography (>= 48, which has HPKE) for the independent Python reader of envelopes.
if ! python3 -c 'import sys, cryptography; sys.exit(int(cryptography.__version__.split(".")[0]) < 48)' 2>/dev/null; then
  say "installing the Python package cryptography>=48 (pip)"
  pip_install 'cryptography>=48'
fi

# The OASIS STIX 2.1 validator checks the bundles redactJson writes.
if ! python3 -c 'import stix2validator' 2>/dev/null; then
  say "installing the Python package stix2-validator (pip)"
  pip_install stix2-validator
fi

# JS dev dependencies, exactly as the committed package-lock.json says.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing JS dev dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
