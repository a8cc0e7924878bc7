#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each with cargo-fuzz (nightly), then
# minimises each corpus. Crashes land in fuzz/artifacts/<target>/: minimise them with
# `cargo +nightly fuzz tmin <target> <file>` and commit the result under
# fuzz/regressions/<target>/, where `make test` replays it (tests/fuzz_replay.rs).
#   usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cd fuzz && cargo +nightly fuzz list)
for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${seconds}s"
  mkdir -p "fuzz/corpus/$t"
  (cd fuzz && cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -print_final_stats=1 2>&1 \
    | grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb|==.*ERROR|SUMMARY)' || true)
  (cd fuzz && cargo +nightly fuzz cmin "$t" "corpus/$t" >/dev/null 2>&1 || true)
  echo "   corpus: $(ls "fuzz/corpus/$t" | wc -l) entries"
done
