#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each with cargo-fuzz (nightly), then
# minimises each corpus. Each run appends one line to fuzz/runs.tsv (date, commit, target,
# seconds, executions, corpus size, result), so the fuzzing time each target has had is on
# record (seconds = time actually fuzzed). Crashes land in fuzz/artifacts/<target>/: minimise them with
# `cargo +nightly fuzz tmin <target> <file>` and commit the result under
# fuzz/regressions/<target>/, where `make test` replays it (tests/fuzz_replay.rs).
#   usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#   env:   FUZZ_JOBS (default 1) parallel libFuzzer workers per target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cd fuzz && cargo +nightly fuzz list)
log=fuzz/runs.tsv
[ -f "$log" ] || printf 'date\tcommit\ttarget\tseconds\texecutions\tcorpus\tresult\n' >"$log"
commit=${FUZZ_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${seconds}s"
  mkdir -p "fuzz/corpus/$t"
  out=$(mktemp)
  status=0
  # Build first, so that the clock below counts fuzzing only.
  (cd fuzz && cargo +nightly fuzz build "$t" >/dev/null 2>&1) || true
  t0=$(date +%s)
  (cd fuzz && cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" \
    -print_final_stats=1 -timeout=10 -rss_limit_mb=4096) >"$out" 2>&1 || status=$?
  grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb|==.*ERROR|SUMMARY|artifact_prefix|Test unit written)' "$out" || true
  elapsed=$(( $(date +%s) - t0 ))  # the time actually fuzzed (a finding stops the run early)
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$out" | grep -Eo '[0-9]+$' | tail -1)
  result=ok
  [ "$status" -eq 0 ] || result="finding (exit $status, see fuzz/artifacts/$t)"
  rm -f "$out"
  (cd fuzz && cargo +nightly fuzz cmin "$t" "corpus/$t" >/dev/null 2>&1 || true)
  n=$(ls "fuzz/corpus/$t" | wc -l)
  echo "   executions: ${execs:-?}, corpus: $n entries, $result"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$commit" "$t" "$elapsed" "${execs:-?}" "$n" "$result" >>"$log"
done
