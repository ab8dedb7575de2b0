// The package entry: `CognitoClient`, `CognitoError`, and `init` (optional: the first call loads the
// WebAssembly module by itself). This file is the transport (fetch, timers, abort signals); what to
// send, how to read each reply, whether to retry and how long to wait are the module's decisions
// (src/js_api.rs). Only JSON text and numbers cross between the two.
// The module's text first: bundlers keep this order, and gzip packs it best at the start of a file.
import packed from '../pkg/cognito_verify_bg.deflate.js';
import { initSync, configure, start, reply, fail, finish } from '../pkg/cognito_verify.js';

let loading;
let ready = false;

/**
 * Compiles the module from a URL or path, `Request`, `Response`, bytes or `WebAssembly.Module`, or
 * the one built in when there is no `source` (a failure there rejects, like any other).
 */
async function compile(source) {
  source ??= builtIn();
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
 * The module this package ships inside its JS (no second request, no bundler rule): base64 of its
 * zopfli raw deflate (pkg/cognito_verify_bg.deflate.js, from the build), inflated as it compiles.
 */
function builtIn() {
  let bytes;
  if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(packed);
  else {
    const text = atob(packed);
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  }
  const inflated = new ReadableStream({
    start(stream) {
      stream.enqueue(bytes);
      stream.close();
    },
  }).pipeThrough(new DecompressionStream('deflate-raw'));
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

/** Every rejection of every method: an `Error` with the AWS (or client-side) name and the request facts. */
export class CognitoError extends Error {
  /** `fields`: `{ name, message, $fault, retryable, $metadata, field? }`. */
  constructor(fields) {
    super(fields.message);
    Object.assign(this, fields);
  }
}

/** A module answer: its result, or the `CognitoError` it describes, thrown. */
function answer(json) {
  const result = JSON.parse(json);
  if (result.name) throw new CognitoError(result);
  return result;
}

// Values JSON has no form for, written so the module can name them in its errors (src/js_input.rs).
const marker = (what) => ({ '\0': what });
const typed = (_, value) => {
  const type = typeof value;
  return type === 'function' || type === 'symbol' || type === 'bigint' ? marker(`a ${type}`) : value;
};

/**
 * The caller's argument as JSON text for the module (`''` for `undefined`). A field whose getter or
 * Proxy throws, or that cannot be written (a cycle), is sent as unreadable.
 */
function snapshot(value) {
  try {
    return JSON.stringify(value, typed) ?? '';
  } catch {}
  let copy = marker('unreadable');
  try {
    copy = {};
    for (const key of Object.keys(value)) {
      try {
        JSON.stringify((copy[key] = value[key]), typed);
      } catch {
        copy[key] = marker('unreadable');
      }
    }
  } catch {
    copy = marker('unreadable');
  }
  return JSON.stringify(copy, typed);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder();

/**
 * One attempt of call `id`, after a wait of `waited` ms: the module's answer (a delay before the next
 * attempt, -1 to finish, or -2: the body is the output), the body, the reply's status and request
 * id, and the body parsed, when reading it parsed it already.
 */
async function attempt(id, waited, settings, init, timeoutMs, signal) {
  // The attempt's signal: its timeout (a timer the browser runs itself: measured cheaper per call
  // than a controller with setTimeout), joined with the caller's signal when there is one.
  const timeout = AbortSignal.timeout(timeoutMs);
  let own = timeout;
  let stop;
  if (signal) {
    const controller = new AbortController();
    stop = () => controller.abort();
    signal.addEventListener('abort', stop);
    timeout.addEventListener('abort', stop);
    own = controller.signal;
  }
  let response, body, unread, parsed;
  try {
    init.signal = own;
    response = await fetch(settings.url, init);
    [body, unread, parsed] = await readBody(response, settings.maxBodyBytes, timeout);
  } catch (err) {
    const kind = signal?.aborted ? 2 : timeout.aborted ? 1 : 0;
    return [fail(id, waited, kind, typeof err?.message === 'string' ? err.message : '', Math.random())];
  } finally {
    if (signal) {
      signal.removeEventListener('abort', stop);
      timeout.removeEventListener('abort', stop);
    }
  }
  // Each header read costs time, so the error type is read only where there is one.
  const { headers, ok } = response;
  const requestId = headers.get('x-amzn-requestid');
  const errorType = ok ? null : headers.get('x-amzn-errortype');
  const { status } = response;
  return [reply(id, waited, status, errorType, requestId, body, unread, Math.random()), body, status, requestId, parsed];
}

/**
 * The reply's body as `[text, unread, parsed?]`: `unread` is 0 when read, 1 when larger than `max`
 * (the rest is not downloaded), 2 for a 2xx body that is not UTF-8 (fetch's text() would quietly
 * replace bad bytes). A first chunk that ends in `}` and parses as JSON is the whole body (more
 * bytes could only be blanks or make it invalid), so it is taken, parsed, without waiting for the
 * end of the stream, which Chromium reports a quarter of a millisecond after the last bytes
 * (BENCHMARKS.md); the stream still ends in the background (`drain`). Reading the stream also
 * measured faster than `arrayBuffer()`, and needs no `content-length`.
 */
async function readBody(response, max, timeout) {
  const reader = response.body?.getReader();
  const chunks = [];
  let size = 0;
  for (let chunk; reader && !(chunk = await reader.read()).done; ) {
    const bytes = chunk.value;
    size += bytes.byteLength;
    if (size > max) {
      reader.cancel().catch(() => {});
      return ['', 1];
    }
    if (chunks.push(bytes) === 1 && bytes[size - 1] === 0x7d) {
      try {
        const text = strictUtf8.decode(bytes);
        const parsed = JSON.parse(text);
        drain(reader, timeout);
        return [text, 0, parsed];
      } catch {}
    }
  }
  try {
    const bytes = chunks.length === 1 ? chunks[0] : new Uint8Array(await new Blob(chunks).arrayBuffer());
    return [(response.ok ? strictUtf8 : lenientUtf8).decode(bytes), 0];
  } catch {
    return ['', 2];
  }
}

/**
 * Lets the stream of a reply already taken end by itself: one more read should find its end. More
 * bytes are no part of any reply, so the stream is cancelled then, and at the attempt's `timeout` if
 * it is still open (the connection is released either way).
 */
function drain(reader, timeout) {
  const cancel = () => reader.cancel().catch(() => {});
  timeout.addEventListener('abort', cancel);
  reader
    .read()
    .then(({ done }) => done || cancel(), () => {})
    .then(() => timeout.removeEventListener('abort', cancel));
}

/** Waits `ms`, or less if `signal` fires (or has fired). */
function wait(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

/** A Cognito user-pools client. Configuration errors reject every call with `ValidationError`. */
export class CognitoClient {
  #config;
  #settings;

  constructor(config) {
    this.#config = snapshot(config);
  }

  async #call(op, input, options) {
    let signal;
    try {
      signal = options?.abortSignal;
    } catch {}
    try {
      if (!ready) await init();
      const settings = (this.#settings ??= answer(configure(this.#config)));
      // `{call, target, timeoutMs}`, then the body on the next line; or one line: the error.
      const started = start(op, snapshot(input), snapshot(options), signal instanceof AbortSignal, settings.maxAttempts, settings.timeoutMs);
      const split = started.indexOf('\n');
      const call = answer(split < 0 ? started : started.slice(0, split));
      const request = {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': call.target,
          'X-Amz-User-Agent': settings.userAgent,
        },
        body: started.slice(split + 1),
        // No cookies, and no cache mode: the browser keeps caching the CORS preflight.
        credentials: 'omit',
        // The token goes only to the endpoint: a redirect is a failure, not followed.
        redirect: 'error',
      };
      let waited = 0;
      let attempts = 0;
      let totalRetryDelay = 0;
      let next, body, httpStatusCode, requestId, parsed, failure;
      try {
        for (;;) {
          if (signal?.aborted) {
            fail(call.call, 0, 3, ''); // aborted before this attempt
            break;
          }
          [next, body, httpStatusCode, requestId, parsed] = await attempt(call.call, waited, settings, request, call.timeoutMs, signal);
          attempts++;
          if (next < 0) break;
          await wait(next, signal);
          totalRetryDelay += waited = next;
        }
      } finally {
        // -2: a success, and the module closed the call. Else this closes it, also after a throw
        // (a caller's signal whose getters throw, say), and takes the error it ended with.
        if (next !== -2) failure = finish(call.call);
      }
      if (failure) return answer(failure);
      // The module checked this text's shape; blank means {}.
      const result = parsed ?? (body.trim() ? JSON.parse(body) : {});
      result.$metadata = { httpStatusCode, ...(requestId !== null && { requestId }), attempts, totalRetryDelay };
      return result;
    } catch (err) {
      throw toError(err);
    }
  }

  // The numbers are the operations' places in the module's table (src/js_request.rs).
  getUserAttributeVerificationCode(input, options) {
    return this.#call(0, input, options);
  }

  verifyUserAttribute(input, options) {
    return this.#call(1, input, options);
  }

  getUser(input, options) {
    return this.#call(2, input, options);
  }

  updateUserAttributes(input, options) {
    return this.#call(3, input, options);
  }

  initiateAuth(input, options) {
    return this.#call(4, input, options);
  }
}

function toError(value) {
  if (value instanceof CognitoError) return value;
  // Anything else (the module failed to load, say) is kept as the cause.
  const err = new CognitoError({
    name: 'NetworkError',
    message: `cognito-verify could not run: ${value?.message || String(value)}`,
    $fault: 'client',
    retryable: false,
    $metadata: { attempts: 0, totalRetryDelay: 0 },
  });
  err.cause = value;
  return err;
}
