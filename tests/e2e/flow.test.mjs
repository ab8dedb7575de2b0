// `cognito-verify/flow` (js/flow.js over the flow's own module) in headless Chromium, against the
// stub's stateful pool in both pool settings, for email and phone, and against scripted faults.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, env } from '../support/browser.mjs';
import { addPoolUser, lastMail, stubCall } from '../support/stub-admin.mjs';

const SITE = env('SITE_URL');
const STUB = env('STUB_URL');
const RUN = Date.now().toString(36);
const PASSWORD = 'Flow-passw0rd!';
let browser;
let seq = 0;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** A page on another origin than the stub, with the page's clock under the test's control. */
async function page() {
  const tab = await open(browser, `${SITE}/tests/pages/blank.html`, { allow: [/Failed to load resource/], clock: true });
  await tab.page.waitForFunction(() => window.harnessReady === true);
  return tab;
}

/** A user in a new pool (its setup words in the client id), signed in: the access token. */
async function signedIn(words, user) {
  const clientId = `pool_${words}_${RUN}_${++seq}`;
  const username = `flow${seq}@example.com`;
  await addPoolUser(STUB, { clientId, username, password: PASSWORD, ...user });
  const signIn = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD } };
  const { body } = await stubCall(STUB, 'InitiateAuth', signIn);
  return { clientId, username, token: body.AuthenticationResult.AccessToken };
}

const lastCode = async ({ clientId, username }) => (await lastMail(STUB, clientId, username)).code;
const targets = async (key) => (await (await fetch(`${STUB}/__requests?token=${encodeURIComponent(key)}`)).json()).map((r) => r.target.split('.')[1]);

/** Starts a flow in the page (window.flow) for `token`; resolves once it has loaded. */
async function startFlow(tab, token, attribute = 'email') {
  return tab.page.evaluate(`(async () => {
    const { createVerifyFlow } = await import('/js/flow.js');
    window.refreshed = 0;
    window.states = [];
    const client = new window.lib.CognitoClient({ endpoint: ${JSON.stringify(STUB)} });
    window.flow = await createVerifyFlow({
      client, attribute: ${JSON.stringify(attribute)},
      accessToken: async () => ${JSON.stringify(token)},
      refreshTokens: async () => { window.refreshed++; },
    });
    window.flow.subscribe((s) => window.states.push(s));
    while (window.flow.getSnapshot().busy) await new Promise((r) => setTimeout(r, 10));
    return window.flow.getSnapshot();
  })()`);
}

/** Runs `flow.<action>(arg)` in the page: its result and the state after. */
async function act(tab, action, arg) {
  return tab.page.evaluate(`(async () => {
    const result = await window.flow.${action}(${arg === undefined ? '' : JSON.stringify(arg)});
    return { result, state: window.flow.getSnapshot() };
  })()`);
}

test('a pool that keeps the original: the change waits for its code, a resend submits the update again, the verify lands the new value', async () => {
  const tab = await page();
  const user = await signedIn('keep', { email: 'old@example.com', emailVerified: true });
  const loaded = await startFlow(tab, user.token);
  assert.deepEqual([loaded.phase, loaded.value, loaded.verified, loaded.pending], ['ready', 'old@example.com', true, null]);

  const changed = await act(tab, 'change', 'new@example.com');
  assert.equal(changed.result, null);
  assert.deepEqual([changed.state.keepsOriginal, changed.state.value, changed.state.pending], [true, 'old@example.com', 'new@example.com']);
  assert.deepEqual(changed.state.delivery, { Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
  assert.equal(changed.state.wait, 'cooldown');
  assert.equal((await act(tab, 'send')).result, 'Waiting', 'the cooldown holds a resend');

  await tab.page.clock.fastForward(31_000);
  const before = await targets(user.token);
  assert.equal((await act(tab, 'send')).result, null);
  assert.deepEqual((await targets(user.token)).slice(before.length), ['UpdateUserAttributes'], 'not GetUserAttributeVerificationCode, which would go to the old address');

  const done = await act(tab, 'verify', await lastCode(user));
  assert.deepEqual([done.result, done.state.value, done.state.verified, done.state.pending], [null, 'new@example.com', true, null]);
  assert.equal(done.state.tokensStale, false, 'the tokens were refreshed after the verify');
  assert.equal(await tab.page.evaluate(() => window.refreshed), 1);
  tab.expectClean();
  await tab.close();
});

test('a pool that replaces at once, for a phone number: the same value is refused, a resend goes to the new number by SMS', async () => {
  const tab = await page();
  const user = await signedIn('', { phone: '+15550001234', phoneVerified: true });
  await startFlow(tab, user.token, 'phone_number');
  const same = await act(tab, 'change', '+15550001234');
  assert.equal(same.result, 'SameValue');
  assert.deepEqual(same.state.problem, {
    name: 'SameValue',
    message: '+15550001234 is already this account\'s phone number: nothing was sent.',
    next: 'chooseAnotherValue',
    sentence: 'That value cannot be used here. Enter another one.',
  });
  const changed = await act(tab, 'change', '+15550005678');
  assert.deepEqual([changed.state.keepsOriginal, changed.state.value, changed.state.verified], [false, '+15550005678', false]);
  assert.deepEqual(changed.state.delivery, { Destination: '+*******5678', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
  await tab.page.clock.fastForward(31_000);
  const before = await targets(user.token);
  await act(tab, 'send');
  assert.deepEqual((await targets(user.token)).slice(before.length), ['GetUserAttributeVerificationCode']);
  const wrong = await act(tab, 'verify', '000000');
  assert.deepEqual([wrong.state.problem.name, wrong.state.problem.next], ['CodeMismatchException', 'typeCodeAgain']);
  const done = await act(tab, 'verify', await lastCode(user));
  assert.deepEqual([done.state.value, done.state.verified, done.state.problem], ['+15550005678', true, null]);
  tab.expectClean();
  await tab.close();
});

test('LimitExceededException starts the long wait; NotAuthorizedException ends the flow', async () => {
  const tab = await page();
  await startFlow(tab, `failon.GetUserAttributeVerificationCode.LimitExceededException.${RUN}`);
  const now = await tab.page.evaluate(() => Date.now());
  const limited = await act(tab, 'send');
  assert.deepEqual([limited.state.wait, limited.state.problem.next], ['limit', 'wait']);
  assert.ok(limited.state.resendAt - now >= 15 * 60_000 - 1000, `waits about 15 minutes (${limited.state.resendAt - now} ms)`);
  assert.equal((await act(tab, 'send')).result, 'Waiting');

  const ended = await startFlow(tab, `err.NotAuthorizedException.${RUN}`);
  assert.deepEqual([ended.phase, ended.problem.next], ['signedOut', 'signInAgain']);
  assert.equal((await act(tab, 'send')).result, 'SignedOut');
  tab.expectClean();
  await tab.close();
});

test('the snapshot is a new frozen object after each change and the same one between (a refusal that changes nothing included); subscribers can leave', async () => {
  const tab = await page();
  const user = await signedIn('', {});
  await startFlow(tab, user.token);
  const r = await tab.page.evaluate(async () => {
    const flow = window.flow;
    const a = flow.getSnapshot();
    const stable = a === flow.getSnapshot();
    let calls = 0;
    const leave = flow.subscribe(() => calls++);
    await flow.send();
    const afterSend = calls;
    const sentState = flow.getSnapshot();
    const refused = await flow.send();
    const quiet = refused === 'Waiting' && flow.getSnapshot() === sentState && calls === afterSend;
    leave();
    await flow.verify('000000');
    return { stable, frozen: Object.isFrozen(a), changed: a !== flow.getSnapshot(), afterSend, quiet, afterLeave: calls, busyStates: window.states.map((s) => s.busy) };
  });
  assert.equal(r.stable && r.frozen && r.changed, true, JSON.stringify(r));
  assert.equal(r.afterSend, 2, 'one state when the send starts, one when its reply lands');
  assert.equal(r.quiet, true, 'a refusal that changes nothing keeps the snapshot and calls no listener');
  assert.equal(r.afterLeave, 2, 'no calls after unsubscribing');
  assert.ok(r.busyStates.includes('sending') && r.busyStates.includes('verifying'), JSON.stringify(r.busyStates));
  tab.expectClean();
  await tab.close();
});

test('bad options are ValidationErrors naming the option, before any module loads or call is made', async () => {
  const tab = await page();
  const r = await tab.page.evaluate(`(async () => {
    const { createVerifyFlow } = await import('/js/flow.js');
    const client = new window.lib.CognitoClient({ endpoint: ${JSON.stringify(STUB)} });
    const out = [];
    for (const options of [undefined, {}, { client }, { client, accessToken: 'token' }, { client, accessToken: () => 't', attribute: 'name' }, { client, accessToken: () => 't', refreshTokens: 5 }]) {
      try {
        await createVerifyFlow(options);
        out.push('created');
      } catch (e) {
        out.push(e.name + ' ' + e.field + ' ' + (e instanceof window.lib.CognitoError));
      }
    }
    return out;
  })()`);
  assert.deepEqual(r, [
    'ValidationError client true', 'ValidationError client true', 'ValidationError accessToken true',
    'ValidationError accessToken true', 'ValidationError attribute true', 'ValidationError refreshTokens true',
  ]);
  tab.expectClean();
  await tab.close();
});
