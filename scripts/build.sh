#!/usr/bin/env bash
# Builds the release package into pkg/: cargo (wasm32) -> wasm-bindgen --target web -> wasm-opt -Oz.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

wasm=target/wasm32-unknown-unknown/release/cognito_verify.wasm
cargo build --quiet --release --target wasm32-unknown-unknown
if [[ -f pkg/cognito_verify_bg.wasm && pkg/cognito_verify_bg.wasm -nt "$wasm" ]]; then
  exit 0 # pkg/ is up to date
fi
wasm-bindgen --target web --out-dir pkg "$wasm"
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/cognito_verify_bg.wasm -o pkg/cognito_verify_bg.wasm
rm -f pkg/.gitignore pkg/package.json
printf '[build] pkg/cognito_verify_bg.wasm: %s bytes (%s gzipped)\n' \
  "$(wc -c < pkg/cognito_verify_bg.wasm)" "$(gzip -9c pkg/cognito_verify_bg.wasm | wc -c)" >&2
