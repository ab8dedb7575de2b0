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
      return await this.#inner.call(op, input, options);
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
