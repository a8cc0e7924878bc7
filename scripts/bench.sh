#!/usr/bin/env bash
# `make bench`: borderseal against the alternatives, side by side in one run, in Node and in
# headless Chromium on the same generated inputs (bench/compare/, BENCHMARKS.md):
#   redaction of a ≥ 10 MB report corpus (+ recall on its labels) vs redact-pii, @redactpii/node
#   and Presidio's pattern recognizers (Python); crafted worst-case inputs with a per-call
#   timeout; seal/open 1 KiB, 1 MiB, 64 MiB vs @hpke/core, age-encryption, openpgp, jose and raw
#   WebCrypto; redact + seal latency of a 10 KB report to 1/3/10 recipients; peak memory of
#   1 GiB through the streaming API; gzip -9 download sizes.
# Writes bench/results/compare.{json,md,svg} and BENCHMARKS.md. About 10–15 minutes on 2 vCPUs.
#   bash scripts/bench.sh [--quick]     (or BENCH_QUICK=1): a smoke run, small inputs, few runs
# PRESIDIO_PYTHON=/path/to/python uses that interpreter (it must have presidio-analyzer).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/bench/results"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

quick=0
[[ "${1:-}" == "--quick" || "${BENCH_QUICK:-}" == 1 ]] && quick=1
if ((quick)); then
  settings='{"corpusBytes":1000000,"corpusRuns":2,"runs":2,"runsLarge":1,"latencyRuns":3,"sizes":[1024,1048576,8388608],"minSampleMs":10}'
  worst_sizes=32768,65536,262144; worst_timeout=2000
  mem_bytes=$((64 * 1024 * 1024)); presidio_bytes=1000000
else
  settings='{"corpusBytes":10000000,"corpusRuns":3,"runs":5,"runsLarge":3,"latencyRuns":7,"sizes":[1024,1048576,67108864],"minSampleMs":40}'
  worst_sizes=32768,65536,1048576; worst_timeout=5000
  mem_bytes=$((1024 * 1024 * 1024)); presidio_bytes=10000000
fi

for f in pkg/borderseal_node.js node_modules/playwright-core node_modules/redact-pii node_modules/@redactpii/node \
         node_modules/age-encryption node_modules/openpgp node_modules/jose node_modules/@hpke/core node_modules/vite; do
  [[ -e "$f" ]] || { echo "bench: $f is missing (run make pkg and npm ci)" >&2; exit 1; }
done

start=$(date +%s)
date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== bench (compare), $date_utc; $(nproc) CPUs; load average $load_before; quick=$quick"

# Presidio: a virtual environment outside the tree, made once (PyPI through pip).
presidio_py=${PRESIDIO_PYTHON:-}
presidio_err=""
if [[ -z "$presidio_py" ]]; then
  venv="${XDG_CACHE_HOME:-$HOME/.cache}/borderseal-bench/presidio-venv"
  if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import presidio_analyzer' 2>/dev/null; then
    echo "== installing presidio-analyzer into $venv"
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q presidio-analyzer; } >"$tmp/pip.log" 2>&1; then
      presidio_err="presidio-analyzer could not be installed: $(tail -1 "$tmp/pip.log")"
      echo "bench: $presidio_err" >&2
    fi
  fi
  presidio_py="$venv/bin/python"
fi

echo "== bundling the alternatives (Vite 8, library mode, minified) and measuring gzip -9 sizes"
node bench/compare/build.mjs > "$tmp/sizes.json"

echo "== Node: redaction corpus, 10 KB latency, seal/open throughput"
node bench/compare/node-compare.mjs --settings "$settings" --out "$tmp/node.json"
echo "== Node: worst-case inputs (timeout $((worst_timeout / 1000)) s per call)"
node bench/compare/node-worst.mjs --timeout-ms "$worst_timeout" --sizes "$worst_sizes" --out "$tmp/node-worst.json"
echo "== Chromium: the same, then the worst-case inputs in Workers"
node bench/compare/browser-compare.mjs --settings "$settings" --worst-timeout-ms "$worst_timeout" --worst-sizes "$worst_sizes" --out "$tmp/chromium.json"
if [[ -z "$presidio_err" ]]; then
  echo "== Presidio pattern recognizers (Python subprocess) on the same corpus and worst-case inputs"
  node bench/compare/presidio.mjs --python "$presidio_py" --corpus-bytes "$presidio_bytes" --runs 1 \
    --timeout-ms "$worst_timeout" --worst-sizes "$worst_sizes" --out "$tmp/presidio.json"
else
  PRESIDIO_ERR="$presidio_err" node -e 'console.log(JSON.stringify({ tool: "presidio", error: process.env.PRESIDIO_ERR }))' > "$tmp/presidio.json"
fi
echo "== peak memory, $((mem_bytes / 1048576)) MiB through sealStream → openStream (bench/memory-envelope.mjs, bench/browser-envelope.mjs)"
node bench/memory-envelope.mjs --bytes "$mem_bytes" --out "$tmp/mem-node.json"
node bench/browser-envelope.mjs --memory-only --memory-bytes "$mem_bytes" --out "$tmp/mem-chromium.json"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
seconds=$(( $(date +%s) - start ))
export TMPDIR_BENCH="$tmp" OUT_DIR="$out" ROOT_DIR="$root" DATE_UTC="$date_utc" LOAD_BEFORE="$load_before" LOAD_AFTER="$load_after" \
  SECONDS_TOTAL="$seconds" QUICK="$quick" NPROC=$(nproc) \
  CPU_MODEL=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') \
  WASM_SHA=$(sha256sum pkg/borderseal_core_bg.wasm | cut -c1-16)
node --input-type=module <<'JS'
import { readFileSync, writeFileSync } from 'node:fs';
const e = process.env;
const read = (f) => JSON.parse(readFileSync(`${e.TMPDIR_BENCH}/${f}`, 'utf8'));
const chromium = read('chromium.json');
const worst = chromium.worst; delete chromium.worst;
const all = {
  machine: { date: e.DATE_UTC, nproc: Number(e.NPROC), cpuModel: e.CPU_MODEL, loadBefore: e.LOAD_BEFORE, loadAfter: e.LOAD_AFTER,
    seconds: Number(e.SECONDS_TOTAL), quick: e.QUICK === '1', wasmSha256: e.WASM_SHA },
  node: { ...read('node.json'), worst: read('node-worst.json') },
  chromium: { ...chromium, worst },
  presidio: read('presidio.json'),
  memory: [read('mem-node.json'), read('mem-chromium.json').memory].filter(Boolean),
  sizes: read('sizes.json'),
};
const { budgetRows } = await import(`${e.ROOT_DIR}/bench/compare/report.mjs`);
all.budgets = budgetRows(all);
writeFileSync(`${e.OUT_DIR}/compare.json`, JSON.stringify(all, null, 2) + '\n');
JS
# Native (Rust, release) throughput of the redaction pipeline on ≥ 10 MB, text and STIX.
echo "== native redact_text / redact_json (cargo run --release --example bench_redact)"
{
  echo "## Native pipeline throughput (Rust, release profile)"
  echo
  echo "\`cargo run --release --example bench_redact\` on $(date -u +%Y-%m-%dT%H:%M:%SZ): the default policy (led-strict)"
  echo "on a generated ≥ 10 MB report text and a generated ≥ 10 MB STIX 2.1 bundle."
  echo
  echo '```'
  cargo run --quiet --release --example bench_redact
  echo '```'
} > "$out/native.md"
# Detection alone (issue #3's benchmark): analyze on the ≥ 10 MB mixed corpus and every crafted
# worst case at 1 and 2 MB, natively and in wasm under Node (same generator, byte for byte).
echo "== detection: cargo run --release --example bench_detect; node bench/detect.mjs"
{
  echo "## Detection throughput and worst cases (native and wasm under Node)"
  echo
  echo "On $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg): the deterministic mixed multilingual"
  echo "report corpus (one identifier or name every ~350 bytes, 12 languages, emoji) and, for each recognizer"
  echo "family, a crafted unit repeated to 1 MB and 2 MB (2/1 ≈ 2 means linear). Budgets (PRODUCT.md): ≥ 100 MB/s"
  echo "in wasm; every crafted 1 MB input ≤ 100 ms."
  echo
  echo "Native (Rust, release profile): \`cargo run --release --example bench_detect\`"
  echo
  echo '```'
  cargo run --quiet --release --example bench_detect
  echo '```'
  echo
  echo "wasm under Node ($(node --version)), the built package: \`node bench/detect.mjs\`$([[ $quick == 1 ]] && echo ' --quick')"
  echo
  echo '```'
  if ((quick)); then node bench/detect.mjs --quick; else node bench/detect.mjs; fi
  echo '```'
} > "$out/detect.md"
node bench/compare/report.mjs "$out/compare.json"
echo "bench: wrote bench/results/compare.{json,md,svg} and BENCHMARKS.md in ${seconds}s"
