// Loads the WebAssembly module: the one built into this package, or another build of it.
import packed from '../pkg/cognito_verify_bg.deflate.js';
import { initSync } from '../pkg/cognito_verify.js';
import { clientError } from './error.js';

let loading;
/** Whether the module is ready for calls. */
export let ready = false;

/**
 * Compiles the module from a URL or path, `Request`, `Response`, bytes or `WebAssembly.Module`, or
 * the one built in when there is no `source` (a failure there rejects, like any other).
 */
async function compile(source) {
  source ??= inflate(packed);
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === 'string' || source instanceof URL || source instanceof Request) source = fetch(source);
  source = await source;
  if (!(source instanceof Response)) return WebAssembly.compile(source);
  if (!source.ok) throw new Error(`could not fetch ${source.url}: HTTP ${source.status}`);
  // Compiles while downloading, which needs the `application/wasm` type; else reads it whole first.
  return source.headers.get('content-type')?.startsWith('application/wasm')
    ? WebAssembly.compileStreaming(source)
    : WebAssembly.compile(await source.arrayBuffer());
}

/**
 * A module this package ships inside its JS (no second request, no bundler rule), as a `Response`
 * to compile: `text` is base64 of its zopfli raw deflate (`<module>_bg.deflate.js`, from the
 * build), inflated as it compiles.
 */
export function inflate(text) {
  let bytes;
  if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(text);
  else {
    text = atob(text);
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  }
  let inflating;
  try {
    inflating = new DecompressionStream('deflate-raw');
  } catch {
    throw clientError('UnsupportedRuntimeError', "this runtime lacks DecompressionStream('deflate-raw')");
  }
  const inflated = new ReadableStream({
    start(stream) {
      stream.enqueue(bytes);
      stream.close();
    },
  }).pipeThrough(inflating);
  return new Response(inflated, { headers: { 'content-type': 'application/wasm' } });
}

/**
 * Loads the module ahead of the first call. Optional, and without an argument it loads the one built
 * into this package; a URL, Response, bytes or `WebAssembly.Module` loads another build of it. A
 * failed load is tried again by the next call.
 */
export default function init(moduleOrPath) {
  loading ??= compile(moduleOrPath)
    .then((module) => {
      initSync({ module });
      ready = true;
    })
    .catch((err) => {
      loading = undefined;
      throw err;
    });
  return loading;
}
