#!/usr/bin/env bash
# Installs what the project needs, skipping whatever is already there. Safe to run again.
#   scripts/setup.sh            build tools: wasm target, wasm-bindgen-cli, npm packages (wasm-opt)
#   scripts/setup.sh --browser  also what only the tests need: Debian's Chromium + ChromeDriver and
#                               firefox-esr, geckodriver, cargo-fuzz and cargo-deny, and the JavaScript
#                               runtimes of tests/runtimes/
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=false
[[ "${1:-}" == "--browser" ]] && want_browser=true
log() { printf '[setup] %s\n' "$*" >&2; }

# Rust's wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The standard library's source, to rebuild std for the release package (scripts/build.sh).
if ! rustup component list --installed | grep -q '^rust-src'; then
  log "adding rust component rust-src"
  rustup component add rust-src
fi

# wasm-bindgen-cli at exactly the version in Cargo.lock (its own lockfile names a crate the registry
# lacks, so no --locked).
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]] ||
   ! command -v wasm-bindgen-test-runner >/dev/null; then
  log "installing wasm-bindgen-cli $bindgen_version (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

# npm packages, wasm-opt among them (npm's binaryen; Debian's v108 writes broken modules).
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing npm packages"
  # npm install, not npm ci: with this environment's omit-lockfile-registry-resolved, npm drops other
  # platforms' optional packages from the lock, which npm ci then refuses. The lock still pins versions.
  npm install --no-audit --no-fund --loglevel=error
  touch node_modules/.package-lock.json
fi

# Only for the tests: the other JavaScript runtimes of tests/runtimes/ (Node 18, 22, 24, Deno, Bun),
# npm packages too.
runtimes=tests/runtimes
if $want_browser && [[ ! -f $runtimes/node_modules/.package-lock.json || $runtimes/package-lock.json -nt $runtimes/node_modules/.package-lock.json ]]; then
  log "installing the JavaScript runtimes of tests/runtimes"
  (cd $runtimes && npm install --no-audit --no-fund --loglevel=error)
  touch $runtimes/node_modules/.package-lock.json
fi

install_cargo_tool() { # crate version binary
  if [[ "$("$3" --version 2>/dev/null || true)" != *"$2"* ]]; then
    log "installing $1 $2 (once)"
    cargo install "$1" --version "$2" --locked
  fi
}
# wasm-pack, for `wasm-pack test` (the browser tests); no --locked, as for wasm-bindgen-cli. Every tool
# it would download (wasm-bindgen, chromedriver, geckodriver) is already on PATH.
if $want_browser && [[ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack 0.15.1" ]]; then
  log "installing wasm-pack 0.15.1 (a few minutes, once)"
  cargo install wasm-pack --version 0.15.1 --force
fi
if $want_browser; then
  # Every target's crates (cargo deny reads them offline); quick once they are cached.
  cargo fetch --quiet
  install_cargo_tool cargo-fuzz 0.13.2 cargo-fuzz
  install_cargo_tool cargo-deny 0.20.2 cargo-deny
  install_cargo_tool geckodriver 0.37.1 geckodriver
fi

if $want_browser && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v firefox-esr >/dev/null; }; then
  log "installing Debian's chromium, chromium-driver and firefox-esr"
  if [[ $(id -u) -ne 0 ]]; then
    log "need root for apt-get: run 'sudo apt-get install -y chromium chromium-driver firefox-esr'"
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver firefox-esr >/dev/null
fi
