#!/usr/bin/env bash
# Builds the release package's two modules into pkg/ and pkg/flow/: cargo (wasm32, std rebuilt with
# immediate-abort panics) -> wasm-bindgen --target web -> wasm-opt -Oz, run twice -> zopfli-deflated
# base64 in <name>_bg.deflate.js, which the npm entries import.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# Builds the crate's module with cargo features $1 into pkg dir $2 as $3 (wasm-bindgen's out name):
# wasm-bindgen glue, the module after wasm-opt, and the module deflated in base64 (what the entry
# imports). Skipped when that is newer than the cargo output.
module() {
  local features=$1 out=$2 name=$3 target_dir wasm
  if [[ "${COGNITO_VERIFY_PLAIN_BUILD:-}" == 1 ]]; then
    target_dir=target/plain-$name
    cargo build --quiet --release --target wasm32-unknown-unknown --no-default-features --features "$features" \
      --target-dir "$target_dir"
  else
    # std rebuilt with panics that abort without formatting a message (no core::fmt, no panic
    # machinery), every non-experimental MIR optimization and more MIR inlining (`npm test` runs the
    # unit tests under both too; BENCHMARKS.md says what each saves). These are nightly flags, which
    # the stable compiler accepts under RUSTC_BOOTSTRAP; COGNITO_VERIFY_PLAIN_BUILD=1 builds with
    # plain stable settings instead.
    target_dir=target/release-std
    [[ $name == cognito_verify ]] || target_dir=target/release-std-$name
    RUSTC_BOOTSTRAP=1 \
      RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none -Zmir-opt-level=3 -Zinline-mir-threshold=500" \
      cargo build --quiet --release --target wasm32-unknown-unknown --no-default-features --features "$features" \
      -Zbuild-std=std,panic_abort --target-dir "$target_dir"
  fi
  wasm=$target_dir/wasm32-unknown-unknown/release/cognito_verify.wasm
  if [[ -f $out/${name}_bg.deflate.js && $out/${name}_bg.deflate.js -nt "$wasm" ]]; then
    return 0 # up to date
  fi
  # The npm entry compiles the module itself and instantiates it with initSync (js/load.js).
  rm -f "$out/${name}_bg.deflate.js" # written last: a build that stops early is not up to date
  wasm-bindgen --target web --encode-into always --omit-default-module-path --out-dir "$out" --out-name "$name" "$wasm"
  # wasm-opt: the module leaves the first 1 KiB of memory unused (--low-memory-unused); flattening
  # and re-looping first gives the two -Oz passes more to fold.
  node_modules/.bin/wasm-opt --low-memory-unused --flatten --rereloop -Oz -Oz --reorder-functions --reorder-locals --strip-debug --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  rm -f "$out/.gitignore" "$out/package.json"
  # The module as the npm entry ships it: inside the JS (scripts/pack-wasm.mjs).
  node scripts/pack-wasm.mjs "$out/${name}_bg.wasm" "$out/${name}_bg.deflate.js"
  printf '[build] %s: %s bytes (%s gzipped)\n' \
    "$out/${name}_bg.wasm" "$(wc -c < "$out/${name}_bg.wasm")" "$(gzip -9c "$out/${name}_bg.wasm" | wc -c)" >&2
}

# The npm package's module, and the verification flow's (js/flow.js), which apps without the flow
# never load.
module npm pkg cognito_verify
module flow-js pkg/flow cognito_verify_flow
