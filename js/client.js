// `CognitoClient`: one method per operation, each a call the module prepares and steers (what to
// send, how to read each reply, whether to retry and how long to wait: src/abi/) over the fetch
// transport.
import { configure, fail, finish, start } from '../pkg/cognito_verify.js';
import { answer, toError } from './error.js';
import { snapshot } from './input.js';
import init, { ready } from './load.js';
import { ABORTED_BEFORE_ATTEMPT, NEXT_SUCCEEDED, NEXT_SUCCEEDED_EMPTY } from './protocol.js';
import { attempt, wait } from './transport.js';

const utf8 = new TextDecoder();

/** A Cognito user-pools client. Configuration errors reject every call with `ValidationError`. */
export class CognitoClient {
  #config;
  #settings;

  constructor(config) {
    this.#config = snapshot(config);
  }

  /** Runs operation `name` (its wire name) with the caller's `input` and `options`. */
  async #call(name, input, options) {
    let signal;
    try {
      signal = options?.abortSignal;
    } catch {}
    try {
      if (!ready) await init();
      const settings = (this.#settings ??= answer(configure(this.#config)));
      // `{call, target, timeoutMs}`, then the body on the next line; or one line: the error.
      const started = start(`${name}\n${snapshot(input)}\n${snapshot(options)}`, signal instanceof AbortSignal, settings.maxAttempts, settings.timeoutMs);
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
      let next, chunks, httpStatusCode, requestId, failure;
      try {
        for (;;) {
          if (signal?.aborted) {
            fail(call.call, 0, ABORTED_BEFORE_ATTEMPT);
            break;
          }
          [next, chunks, httpStatusCode, requestId] = await attempt(call.call, waited, settings.url, request, call.timeoutMs, signal);
          attempts++;
          if (next < 0) break;
          await wait(next, signal);
          totalRetryDelay += waited = next;
        }
      } finally {
        // A success closed the call in the module. Else this closes it, also after a throw (a
        // caller's signal whose getters throw, say), and takes the error it ended with.
        if (next !== NEXT_SUCCEEDED && next !== NEXT_SUCCEEDED_EMPTY) failure = finish(call.call);
      }
      if (failure) return answer(failure);
      // The module checked the body: whole JSON of the output's shape (or blank, for `{}`).
      const result = next === NEXT_SUCCEEDED ? JSON.parse(utf8.decode(chunks.length === 1 ? chunks[0] : await new Blob(chunks).arrayBuffer())) : {};
      result.$metadata = { httpStatusCode, ...(requestId !== null && { requestId }), attempts, totalRetryDelay };
      return result;
    } catch (err) {
      throw toError(err);
    }
  }

  getUserAttributeVerificationCode(input, options) {
    return this.#call('GetUserAttributeVerificationCode', input, options);
  }

  verifyUserAttribute(input, options) {
    return this.#call('VerifyUserAttribute', input, options);
  }

  getUser(input, options) {
    return this.#call('GetUser', input, options);
  }

  updateUserAttributes(input, options) {
    return this.#call('UpdateUserAttributes', input, options);
  }

  initiateAuth(input, options) {
    return this.#call('InitiateAuth', input, options);
  }

  signUp(input, options) {
    return this.#call('SignUp', input, options);
  }

  confirmSignUp(input, options) {
    return this.#call('ConfirmSignUp', input, options);
  }

  resendConfirmationCode(input, options) {
    return this.#call('ResendConfirmationCode', input, options);
  }

  respondToAuthChallenge(input, options) {
    return this.#call('RespondToAuthChallenge', input, options);
  }

  getTokensFromRefreshToken(input, options) {
    return this.#call('GetTokensFromRefreshToken', input, options);
  }

  revokeToken(input, options) {
    return this.#call('RevokeToken', input, options);
  }

  globalSignOut(input, options) {
    return this.#call('GlobalSignOut', input, options);
  }
}
