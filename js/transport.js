// The fetch transport: one attempt, its reply's head and its body's chunks handed to the module,
// which says when to stop reading (src/core/body.rs), and the waits between attempts.
import { chunk, fail, reply } from '../pkg/cognito_verify.js';
import { CHUNK_MORE, CHUNK_TOO_LARGE, CHUNK_WHOLE, FAILED_ABORT, FAILED_NETWORK, FAILED_TIMEOUT, PIECE_BYTES } from './protocol.js';

/**
 * One attempt of call `id`, after a wait of `waited` ms: the module's answer (a delay before the
 * next attempt, or a `NEXT_*` constant), and the body's chunks, status and request id of the reply.
 */
export async function attempt(id, waited, url, init, timeoutMs, signal) {
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
  let response, chunks;
  try {
    init.signal = own;
    response = await fetch(url, init);
    chunks = await readBody(id, response, timeout);
  } catch {
    return [fail(id, waited, signal?.aborted ? FAILED_ABORT : timeout.aborted ? FAILED_TIMEOUT : FAILED_NETWORK, Math.random())];
  } finally {
    if (signal) {
      signal.removeEventListener('abort', stop);
      timeout.removeEventListener('abort', stop);
    }
  }
  // Each header read costs time, so the error type is read only where there is one.
  const { headers, ok, status } = response;
  // The request id as the AWS SDKs read it: `x-amzn-RequestId`, else `x-amz-request-id`.
  const requestId = headers.get('x-amzn-requestid') ?? headers.get('x-amz-request-id');
  const errorType = ok ? null : headers.get('x-amzn-errortype');
  return [reply(id, waited, status, errorType, requestId, Math.random()), chunks, status, requestId];
}

/**
 * Hands the body to the module for as long as it says to read on, in pieces of at most
 * `PIECE_BYTES` (a chunk of the stream may be larger: it is never copied whole into the module's
 * memory), and keeps what it handed over (the output is its text). A body the module says is whole
 * is left to end in the background (`drain`); one too large is cancelled, so the rest is never
 * downloaded.
 */
async function readBody(id, response, timeout) {
  const reader = response.body?.getReader();
  const pieces = [];
  let next = CHUNK_MORE;
  for (let step; next === CHUNK_MORE && reader && !(step = await reader.read()).done; ) {
    const bytes = step.value;
    // The rest of a chunk goes too after a piece the module took as whole: it can only make the
    // reply invalid (and then the module reads on).
    for (let at = 0; next !== CHUNK_TOO_LARGE && at < bytes.length; at += PIECE_BYTES) {
      const piece = bytes.subarray(at, at + PIECE_BYTES);
      next = chunk(id, piece);
      pieces.push(piece);
    }
  }
  if (next === CHUNK_WHOLE) drain(reader, timeout);
  if (next === CHUNK_TOO_LARGE) reader.cancel().catch(() => {});
  return pieces;
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
export function wait(ms, signal) {
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
