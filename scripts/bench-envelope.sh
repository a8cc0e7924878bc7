#!/usr/bin/env bash
# Envelope benchmarks in Node and headless Chromium, in one run (`make bench-envelope`):
# throughput of seal/open (streams on the WebCrypto and the wasm path, one-shot, raw WebCrypto),
# 10 KB latency to 1/3/10 recipients, and peak memory of 1 GiB through the streams (Node and Chromium).
# Prints the table and writes bench/results/envelope.json and bench/results/envelope.md.
# BENCH_QUICK=1 runs a short smoke version (fewer runs, 8 MiB instead of 64 MiB, smaller memory runs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/bench/results"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

quick=()
mem_bytes=$((1024 * 1024 * 1024))
mem_wasm_bytes=$((64 * 1024 * 1024))
browser_mem_bytes=$((1024 * 1024 * 1024))
if [[ "${BENCH_QUICK:-}" == 1 ]]; then
  quick=(--quick)
  mem_bytes=$((64 * 1024 * 1024)); mem_wasm_bytes=$((8 * 1024 * 1024)); browser_mem_bytes=$((32 * 1024 * 1024))
fi

if [[ ! -f pkg/borderseal_node.js ]]; then
  echo "bench-envelope: pkg/ is not built (run make pkg)" >&2
  exit 1
fi
if [[ ! -d node_modules/playwright-core ]]; then
  echo "bench-envelope: node_modules/playwright-core is missing (run make setup)" >&2
  exit 1
fi

start=$(date +%s)
date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== envelope benchmarks, $date_utc; $(nproc) CPUs; load average $load_before"

echo "== Node: throughput and latency"
node bench/node-envelope.mjs "${quick[@]}" --out "$tmp/node.json"
echo "== Chromium: throughput and latency, then $((browser_mem_bytes / 1048576)) MiB streaming memory"
node bench/browser-envelope.mjs "${quick[@]}" --memory-bytes "$browser_mem_bytes" --out "$tmp/chromium.json"
echo "== Node: peak memory, $((mem_bytes / 1048576)) MiB through sealStream → openStream (WebCrypto path)"
node bench/memory-envelope.mjs --bytes "$mem_bytes" --out "$tmp/mem-node.json"
echo "== Node: peak memory, $((mem_wasm_bytes / 1048576)) MiB on the wasm path (webCrypto: false)"
node bench/memory-envelope.mjs --wasm --bytes "$mem_wasm_bytes" --out "$tmp/mem-node-wasm.json"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
seconds=$(( $(date +%s) - start ))

MACHINE_JSON=$(
  NPROC=$(nproc) \
  CPU_MODEL=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') \
  DATE_UTC="$date_utc" LOAD_BEFORE="$load_before" LOAD_AFTER="$load_after" SECONDS_TOTAL="$seconds" \
  PKG_VERSION=$(node -p "require('./pkg/package.json').version") \
  WASM_SHA=$(sha256sum pkg/borderseal_core_bg.wasm | cut -c1-16) \
  GIT_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo n/a)$(git diff --quiet HEAD 2>/dev/null || echo '+dirty') \
  node -e 'const e = process.env; console.log(JSON.stringify({
    date: e.DATE_UTC, nproc: Number(e.NPROC), cpuModel: e.CPU_MODEL, loadBefore: e.LOAD_BEFORE, loadAfter: e.LOAD_AFTER,
    seconds: Number(e.SECONDS_TOTAL), packageVersion: e.PKG_VERSION, wasmSha256: e.WASM_SHA, gitCommit: e.GIT_COMMIT }))'
)
export MACHINE_JSON TMPDIR_BENCH="$tmp" OUT_DIR="$out" BENCH_MODULE="$root/bench/envelope.mjs"
node --input-type=module <<'JS'
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const { renderReport, budgetChecks } = await import(pathToFileURL(process.env.BENCH_MODULE).href);
const read = (f) => JSON.parse(readFileSync(`${process.env.TMPDIR_BENCH}/${f}`, 'utf8'));
const chromium = read('chromium.json');
const chromiumMemory = chromium.memory;
const chromiumMemoryRaw = chromium.memoryRaw;
delete chromium.memory;
delete chromium.memoryRaw;
const all = {
  machine: JSON.parse(process.env.MACHINE_JSON),
  node: read('node.json'),
  chromium,
  memory: [read('mem-node.json'), read('mem-node-wasm.json'), ...(chromiumMemory ? [chromiumMemory] : []), ...(chromiumMemoryRaw ? [chromiumMemoryRaw] : [])],
};
all.budgets = budgetChecks(all);
const md = renderReport(all);
writeFileSync(`${process.env.OUT_DIR}/envelope.json`, JSON.stringify(all, null, 2) + '\n');
writeFileSync(`${process.env.OUT_DIR}/envelope.md`, md);
console.log('\n' + md);
JS
echo "bench-envelope: wrote bench/results/envelope.json and bench/results/envelope.md in ${seconds}s"
