// The account operations of the release package (sign-up, challenges, refresh token rotation,
// revocation, global sign-out) in headless Chromium, against the stub's stateful pool (which models
// what cognito-local lacks) and against cognito-local where it has the operation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, env } from '../support/browser.mjs';
import { addPoolUser, lastMail as mailOf } from '../support/stub-admin.mjs';
import { totp } from '../support/totp.mjs';

const SITE = env('SITE_URL');
const STUB = env('STUB_URL');
const COGNITO = env('COGNITO_LOCAL_URL');
const CLIENT_ID = env('COGNITO_CLIENT_ID');

const RUN = Date.now().toString(36);
const PASSWORD = 'Pool-passw0rd!';
let browser;
let tab;
let seq = 0;

before(async () => {
  browser = await launch();
  tab = await open(browser, `${SITE}/tests/pages/blank.html`, { allow: [/Failed to load resource/] });
});

after(async () => {
  await tab?.close();
  await browser?.close();
});

/** Runs `fn(lib, args, describe)` in the page (see client.test.mjs); rejections come back described. */
async function run(fn, args = {}) {
  await tab.page.waitForFunction(() => window.harnessReady === true);
  return tab.page.evaluate(`(async () => {
    try {
      return await (${fn.toString()})(window.lib, ${JSON.stringify({ endpoint: STUB, ...args })}, window.describeError);
    } catch (e) {
      return window.describeError(e);
    }
  })()`);
}

/** A fresh pool client id with the given setup words, and a user in it. */
async function poolUser(words = '', options = {}) {
  const clientId = `pool_${words}_${RUN}_${++seq}`;
  const username = `user${seq}@example.com`;
  return { clientId, username, ...(await addPoolUser(STUB, { clientId, username, password: PASSWORD, ...options })) };
}

const lastMail = (clientId, username) => mailOf(STUB, clientId, username);
const stubRequests = async (key) => (await fetch(`${STUB}/__requests?token=${encodeURIComponent(key)}`)).json();

test('sign-up: the code goes out masked, a wrong or superseded code is refused, the right one confirms', async () => {
  const clientId = `pool_${RUN}_signup`;
  const username = `new-${RUN}@example.com`;
  const step = (name, code = '') => run(async (lib, { endpoint, clientId, username, password, name, code }) => {
    const client = new lib.CognitoClient({ endpoint });
    const calls = {
      signUp: () => client.signUp({ ClientId: clientId, Username: username, Password: password, UserAttributes: [{ Name: 'email', Value: username }] }),
      confirm: () => client.confirmSignUp({ ClientId: clientId, Username: username, ConfirmationCode: code }),
      resend: () => client.resendConfirmationCode({ ClientId: clientId, Username: username }),
      signIn: () => client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
    };
    return await calls[name]();
  }, { clientId, username, password: PASSWORD, name, code });
  const signedUp = await step('signUp');
  assert.equal(signedUp.UserConfirmed, false);
  assert.match(signedUp.UserSub, /^[0-9a-f-]{36}$/);
  assert.deepEqual(signedUp.CodeDeliveryDetails, { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@e***' });
  assert.equal((await step('signIn')).name, 'UserNotConfirmedException');
  const first = (await lastMail(clientId, username)).code;
  assert.equal((await step('signUp')).name, 'UsernameExistsException');

  const wrong = await step('confirm', first === '000000' ? '111111' : '000000');
  assert.equal(wrong.name, 'CodeMismatchException');
  assert.equal(wrong.retryable, false);
  assert.equal((await step('resend')).CodeDeliveryDetails.Destination, 'n***@e***');
  assert.equal((await step('confirm', first)).name, 'ExpiredCodeException', 'the code a resend replaced has expired');
  const code = (await lastMail(clientId, username)).code;
  const confirmed = await step('confirm', code);
  assert.deepEqual(Object.keys(confirmed), ['$metadata'], JSON.stringify(confirmed));
  assert.equal((await step('confirm', code)).name, 'NotAuthorizedException', 'a confirmed user cannot be confirmed again');
  assert.equal((await step('resend')).name, 'InvalidParameterException');
  assert.equal(typeof (await step('signIn')).AuthenticationResult.AccessToken, 'string');
  // Each of these was sent once: none of them is repeated after a reply that leaves open whether it acted.
  assert.equal((await stubRequests(username)).length, 10);
});

test('sign-up: a short password and the sixth resend get their typed exceptions, each sent once', async () => {
  const clientId = `pool_${RUN}_limits`;
  const r = await run(async (lib, { endpoint, clientId, run }) => {
    const client = new lib.CognitoClient({ endpoint });
    const out = {};
    try {
      await client.signUp({ ClientId: clientId, Username: `short-${run}`, Password: 'short' });
    } catch (e) {
      out.short = e.name;
    }
    await client.signUp({ ClientId: clientId, Username: `many-${run}`, Password: 'long-enough-1' });
    out.resends = [];
    for (let i = 0; i < 6; i++) {
      try {
        await client.resendConfirmationCode({ ClientId: clientId, Username: `many-${run}` });
        out.resends.push('sent');
      } catch (e) {
        out.resends.push(`${e.name} ${e.retryable} ${e.$metadata.attempts}`);
      }
    }
    return out;
  }, { clientId, run: RUN });
  assert.equal(r.short, 'InvalidPasswordException');
  assert.deepEqual(r.resends, [...Array(5).fill('sent'), 'LimitExceededException false 1']);
  assert.equal((await stubRequests(`many-${RUN}`)).length, 7);
});

test('sign-up against cognito-local: sign up, confirm with its fixed code, sign in', async () => {
  const username = `local-${RUN}@example.com`;
  const r = await run(async (lib, { endpoint, clientId, username }) => {
    const client = new lib.CognitoClient({ endpoint });
    const password = 'Local-passw0rd!';
    const up = await client.signUp({ ClientId: clientId, Username: username, Password: password, UserAttributes: [{ Name: 'email', Value: username }] });
    await client.confirmSignUp({ ClientId: clientId, Username: username, ConfirmationCode: '123456' });
    const signIn = await client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
    return { confirmed: up.UserConfirmed, medium: up.CodeDeliveryDetails?.DeliveryMedium, signedIn: typeof signIn.AuthenticationResult.AccessToken };
  }, { endpoint: COGNITO, clientId: CLIENT_ID, username });
  assert.deepEqual(r, { confirmed: false, medium: 'EMAIL', signedIn: 'string' });
});

/** Signs in to a pool user and answers the challenge with `answers` (a list of ChallengeResponses extras). */
const challengeRun = (user, answers) => run(async (lib, { endpoint, clientId, username, password, answers }) => {
  const client = new lib.CognitoClient({ endpoint });
  const steps = [];
  let out = await client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
  const firstSession = out.Session;
  for (const extra of answers) {
    steps.push({ challenge: out.ChallengeName, parameters: out.ChallengeParameters });
    const code = extra === 'MAIL' ? { [out.ChallengeName === 'SMS_MFA' ? 'SMS_MFA_CODE' : 'EMAIL_OTP_CODE']: await (await fetch(`${endpoint}/__pool/mail?client=${clientId}&username=${encodeURIComponent(username)}`)).json().then((m) => m.code) } : extra;
    out = await client.respondToAuthChallenge({ ClientId: clientId, ChallengeName: out.ChallengeName, Session: out.Session, ChallengeResponses: { USERNAME: username, ...code } });
  }
  let reuse;
  try {
    await client.respondToAuthChallenge({ ClientId: clientId, ChallengeName: steps[0].challenge, Session: firstSession, ChallengeResponses: { USERNAME: username, ...answers[0] } });
  } catch (e) {
    reuse = `${e.name}: ${e.message}`;
  }
  const user = await client.getUser({ AccessToken: out.AuthenticationResult.AccessToken });
  return { steps, username: user.Username, reuse };
}, { clientId: user.clientId, username: user.username, password: PASSWORD, answers });

test('challenges: a new password, an emailed code, a texted code, an authenticator code, a choice of MFA', async () => {
  const newPassword = await poolUser('', { challenge: 'NEW_PASSWORD_REQUIRED' });
  const np = await challengeRun(newPassword, [{ NEW_PASSWORD: 'Brand-new-passw0rd' }]);
  assert.equal(np.steps[0].challenge, 'NEW_PASSWORD_REQUIRED', JSON.stringify(np));
  assert.equal(np.username, newPassword.username);
  assert.equal(np.reuse, 'NotAuthorizedException: Invalid session for the user, session is expired.', 'a session answers once');

  const email = await poolUser('', { challenge: 'EMAIL_OTP' });
  const eo = await challengeRun(email, ['MAIL']);
  assert.deepEqual(eo.steps[0].parameters, { USER_ID_FOR_SRP: email.username, CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'u***@e***' });

  const sms = await poolUser('', { challenge: 'SMS_MFA', phone: '+15550009876' });
  const sm = await challengeRun(sms, ['MAIL']);
  assert.equal(sm.steps[0].parameters.CODE_DELIVERY_DESTINATION, '+*******9876');

  const app = await poolUser('', { challenge: 'SOFTWARE_TOKEN_MFA' });
  const ap = await challengeRun(app, [{ SOFTWARE_TOKEN_MFA_CODE: totp(app.totpSecret) }]);
  assert.equal(ap.username, app.username, JSON.stringify(ap));

  const choice = await poolUser('', { challenge: 'SELECT_MFA_TYPE' });
  const ch = await challengeRun(choice, [{ ANSWER: 'SOFTWARE_TOKEN_MFA' }, { SOFTWARE_TOKEN_MFA_CODE: totp(choice.totpSecret) }]);
  assert.deepEqual(ch.steps.map((s) => s.challenge), ['SELECT_MFA_TYPE', 'SOFTWARE_TOKEN_MFA']);
  assert.equal(ch.steps[0].parameters.MFAS_CAN_CHOOSE, '["SMS_MFA","SOFTWARE_TOKEN_MFA"]');
});

test('challenges: three wrong codes end the session; a wrong code is never sent twice', async () => {
  const user = await poolUser('', { challenge: 'EMAIL_OTP' });
  const r = await run(async (lib, { endpoint, clientId, username, password }) => {
    const client = new lib.CognitoClient({ endpoint });
    const out = await client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
    const answers = [];
    for (let i = 0; i < 4; i++) {
      try {
        await client.respondToAuthChallenge({ ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: out.Session, ChallengeResponses: { USERNAME: username, EMAIL_OTP_CODE: '00000000' } });
      } catch (e) {
        answers.push(`${e.name} ${e.$metadata.attempts}`);
      }
    }
    return answers;
  }, { clientId: user.clientId, username: user.username, password: PASSWORD });
  assert.deepEqual(r, ['CodeMismatchException 1', 'CodeMismatchException 1', 'CodeMismatchException 1', 'NotAuthorizedException 1']);
});

/** Signs a pool user in and runs `steps` (names) with the tokens, each step's outcome in a list. */
const tokenRun = (user, steps) => run(async (lib, { endpoint, clientId, username, password, steps }) => {
  const client = new lib.CognitoClient({ endpoint, maxAttempts: 3 });
  const signIn = () => client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
  const first = (await signIn()).AuthenticationResult;
  const other = (await signIn()).AuthenticationResult;
  const tokens = { refresh: [first.RefreshToken], access: first.AccessToken, other };
  const calls = {
    rotate: async () => {
      const out = await client.getTokensFromRefreshToken({ ClientId: clientId, RefreshToken: tokens.refresh.at(-1) });
      if (out.AuthenticationResult.RefreshToken) tokens.refresh.push(out.AuthenticationResult.RefreshToken);
      return out.AuthenticationResult.RefreshToken ? 'new refresh token' : 'same refresh token';
    },
    reuse: async () => {
      await client.getTokensFromRefreshToken({ ClientId: clientId, RefreshToken: tokens.refresh[0] });
      return 'refreshed';
    },
    legacyRefresh: async () => {
      await client.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: tokens.refresh.at(-1) } });
      return 'refreshed';
    },
    revoke: async () => {
      await client.revokeToken({ ClientId: clientId, Token: tokens.refresh.at(-1) });
      return 'revoked';
    },
    revokeAccess: async () => {
      await client.revokeToken({ ClientId: clientId, Token: tokens.access });
      return 'revoked';
    },
    getUser: async () => (await client.getUser({ AccessToken: tokens.access })).Username,
    globalSignOut: async () => {
      await client.globalSignOut({ AccessToken: tokens.other.AccessToken });
      return 'signed out';
    },
    otherRefresh: async () => {
      await client.getTokensFromRefreshToken({ ClientId: clientId, RefreshToken: tokens.other.RefreshToken });
      return 'refreshed';
    },
  };
  const out = [];
  for (const step of steps) {
    try {
      out.push(await calls[step]());
    } catch (e) {
      out.push(`${e.name}: ${e.message} (retryable ${e.retryable}, attempts ${e.$metadata.attempts})`);
    }
  }
  return out;
}, { clientId: user.clientId, username: user.username, password: PASSWORD, steps });

test('rotation: each refresh returns a new refresh token; the old one, reused, is RefreshTokenReuseException', async () => {
  const user = await poolUser('rotate');
  const r = await tokenRun(user, ['rotate', 'rotate', 'reuse', 'legacyRefresh', 'getUser']);
  assert.deepEqual(r.slice(0, 2), ['new refresh token', 'new refresh token']);
  assert.equal(r[2], 'RefreshTokenReuseException: Refresh token has been reused. (retryable false, attempts 1)');
  assert.match(r[3], /^NotAuthorizedException: Refresh token rotation is enabled/, 'REFRESH_TOKEN_AUTH is refused under rotation');
  assert.equal(r[4], user.username);
});

test('rotation with a grace period: the replaced token still refreshes within it', async () => {
  const r = await tokenRun(await poolUser('rotate_grace30'), ['rotate', 'reuse']);
  assert.deepEqual(r, ['new refresh token', 'refreshed']);
});

test('without rotation GetTokensFromRefreshToken keeps the refresh token; a legacy endpoint says UnknownOperationException', async () => {
  assert.deepEqual(await tokenRun(await poolUser(''), ['rotate', 'legacyRefresh']), ['same refresh token', 'refreshed']);
  const legacy = await tokenRun(await poolUser('legacy'), ['rotate', 'legacyRefresh']);
  assert.match(legacy[0], /^UnknownOperationException: .* \(retryable false, attempts 1\)$/);
  assert.equal(legacy[1], 'refreshed');
});

test('revocation: a revoked refresh token no longer refreshes, and its access tokens stop working', async () => {
  const r = await tokenRun(await poolUser(''), ['revokeAccess', 'revoke', 'rotate', 'getUser', 'otherRefresh']);
  assert.match(r[0], /^UnsupportedTokenTypeException: /);
  assert.equal(r[1], 'revoked');
  assert.equal(r[2], 'NotAuthorizedException: Refresh Token has been revoked (retryable false, attempts 1)');
  assert.equal(r[3], 'NotAuthorizedException: Access Token has been revoked (retryable false, attempts 1)');
  assert.equal(r[4], 'refreshed', 'another sign-in of the same user is not revoked');
  const off = await tokenRun(await poolUser('norevoke'), ['revoke', 'rotate']);
  assert.deepEqual(off, ['UnsupportedOperationException: Token revocation is not enabled for this app client. (retryable false, attempts 1)', 'same refresh token']);
});

test('revocation against cognito-local: the refresh token stops working', async () => {
  const r = await run(async (lib, { endpoint, clientId, run }) => {
    const client = new lib.CognitoClient({ endpoint });
    const username = `revoke-${run}@example.com`;
    const password = 'Local-passw0rd!';
    await client.signUp({ ClientId: clientId, Username: username, Password: password, UserAttributes: [{ Name: 'email', Value: username }] });
    await client.confirmSignUp({ ClientId: clientId, Username: username, ConfirmationCode: '123456' });
    const { RefreshToken } = (await client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } })).AuthenticationResult;
    const refresh = () => client.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: RefreshToken } });
    const before = typeof (await refresh()).AuthenticationResult.AccessToken;
    await client.revokeToken({ ClientId: clientId, Token: RefreshToken });
    try {
      await refresh();
      return { before, after: 'refreshed' };
    } catch (e) {
      return { before, after: e.name };
    }
  }, { endpoint: COGNITO, clientId: CLIENT_ID, run: RUN });
  assert.deepEqual(r, { before: 'string', after: 'NotAuthorizedException' });
});

test('global sign-out ends every session of the user: access and refresh tokens', async () => {
  const r = await tokenRun(await poolUser(''), ['getUser', 'globalSignOut', 'getUser', 'rotate', 'otherRefresh']);
  assert.equal(r[1], 'signed out');
  assert.equal(r[2], 'NotAuthorizedException: Access Token has been revoked (retryable false, attempts 1)');
  assert.equal(r[3], 'NotAuthorizedException: Refresh Token has been revoked (retryable false, attempts 1)');
  assert.equal(r[4], 'NotAuthorizedException: Refresh Token has been revoked (retryable false, attempts 1)');
});

test('GetTokensFromRefreshToken is not repeated after a reply that leaves open whether it rotated', async () => {
  const r = await run(async (lib, { endpoint, key }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 3 });
    try {
      await client.getTokensFromRefreshToken({ ClientId: 'stubclient', RefreshToken: key });
      return 'ok';
    } catch (e) {
      return `${e.name} ${e.retryable} ${e.$metadata.attempts}`;
    }
  }, { key: `fail500.1.${RUN}` });
  assert.equal(r, 'InternalErrorException false 1');
  assert.equal((await stubRequests(`fail500.1.${RUN}`)).length, 1);
});

/** An unsigned JWT with these claims (the client reads, never verifies, an access token). */
const jwt = (claims) => ['eyJhbGciOiJSUzI1NiJ9', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'c2ln'].join('.');

test('an ID token or an access token without aws.cognito.signin.user.admin is refused before the network', async () => {
  const tokens = {
    id: jwt({ token_use: 'id', sub: 'a', scenario: `ok.id.${RUN}` }),
    noScope: jwt({ token_use: 'access', scope: 'openid email', scenario: `ok.noscope.${RUN}` }),
    fine: jwt({ token_use: 'access', scope: 'openid aws.cognito.signin.user.admin', scenario: `ok.fine.${RUN}` }),
    opaque: `ok.opaque.${RUN}`,
  };
  const r = await run(async (lib, { endpoint, tokens }) => {
    const client = new lib.CognitoClient({ endpoint });
    const out = {};
    for (const [kind, AccessToken] of Object.entries(tokens)) {
      for (const [op, call] of [['getUser', () => client.getUser({ AccessToken })], ['globalSignOut', () => client.globalSignOut({ AccessToken })]]) {
        try {
          await call();
          out[`${kind} ${op}`] = 'sent';
        } catch (e) {
          out[`${kind} ${op}`] = `${e.name} ${e.field}: ${e.message}`;
        }
      }
    }
    return out;
  }, { tokens });
  for (const op of ['getUser', 'globalSignOut']) {
    assert.equal(r[`id ${op}`], 'ValidationError AccessToken: AccessToken is an ID token: pass the access token (AuthenticationResult.AccessToken)');
    assert.match(r[`noScope ${op}`], /^ValidationError AccessToken: AccessToken lacks the scope aws\.cognito\.signin\.user\.admin/);
    assert.equal(r[`fine ${op}`], 'sent');
    assert.equal(r[`opaque ${op}`], 'sent', 'a token that is not a JWT goes to the service as it is');
  }
  assert.equal((await stubRequests(tokens.id)).length, 0);
  assert.equal((await stubRequests(tokens.noScope)).length, 0);
  assert.equal((await stubRequests(tokens.fine)).length, 2);
});

/** Signs a pool user in and runs `steps` against their attributes: each step's outcome in a list. */
const attributeRun = (user, steps) => run(async (lib, { endpoint, clientId, username, password, steps }) => {
  const client = new lib.CognitoClient({ endpoint });
  const AccessToken = (await client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } })).AuthenticationResult.AccessToken;
  const mail = async () => (await fetch(`${endpoint}/__pool/mail?client=${clientId}&username=${encodeURIComponent(username)}`)).json();
  const out = [];
  for (const [op, name, value] of steps) {
    try {
      if (op === 'get') {
        const attrs = Object.fromEntries((await client.getUser({ AccessToken })).UserAttributes.map((a) => [a.Name, a.Value]));
        out.push(`${attrs[name]} ${attrs[`${name}_verified`]}`);
      } else if (op === 'update') {
        const sent = await client.updateUserAttributes({ AccessToken, UserAttributes: [{ Name: name, Value: value }] });
        out.push(`sent to ${sent.CodeDeliveryDetailsList.map((d) => `${d.DeliveryMedium} ${d.Destination}`).join(', ') || 'nobody'}`);
      } else if (op === 'send') {
        const sent = await client.getUserAttributeVerificationCode({ AccessToken, AttributeName: name });
        out.push(`sent to ${sent.CodeDeliveryDetails.DeliveryMedium} ${sent.CodeDeliveryDetails.Destination}`);
      } else if (op === 'verify') {
        await client.verifyUserAttribute({ AccessToken, AttributeName: name, Code: (await mail()).code });
        out.push('verified');
      }
    } catch (e) {
      out.push(`${e.name}`);
    }
  }
  return out;
}, { clientId: user.clientId, username: user.username, password: PASSWORD, steps });

test('a pool that keeps the original: it stays until the new value is verified; only an update again resends to the new one', async () => {
  const user = await poolUser('keep', { email: 'old@example.com', emailVerified: true });
  const r = await attributeRun(user, [
    ['update', 'email', 'new@example.com'], ['get', 'email'], ['send', 'email'],
    ['update', 'email', 'new@example.com'], ['verify', 'email'], ['get', 'email'],
  ]);
  assert.deepEqual(r, [
    'sent to EMAIL n***@e***', 'old@example.com true',
    'sent to EMAIL o***@e***', // GetUserAttributeVerificationCode: still the original address
    'sent to EMAIL n***@e***', 'verified', 'new@example.com true',
  ]);
});

test('a pool without that setting: the new value replaces the original at once, unverified; the same value sends nothing', async () => {
  const user = await poolUser('', { email: 'old@example.com', emailVerified: true });
  const r = await attributeRun(user, [
    ['update', 'email', 'new@example.com'], ['get', 'email'], ['update', 'email', 'new@example.com'],
    ['send', 'email'], ['verify', 'email'], ['get', 'email'],
  ]);
  assert.deepEqual(r, ['sent to EMAIL n***@e***', 'new@example.com false', 'sent to nobody', 'sent to EMAIL n***@e***', 'verified', 'new@example.com true']);
});

test('phone numbers: codes by SMS to a masked number, in both pool settings', async () => {
  const plain = await poolUser('', { phone: '+15550001234' });
  assert.deepEqual(await attributeRun(plain, [['send', 'phone_number'], ['verify', 'phone_number'], ['get', 'phone_number']]),
    ['sent to SMS +*******1234', 'verified', '+15550001234 true']);
  const keep = await poolUser('keep', { phone: '+15550001234', phoneVerified: true });
  assert.deepEqual(await attributeRun(keep, [['update', 'phone_number', '+15550005678'], ['get', 'phone_number'], ['verify', 'phone_number'], ['get', 'phone_number']]),
    ['sent to SMS +*******5678', '+15550001234 true', 'verified', '+15550005678 true']);
});
