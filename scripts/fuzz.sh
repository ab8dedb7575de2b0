#!/usr/bin/env bash
# Fuzzes the pure logic natively with cargo-fuzz (libFuzzer): SECONDS_PER_TARGET each (default 60).
# Reports executions per target and exits non-zero on any crash. Corpora live in fuzz/corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_TARGET:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
export RUSTC_BOOTSTRAP=1
(cd fuzz && cargo fuzz build --release 2>&1 | tail -1)
for target in parse_json decode_error check_shape validate_input encode_request read_body; do
  log=$(mktemp)
  # A private copy of the corpus: the committed seeds stay as they are.
  work=$(mktemp -d)
  cp -r "fuzz/corpus/$target/." "$work/"
  if ! (cd fuzz && cargo fuzz run --release "$target" "$work" -- -max_total_time="$seconds" -print_final_stats=1) >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz $target: CRASH"
    echo "0 passed, 1 failed"
    exit 1
  fi
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$')
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$')
  echo "fuzz $target: ok, $runs executions in ${seconds}s ($rate/s), 0 crashes"
  rm -rf "$work" "$log"
done
