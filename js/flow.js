// `cognito-verify/flow`: the verification flow of one attribute of the signed-in user. Its
// decisions run in a module of their own (src/flow/, pkg/flow/), which apps that only make calls
// never load; this file makes the calls the flow asks for, with a `CognitoClient` and the app's
// tokens, and hands the replies back.
import packed from '../pkg/flow/cognito_verify_flow_bg.deflate.js';
import { FlowCore, initSync } from '../pkg/flow/cognito_verify_flow.js';
import { CognitoClient } from './client.js';
import { clientError } from './error.js';
import { inflate } from './load.js';

const ATTRIBUTES = ['email', 'phone_number'];
const VERIFIED = { email: 'email_verified', phone_number: 'phone_number_verified' };

let loading;
/** Compiles the flow's module once; a failed load is tried again by the next flow. */
function loadFlow() {
  loading ??= WebAssembly.compileStreaming(inflate(packed))
    .then((module) => void initSync({ module }))
    .catch((err) => {
      loading = undefined;
      throw err;
    });
  return loading;
}

function invalid(field, message) {
  return Object.assign(clientError('ValidationError', `${field} ${message}`), { field });
}

/** How a failed call (or token source) is handed to the flow. */
const failed = (err) => (core, ticket, now) =>
  core.replyFailed(
    ticket,
    typeof err?.name === 'string' ? err.name : 'Error',
    typeof err?.message === 'string' ? err.message : String(err),
    err?.$metadata?.httpStatusCode,
    now,
  );

/** How a code that went out (for `attribute`; none when `details` is absent) is handed to the flow. */
const sent = (update, details) => (core, ticket, now) =>
  core.replySent(ticket, update, !!details, details?.Destination, details?.DeliveryMedium, details?.AttributeName, now);

/**
 * A verification flow for `attribute` (`'email'` or `'phone_number'`) of the signed-in user.
 * `accessToken` is a function returning (a promise of) a current access token, from any sign-in;
 * `refreshTokens`, optional, renews the app's tokens after a verify so the ID token's `*_verified`
 * claim is current. The flow starts by reading the user's attributes.
 */
export async function createVerifyFlow({ client, attribute = 'email', accessToken, refreshTokens } = {}) {
  if (!(client instanceof CognitoClient)) throw invalid('client', 'must be a CognitoClient');
  if (!ATTRIBUTES.includes(attribute)) throw invalid('attribute', "must be 'email' or 'phone_number'");
  if (typeof accessToken !== 'function') throw invalid('accessToken', 'must be a function that returns the access token');
  if (refreshTokens !== undefined && typeof refreshTokens !== 'function') throw invalid('refreshTokens', 'must be a function');
  await loadFlow();
  const core = new FlowCore(attribute);
  const listeners = new Set();
  let text = core.state();
  let snapshot = Object.freeze(JSON.parse(text));

  /** A new snapshot for the listeners, when the state changed (a refusal often leaves it as it was). */
  const publish = () => {
    const now = core.state();
    if (now === text) return;
    text = now;
    snapshot = Object.freeze(JSON.parse(text));
    for (const listener of [...listeners]) listener(snapshot);
  };

  /** Makes one call the flow asked for; resolves to how its reply is handed back (never rejects). */
  async function perform(step) {
    try {
      if (step.call === 'RefreshTokens') {
        await refreshTokens?.();
        return (core, ticket, now) => core.replyRefreshed(ticket, now);
      }
      const AccessToken = await accessToken();
      switch (step.call) {
        case 'GetUser': {
          const user = await client.getUser({ AccessToken });
          const value = user.UserAttributes.find((a) => a.Name === attribute)?.Value;
          const verified = user.UserAttributes.find((a) => a.Name === VERIFIED[attribute])?.Value === 'true';
          return (core, ticket, now) => core.replyUser(ticket, value, verified, now);
        }
        case 'SendCode':
          return sent(false, (await client.getUserAttributeVerificationCode({ AccessToken, AttributeName: attribute })).CodeDeliveryDetails);
        case 'Verify':
          await client.verifyUserAttribute({ AccessToken, AttributeName: attribute, Code: step.code });
          return (core, ticket, now) => core.replyVerified(ticket, now);
        case 'Update': {
          const out = await client.updateUserAttributes({ AccessToken, UserAttributes: [{ Name: attribute, Value: step.value }] });
          return sent(true, out.CodeDeliveryDetailsList?.find((d) => (d.AttributeName ?? attribute) === attribute));
        }
      }
      return failed(new Error(`unknown call ${step.call}`));
    } catch (err) {
      return failed(err);
    }
  }

  /** Runs an action's step and the steps its replies ask for; resolves to the refusal or null. */
  async function drive(text) {
    let step = JSON.parse(text);
    publish();
    if (step.refused) return step.refused;
    while (step) {
      const reply = await perform(step);
      step = JSON.parse(reply(core, step.ticket, Date.now()));
      publish();
    }
    return null;
  }

  const flow = {
    /** The state now: a frozen object, replaced (never changed) when the state changes. */
    getSnapshot: () => snapshot,
    /** Calls `listener(state)` after every change; returns the function that unsubscribes. */
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    load: () => drive(core.load()),
    send: () => drive(core.send(Date.now())),
    /** Checks the code; then, with `refreshTokens`, renews the tokens so the ID token is current. */
    async verify(code) {
      const refused = await drive(core.verify(String(code ?? '')));
      if (refused === null && refreshTokens && snapshot.tokensStale) await drive(core.refresh());
      return refused;
    },
    change: (value) => drive(core.change(String(value ?? ''), Date.now())),
    refresh: () => drive(core.refresh()),
    signOut() {
      core.signOut();
      publish();
    },
  };
  flow.load();
  return flow;
}
