#!/usr/bin/env bash
# Builds the npm package into pkg/: release wasm, wasm-opt -O1 --rse --vacuum, wasm-bindgen (web target),
# then the hand-written entry points from js/ and the package.json.
#
# For profiling: BORDERSEAL_PKG_DIR=DIR builds into DIR instead, and BORDERSEAL_KEEP_NAMES=1
# keeps the wasm functions' names (the same code, with its `name` section; see
# docs/PERFORMANCE.md and scripts/v8-count.sh --profile).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${BORDERSEAL_PKG_DIR:-pkg}
if [[ -n ${BORDERSEAL_KEEP_NAMES:-} ]]; then
  names_opt=(-g --strip-dwarf)
  names_bindgen=(--keep-debug)
else
  names_opt=()
  # The debugging `name` section (function names for stack traces; the release build aborts
  # on panic and has none to show) and the `producers` section (toolchain versions) are left
  # out: 2.6 KB raw, 486 bytes gzip.
  names_bindgen=(--remove-name-section --remove-producers-section)
fi

features=${BORDERSEAL_FEATURES:-}
cargo build --release --target wasm32-unknown-unknown --lib ${features:+--features "$features"}

rm -rf "$out" target/pkg-tmp
mkdir -p target/pkg-tmp
# wasm-opt runs on rustc's output, before wasm-bindgen: Debian's binaryen 108 reads current
# rustc output fine, but mis-writes the export of wasm-bindgen's second (externref) table,
# which breaks instantiation. The features rustc enables by default are named explicitly, and
# SIMD, which .cargo/config.toml turns on.
# -O1, not -Oz: measured on the same rustc output (Node 22, 2026-11-27), -O1 gives the smallest
# gzip'd file (368,966 bytes; -Oz 381,863, -Os 381,629, -O3 382,546: their smaller raw output
# compresses worse) and the fastest code: detection on the 10 MB mixed corpus 217 ms with -O1,
# 291 with -Oz (-O2 and -O3 are as slow as -Oz, -O0 as fast as -O1).
# After -O1, --rse (redundant local.set elimination) and --vacuum (the drops and nops it
# leaves): 1,104 bytes less gzip on the same rustc output (2026-11-28: 397,634 → 396,530), no
# change in speed (V8 instructions of `analyze` on the mixed corpus 1,607.8 M → 1,610.2 M,
# within the 0.4 % a count spreads: TurboFan rebuilds the locals as SSA values anyway).
wasm-opt -O1 --rse --vacuum "${names_opt[@]}" \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
  -o target/pkg-tmp/borderseal.wasm target/wasm32-unknown-unknown/release/borderseal.wasm

# The `web` target gives an ES module with `init()` (default export) and `initSync()`;
# js/borderseal_node.js calls initSync from the file system so Node needs no extra step.
wasm-bindgen --target web "${names_bindgen[@]}" --out-dir "$out" --out-name borderseal_core target/pkg-tmp/borderseal.wasm

# The generated classes declare `[Symbol.dispose]()` (for `using`); referencing the lib here
# keeps the types valid for consumers whose tsconfig predates it (ES2022 and the like).
{ echo '/// <reference lib="esnext.disposable" />'; cat "$out/borderseal_core.d.ts"; } > "$out/borderseal_core.d.ts.tmp"
mv "$out/borderseal_core.d.ts.tmp" "$out/borderseal_core.d.ts"

cp js/*.js js/*.d.ts "$out/"
cp README.md "$out/"
# The PERSON lexicon inside the wasm is derived from @faker-js/faker (MIT): ship its notice.
cp data/lexicon/LICENSE-faker "$out/THIRD-PARTY-NOTICES"
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" js/package.json > "$out/package.json"
rm -f "$out/.gitignore"

raw=$(wc -c < "$out/borderseal_core_bg.wasm")
gz=$(gzip -9 -c "$out/borderseal_core_bg.wasm" | wc -c)
# The budget (PRODUCT.md) is 300 KB gzip for everything but the name lexicon, which may take
# 300 KB more; the lexicon's share is estimated by compressing its file on its own.
lexgz=$(gzip -9 -c data/lexicon/names.lex | wc -c)
echo "pkg: borderseal $version built; borderseal_core_bg.wasm $raw bytes raw, $gz bytes gzip -9" \
  "(lexicon ~$lexgz, the rest ~$((gz - lexgz)); budget 307200 + 307200)"
