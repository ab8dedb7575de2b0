// The package entry: `CognitoClient`, `CognitoError`, and `init` (optional: the first call loads the
// WebAssembly module by itself).
import wasmInit, { CognitoClient as WasmClient } from '../pkg/cognito_verify.js';

let loading;

/**
 * Loads the module. Optional; pass a URL, Response, bytes or `WebAssembly.Module` when your bundler
 * moves the `.wasm` file, otherwise it is found next to this module.
 */
export default function init(moduleOrPath) {
  loading ??= wasmInit(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(
    () => undefined,
    (err) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/** Every rejection of every method: an `Error` with the AWS (or client-side) name and the request facts. */
export class CognitoError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = fields.name;
    this.$fault = fields.$fault;
    this.retryable = fields.retryable;
    this.$metadata = fields.$metadata;
    if (fields.field !== undefined) this.field = fields.field;
  }
}

function toError(value) {
  if (value instanceof CognitoError) return value;
  if (value && typeof value === 'object' && typeof value.name === 'string' && '$metadata' in value) {
    return new CognitoError(value);
  }
  // Anything else (the module failed to load, say) is kept as the cause.
  const err = new CognitoError({
    name: 'NetworkError',
    message: `cognito-verify could not run: ${value && value.message ? value.message : String(value)}`,
    $fault: 'client',
    retryable: false,
    $metadata: { attempts: 0, totalRetryDelay: 0 },
  });
  err.cause = value;
  return err;
}

// The transport: fetch, timers and abort signals. What to send, how to read the reply, whether to
// retry and how long to wait are decided by the module (src/call.rs).
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder();

/** One attempt; returns the module's answer: a delay before the next attempt, or -1. */
async function attempt(call, { url, init, timeoutMs, maxBodyBytes, signal }) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, timeoutMs);
  signal?.addEventListener('abort', abort);
  let response, body;
  try {
    response = await fetch(url, { ...init, signal: controller.signal });
    if (+response.headers.get('content-length') > maxBodyBytes) {
      response.body?.cancel().catch(() => {});
    } else {
      const bytes = await response.arrayBuffer();
      if (bytes.byteLength <= maxBodyBytes) {
        try {
          // A 2xx body must be UTF-8; fetch's text() would quietly replace bad bytes.
          body = (response.ok ? strictUtf8 : lenientUtf8).decode(bytes);
        } catch {
          body = null;
        }
      }
    }
  } catch (err) {
    const kind = signal?.aborted ? 2 : controller.signal.aborted ? 1 : 0;
    const detail = typeof err?.message === 'string' ? err.message : undefined;
    return call.fail(kind, detail, Math.random());
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
  const { headers } = response;
  const requestId = headers.get('x-amzn-requestid') ?? headers.get('x-amz-request-id');
  return call.reply(response.status, headers.get('x-amzn-errortype'), requestId, body, Math.random());
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

/** Runs a call to its end: the output, or a thrown error's fields. */
async function run(call) {
  try {
    const { request } = call;
    const { signal } = request;
    for (;;) {
      if (signal?.aborted) {
        call.abort();
        break;
      }
      const delay = await attempt(call, request);
      if (delay < 0) break;
      await wait(delay, signal);
      if (!signal?.aborted) call.waited(delay);
    }
  } catch (err) {
    call.free();
    throw err;
  }
  return call.finish(); // consumes the call
}

/** A Cognito user-pools client. Configuration errors reject the first call with `ValidationError`. */
export class CognitoClient {
  #config;
  #inner;

  constructor(config) {
    this.#config = config;
  }

  async #call(op, input, options) {
    try {
      await init();
      this.#inner ??= new WasmClient(this.#config);
      return await run(this.#inner.call(op, input, options));
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

  /** Releases the WebAssembly side of the client. */
  free() {
    this.#inner?.free();
    this.#inner = undefined;
  }
}
