// The error every method rejects with, and the module's answers that carry one.

/** Every rejection of every method: an `Error` with the AWS (or client-side) name and the request facts. */
export class CognitoError extends Error {
  /** `fields`: `{ name, message, $fault, retryable, $metadata, field? }`. */
  constructor(fields) {
    super(fields.message);
    Object.assign(this, fields);
  }
}

/** A module answer (JSON text): its result, or the `CognitoError` it describes, thrown. */
export function answer(json) {
  const result = JSON.parse(json);
  if (result.name) throw new CognitoError(result);
  return result;
}

/** `value` as a `CognitoError`: anything else (the module failed to load, say) is kept as the cause. */
export function toError(value) {
  if (value instanceof CognitoError) return value;
  const err = clientError('NetworkError', `cognito-verify could not run: ${value?.message || String(value)}`);
  err.cause = value;
  return err;
}

/** A `CognitoError` found before any request was made. */
export function clientError(name, message) {
  return new CognitoError({ name, message, $fault: 'client', retryable: false, $metadata: { attempts: 0, totalRetryDelay: 0 } });
}
