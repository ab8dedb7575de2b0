#!/usr/bin/env bash
# Builds the release package into pkg/: cargo (wasm32, std rebuilt with immediate-abort panics) ->
# wasm-bindgen --target web -> wasm-opt -Oz, run twice (the second pass: 33 B less gzipped, measured)
# -> zopfli-deflated base64 in pkg/cognito_verify_bg.deflate.js, which the npm entry imports.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

if [[ "${COGNITO_VERIFY_PLAIN_BUILD:-}" == 1 ]]; then
  wasm=target/wasm32-unknown-unknown/release/cognito_verify.wasm
  cargo build --quiet --release --target wasm32-unknown-unknown --no-default-features --features npm
else
  # std rebuilt with panics that abort without formatting a message (no core::fmt, no panic
  # machinery), every non-experimental MIR optimization and more MIR inlining (`npm test` runs the
  # unit tests under both too; BENCHMARKS.md says what each saves). These are nightly flags, which
  # the stable compiler accepts under RUSTC_BOOTSTRAP; COGNITO_VERIFY_PLAIN_BUILD=1 builds with
  # plain stable settings instead.
  wasm=target/release-std/wasm32-unknown-unknown/release/cognito_verify.wasm
  RUSTC_BOOTSTRAP=1 \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none -Zmir-opt-level=3 -Zinline-mir-threshold=500" \
    cargo build --quiet --release --target wasm32-unknown-unknown --no-default-features --features npm \
    -Zbuild-std=std,panic_abort --target-dir target/release-std
fi
if [[ -f pkg/cognito_verify_bg.deflate.js && pkg/cognito_verify_bg.deflate.js -nt "$wasm" ]]; then
  exit 0 # pkg/ is up to date
fi
# The npm entry compiles the module itself and instantiates it with initSync (js/index.js).
# wasm-opt: the module leaves the first 1 KiB of memory unused (--low-memory-unused); flattening and
# re-looping first gives the two -Oz passes more to fold.
rm -f pkg/cognito_verify_bg.deflate.js # written last: a build that stops early is not up to date
wasm-bindgen --target web --encode-into always --omit-default-module-path --out-dir pkg "$wasm"
node_modules/.bin/wasm-opt --low-memory-unused --flatten --rereloop -Oz -Oz --reorder-functions --reorder-locals --strip-debug --strip-producers --strip-target-features \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/cognito_verify_bg.wasm -o pkg/cognito_verify_bg.wasm
rm -f pkg/.gitignore pkg/package.json
# The module as the npm entry ships it: inside the JS (scripts/pack-wasm.mjs).
node scripts/pack-wasm.mjs pkg/cognito_verify_bg.wasm pkg/cognito_verify_bg.deflate.js
printf '[build] pkg/cognito_verify_bg.wasm: %s bytes (%s gzipped)\n' \
  "$(wc -c < pkg/cognito_verify_bg.wasm)" "$(gzip -9c pkg/cognito_verify_bg.wasm | wc -c)" >&2
