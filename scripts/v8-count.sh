#!/usr/bin/env bash
# Machine instructions V8 spends in one `analyze` (or detection alone) of the 10 MB mixed
# corpus, counted by valgrind: deterministic, where timings on a shared machine scatter by
# 10–30 %. The wasm runs as TurboFan compiles it (`--no-liftoff`, one thread); the count of
# one call is (three calls − one call) / 2, so start-up and compilation cancel out.
#
#   scripts/v8-count.sh [DIR] [analyze|detect]          # DIR: a built package (default pkg)
#   scripts/v8-count.sh --profile [analyze|detect]      # per wasm function, current tree
#   scripts/v8-count.sh --memcalls [DIR] [analyze|detect] # memory.copy / memory.fill calls
#
# --profile builds the package with function names into /tmp/borderseal-v8prof and prints
# the instructions per function (bench/v8-attr.py). Counts are not times: they miss cache
# misses and instruction-level parallelism, so a change they favour is still timed
# (bench/detect.mjs, two builds in one process). See docs/PERFORMANCE.md, thirteenth round.
# Needs valgrind (installed with apt-get if missing); 1–3 minutes per count.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=0
memcalls=0
if [[ ${1:-} == --profile ]]; then profile=1; shift; fi
if [[ ${1:-} == --memcalls ]]; then memcalls=1; shift; fi
if ((profile)); then dir=/tmp/borderseal-v8prof; fn=${1:-analyze}; else dir=${1:-pkg}; fn=${2:-analyze}; fi

if ! command -v valgrind >/dev/null 2>&1; then
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends valgrind >/dev/null
fi

corpus=/tmp/borderseal-v8-corpus.txt
if [[ ! -s $corpus ]]; then
  node -e "import('./bench/corpus.mjs').then((m) => require('node:fs').writeFileSync('$corpus', m.corpus(10_000_000)))"
fi

node_flags=(--no-liftoff --single-threaded)
if ((profile)); then
  BORDERSEAL_PKG_DIR=$dir BORDERSEAL_KEEP_NAMES=1 bash scripts/build-pkg.sh >/dev/null
  valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file="$dir/callgrind.out" \
    --smc-check=all-non-file node --log-code --logfile="$dir/code.log" --no-logfile-per-isolate \
    "${node_flags[@]}" bench/v8-count.mjs "$dir" "$corpus" "$fn" 2 2>/dev/null >/dev/null
  python3 bench/v8-attr.py "$dir/code.log" "$dir/callgrind.out" 2
  exit 0
fi

if ((memcalls)); then
  # V8 makes wasm's memory.copy and memory.fill calls of C functions (bench/v8-memcalls.py):
  # their calls per `analyze`, (three calls - one call) / 2 as below.
  calls() {
    valgrind --tool=callgrind --callgrind-out-file=/tmp/borderseal-memcalls.$1.out \
      node "${node_flags[@]}" bench/v8-count.mjs "$dir" "$corpus" "$fn" "$1" >/dev/null 2>&1
    python3 bench/v8-memcalls.py /tmp/borderseal-memcalls.$1.out
  }
  read -r c1 f1 < <(calls 1)
  read -r c3 f3 < <(calls 3)
  echo "$dir $fn: $(((c3 - c1) / 2)) memory.copy and $(((f3 - f1) / 2)) memory.fill calls per call (V8, valgrind)"
  exit 0
fi

count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null --smc-check=all-non-file \
    node "${node_flags[@]}" bench/v8-count.mjs "$dir" "$corpus" "$fn" "$1" 2>&1 \
    | awk '/I[[:space:]]+refs/ { gsub(",", "", $NF); print $NF }'
}
one=$(count 1)
three=$(count 3)
echo "$dir $fn: $(((three - one) / 2)) instructions per call (V8, valgrind)"
