// esbuild does not rewrite `new URL(..., import.meta.url)`: import the .wasm's URL with
// `--loader:.wasm=file` and hand it to init().
import init from 'cognito-verify';
import wasmUrl from 'cognito-verify/wasm';
import { run } from './app.js';

init(new URL(wasmUrl, import.meta.url)).then(run);
