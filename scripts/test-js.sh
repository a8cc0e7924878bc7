#!/usr/bin/env bash
# JS-side checks of the built package: npm pack → install into a scratch project → Node tests,
# README quick start, type check of a consumer file; then browser tests (demo page, Vite app).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

consumer=target/consumer
rm -rf "$consumer"
mkdir -p "$consumer"
tarball=$(cd pkg && npm pack --pack-destination "$root/$consumer" --silent | tail -n 1)
cd "$consumer"
printf '{ "name": "consumer", "private": true, "type": "module" }\n' > package.json
npm install --no-audit --no-fund --loglevel=error "./$tarball"
cp "$root"/tests/js/*.mjs .
cp "$root"/tests/types/consumer.ts "$root"/tests/types/tsconfig.json .
# The README's JavaScript quick start, verbatim.
node "$root/scripts/extract-quickstart.mjs" "$root/README.md" > quickstart.mjs

echo "== type check of a consumer .ts file against the package's .d.ts"
"$root/node_modules/.bin/tsc" -p tsconfig.json
echo "== README quick start"
node quickstart.mjs
echo "== Node tests of the installed package"
node --test --test-reporter=spec ./*.test.mjs
cd "$root"
echo "== browser tests (Chromium): demo portal and Vite app"
node --test --test-reporter=spec --test-concurrency=1 tests/browser/*.test.mjs
echo "screenshots: $root/test-results/"
