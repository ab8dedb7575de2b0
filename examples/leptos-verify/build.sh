#!/usr/bin/env bash
# Builds the app into pkg/ with cargo and wasm-bindgen (no tool that downloads anything), then
# wasm-opt (npm's binaryen, from the repository's set-up) for its shipped size.
set -euo pipefail
cd "$(dirname "$0")"
cargo build --quiet --release --target wasm32-unknown-unknown
rm -rf pkg
wasm-bindgen --target web --out-dir pkg target/wasm32-unknown-unknown/release/leptos_verify.wasm
../../node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-multivalue \
  pkg/leptos_verify_bg.wasm -o pkg/leptos_verify_bg.wasm
