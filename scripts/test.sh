#!/usr/bin/env bash
# The whole test suite: set-up, release build, lint, native unit tests, wasm tests in headless
# Chromium, browser end-to-end tests (Playwright), TypeScript checks. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
artifacts=tests/artifacts
mkdir -p "$artifacts"

bash scripts/setup.sh --browser || { echo "set-up failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/build.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
failed_steps=()
env_file=$(mktemp)
servers_pid=
cleanup() {
  if [[ -n "$servers_pid" ]]; then kill "$servers_pid" 2>/dev/null; wait "$servers_pid" 2>/dev/null; fi
  rm -f "$env_file"
  # The stub server the build of tests/stub/ started for `wasm-pack test` (its pid on line 2).
  for record in target/wasm32-unknown-unknown/*/build/cognito-verify-stub-*/out/stub; do
    [[ -f "$record" ]] && kill "$(sed -n 2p "$record")" 2>/dev/null
  done
  true
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

# Counts a step's tests from its runner's summary (cargo/wasm-bindgen: "N passed; M failed",
# node --test: "# pass N" / "# fail M"); a step without one counts as one test.
step() {
  local name=$1; shift
  local log="$artifacts/$name.log"
  printf '\n=== %s: %s\n' "$name" "$*"
  local start=$SECONDS
  "$@" > >(tee "$log") 2>&1
  local rc=$?
  sleep 0.1
  local p f
  p=$(grep -oE '[0-9]+ passed; [0-9]+ failed' "$log" | awk '{p+=$1; f+=$3} END {print p+0}')
  f=$(grep -oE '[0-9]+ passed; [0-9]+ failed' "$log" | awk '{p+=$1; f+=$3} END {print f+0}')
  if grep -qE '^# pass [0-9]+' "$log"; then
    p=$(grep -oE '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s}')
    f=$(grep -oE '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s}')
  fi
  if [[ $p -eq 0 && $f -eq 0 ]]; then
    if [[ $rc -eq 0 ]]; then p=1; else f=1; fi
  elif [[ $rc -ne 0 && $f -eq 0 ]]; then
    f=1 # the runner failed without counting a failed test
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  [[ $rc -ne 0 ]] && failed_steps+=("$name")
  printf '=== %s: exit %s, %s passed, %s failed, %ss\n' "$name" "$rc" "$p" "$f" $((SECONDS - start))
}

node scripts/servers.mjs "$env_file" &
servers_pid=$!
for _ in $(seq 1 300); do [[ -s "$env_file" ]] && break; sleep 0.1; done
if [[ ! -s "$env_file" ]]; then echo "test servers did not start"; echo "0 passed, 1 failed"; exit 1; fi
# shellcheck disable=SC1090
source "$env_file"

step fmt cargo fmt --check
step fmt-example cargo fmt --check --manifest-path examples/leptos-verify/Cargo.toml
# Each face on its own (a Rust app's default build; the npm build), and everything together.
step clippy-host cargo clippy --quiet --all-targets --all-features -- -D warnings
step clippy-wasm-rust cargo clippy --quiet --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings
step clippy-wasm-npm cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features --features npm -- -D warnings
step clippy-wasm-flow cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features --features flow-js -- -D warnings
step unit cargo test --quiet --all-features
# The release module is built with every non-experimental MIR optimization: the same code, natively.
step unit-mir3 env RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zmir-opt-level=3 -Zinline-mir-threshold=500 -Zvalidate-mir" \
  cargo test --quiet --all-features --lib --target-dir target/mir-opt-3
step fuzz-smoke env SECONDS_PER_TARGET=10 bash scripts/fuzz.sh
# The npm build's allocator is for one thread: a threaded (atomics) build must not compile.
step atomics-refused bash -c 'out=$(RUSTC_BOOTSTRAP=1 RUSTFLAGS="-C target-feature=+atomics" cargo check --lib \
  --target wasm32-unknown-unknown --no-default-features --features npm --target-dir target/atomics 2>&1)
  grep -q "the size-class allocator is for one thread" <<<"$out" && echo "atomics build refused"'
step docs env RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
step crate-package cargo publish --dry-run --allow-dirty --quiet
# The crate's browser tests exactly as its users run them: `wasm-pack test`, with no STUB_URL, so the
# build of tests/stub/ starts the stub server itself (stopped again on exit).
step wasm-chrome env -u STUB_URL WASM_BINDGEN_TEST_TIMEOUT=60 wasm-pack test --headless --chrome
step wasm-firefox env -u STUB_URL WASM_BINDGEN_TEST_TIMEOUT=60 wasm-pack test --headless --firefox
step e2e node --test --test-concurrency=1 --test-reporter=tap tests/e2e/
step rust-app node --test --test-reporter=tap tests/rust-app/
step leptos-example node --test --test-reporter=tap examples/leptos-verify/
step e2e-firefox env GECKODRIVER="$(command -v geckodriver)" \
  node --test --test-concurrency=1 --test-reporter=tap tests/firefox/
step bundlers node --test --test-concurrency=1 --test-reporter=tap tests/bundlers/
step runtimes node --test --test-concurrency=1 --test-reporter=tap tests/runtimes/
step types node tests/types/check.mjs
step cargo-deny cargo deny --offline check licenses bans sources
step npm-audit npm audit --omit=dev --audit-level=low
step bench-smoke node bench/run.mjs --quick --out tests/artifacts/bench-quick.md

echo
[[ ${#failed_steps[@]} -gt 0 ]] && echo "failed steps: ${failed_steps[*]}"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && ${#failed_steps[@]} -eq 0 ]]
