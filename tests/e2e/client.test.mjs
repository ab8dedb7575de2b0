// The JS API of the release package (pkg/ after wasm-opt), in headless Chromium: the real flow
// against cognito-local, and every error and fault class against the wire-format stub.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, env } from '../support/browser.mjs';
import { createUser as createUserIn } from '../support/cognito-admin.mjs';

const SITE = env('SITE_URL');
const STUB = env('STUB_URL');
const COGNITO = env('COGNITO_LOCAL_URL');
const CLIENT_ID = env('COGNITO_CLIENT_ID');
const POOL_ID = env('COGNITO_USER_POOL_ID');

// Unique per run, so a long-lived stub or emulator from an earlier run doesn't interfere.
const RUN = Date.now().toString(36);
let browser;
let tab;

before(async () => {
  browser = await launch();
  // A page on another origin than the stub and cognito-local: every call is a real CORS request.
  tab = await open(browser, `${SITE}/tests/pages/blank.html`, {
    allow: [/Failed to load resource/, /has been blocked by CORS policy/],
  });
});

after(async () => {
  await tab?.close();
  await browser?.close();
});

/**
 * Runs `fn(lib, args, describe)` in the page. It goes in as a string expression, which DevTools
 * evaluates outside the page's CSP (the page itself allows no eval); rejections come back described.
 */
async function run(fn, args = {}) {
  await tab.page.waitForFunction(() => window.harnessReady === true);
  const expression = `(async () => {
    const describe = window.describeError;
    try {
      return await (${fn.toString()})(window.lib, ${JSON.stringify(args)}, window.describeError);
    } catch (e) {
      return window.describeError(e);
    }
  })()`;
  return tab.page.evaluate(expression);
}

async function stubRequests(token) {
  return (await fetch(`${STUB}/__requests?token=${encodeURIComponent(token)}`)).json();
}

const createUser = (username, password) => createUserIn(COGNITO, POOL_ID, username, password);

test('release module: sign in, send code, wrong code, verify, refresh against cognito-local', async () => {
  const username = `flow-${RUN}@example.com`;
  await createUser(username, 'Flow-passw0rd!');
  const r = await run(async (lib, { endpoint, clientId, username }) => {
    const client = new lib.CognitoClient({ endpoint });
    const signIn = await client.initiateAuth({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: 'Flow-passw0rd!' },
    });
    const { AccessToken, RefreshToken } = signIn.AuthenticationResult;
    const verified = (user) => user.UserAttributes.find((a) => a.Name === 'email_verified')?.Value;
    const before = await client.getUser({ AccessToken });
    const sent = await client.getUserAttributeVerificationCode({ AccessToken, AttributeName: 'email', ClientMetadata: { source: 'test' } });
    let wrong;
    try {
      await client.verifyUserAttribute({ AccessToken, AttributeName: 'email', Code: '000000' });
    } catch (e) {
      wrong = describe(e);
    }
    const ok = await client.verifyUserAttribute({ AccessToken, AttributeName: 'email', Code: '123456' });
    const afterUser = await client.getUser({ AccessToken });
    const refreshed = await client.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: RefreshToken } });
    return {
      before: verified(before), after: verified(afterUser), email: afterUser.UserAttributes.find((a) => a.Name === 'email').Value,
      sentMeta: sent.$metadata, sentMetaKeys: Object.keys(sent.$metadata), okKeys: Object.keys(ok), wrong,
      refreshed: typeof refreshed.AuthenticationResult.AccessToken === 'string',
    };
  }, { endpoint: COGNITO, clientId: CLIENT_ID, username });
  assert.equal(r.threw, undefined, JSON.stringify(r));
  assert.equal(r.before, 'false');
  assert.equal(r.after, 'true');
  assert.equal(r.email, username);
  assert.deepEqual(r.sentMeta, { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 });
  assert.deepEqual(r.sentMetaKeys, ['httpStatusCode', 'attempts', 'totalRetryDelay'], 'no requestId key without the header');
  assert.deepEqual(r.okKeys, ['$metadata']);
  assert.equal(r.wrong.name, 'CodeMismatchException');
  assert.equal(r.wrong.isCognitoError && r.wrong.isError && r.wrong.hasStack, true);
  assert.equal(r.wrong.retryable, false);
  assert.equal(r.wrong.metadata.attempts, 1);
  assert.equal(r.refreshed, true);
  tab.expectClean();
});

const SERVICE_ERRORS = [
  // The 17 exceptions of GetUserAttributeVerificationCode...
  'ResourceNotFoundException', 'InvalidParameterException', 'NotAuthorizedException',
  'UnexpectedLambdaException', 'UserLambdaValidationException', 'InvalidLambdaResponseException',
  'InvalidSmsRoleAccessPolicyException', 'InvalidSmsRoleTrustRelationshipException',
  'InvalidEmailRoleAccessPolicyException', 'CodeDeliveryFailureException', 'LimitExceededException',
  'PasswordResetRequiredException', 'UserNotFoundException', 'UserNotConfirmedException',
  'ForbiddenException', 'TooManyRequestsException', 'InternalErrorException',
  // ...those of the other operations, and one nobody has heard of (kept verbatim).
  'CodeMismatchException', 'ExpiredCodeException', 'AliasExistsException', 'BrandNewException',
];

test('every service error arrives typed, with its AWS name, message and request id', async () => {
  const results = await run(async (lib, { endpoint, names }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 1 });
    const out = [];
    for (const name of names) {
      try {
        await client.getUserAttributeVerificationCode({ AccessToken: `err.${name}.all`, AttributeName: 'email' });
        out.push({ name, threw: false });
      } catch (e) {
        out.push(describe(e));
      }
    }
    return out;
  }, { endpoint: STUB, names: SERVICE_ERRORS });
  assert.equal(results.length, SERVICE_ERRORS.length);
  for (const [i, name] of SERVICE_ERRORS.entries()) {
    const e = results[i];
    assert.equal(e.name, name);
    assert.equal(e.isCognitoError, true, name);
    assert.match(e.message, /\S/);
    assert.match(e.metadata.requestId, /^stub-\d+$/, name);
    const server = name === 'InternalErrorException';
    assert.equal(e.metadata.httpStatusCode, server ? 500 : 400, name);
    assert.equal(e.fault, server ? 'server' : 'client', name);
    // Sending a code is repeated only after a reply that proves nothing happened (throttling).
    assert.equal(e.retryable, name === 'TooManyRequestsException', name);
    assert.equal(e.metadata.attempts, 1);
  }
});

test('throttling is retried with backoff: the server sees 2 attempts, the caller a success', async () => {
  const token = `throttle.1.once${RUN}`;
  const r = await run(async (lib, { endpoint, token }) => {
    const client = new lib.CognitoClient({ endpoint });
    // The backoff's jitter draws 0.4: the wait is 0.4 of the 500 ms throttle ceiling.
    const random = Math.random;
    Math.random = () => 0.4;
    try {
      return await client.getUserAttributeVerificationCode({ AccessToken: token, AttributeName: 'email' });
    } finally {
      Math.random = random;
    }
  }, { endpoint: STUB, token });
  assert.equal(r.threw, undefined, JSON.stringify(r));
  assert.equal(r.CodeDeliveryDetails.Destination, 'd***@e***');
  assert.deepEqual([r.$metadata.httpStatusCode, r.$metadata.attempts, r.$metadata.totalRetryDelay], [200, 2, 200]);
  assert.match(r.$metadata.requestId, /^stub-\d+$/, 'the successful reply\'s request id');
  const seen = await stubRequests(token);
  assert.equal(seen.length, 2);
  const gap = seen[1].at - seen[0].at;
  assert.ok(gap >= 195 && gap < 600, `second attempt after ${gap} ms; the backoff was 200 ms`);
});

test('LimitExceededException is never retried: exactly one attempt reaches the server', async () => {
  const token = `err.LimitExceededException.once${RUN}`;
  const r = await run(async (lib, { endpoint, token }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 5 });
    await client.getUserAttributeVerificationCode({ AccessToken: token, AttributeName: 'email' });
  }, { endpoint: STUB, token });
  assert.equal(r.name, 'LimitExceededException');
  assert.equal(r.metadata.attempts, 1);
  assert.equal((await stubRequests(token)).length, 1);
});

test('faults: HTML 500, empty 503, timeout, CORS refusal, nameless 400, header-only error', async () => {
  const r = await run(async (lib, { endpoint }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 2, timeoutMs: 300 });
    const attempt = async (AccessToken) => {
      try {
        await client.getUser({ AccessToken });
        return { threw: false };
      } catch (e) {
        return describe(e);
      }
    };
    const started = performance.now();
    const timeout = await attempt('slow.3000.t');
    const timeoutMs = performance.now() - started;
    return {
      html: await attempt('html500.h'), empty: await attempt('empty503.e'), timeout, timeoutMs,
      cors: await attempt('nocors.c'), notype: await attempt('notype400.n'), headerOnly: await attempt('headeronly.x'),
      after: (await client.getUser({ AccessToken: 'ok.after' })).Username,
    };
  }, { endpoint: STUB });
  assert.deepEqual([r.html.name, r.html.metadata.httpStatusCode, r.html.fault, r.html.retryable, r.html.metadata.attempts], ['InvalidResponseError', 500, 'server', true, 2]);
  assert.deepEqual([r.empty.name, r.empty.metadata.httpStatusCode, r.empty.metadata.attempts], ['InvalidResponseError', 503, 2]);
  assert.deepEqual([r.timeout.name, r.timeout.retryable, r.timeout.metadata.attempts], ['TimeoutError', true, 2]);
  assert.ok(r.timeoutMs < 1500, `timed out after ${r.timeoutMs} ms (2 x 300 ms + backoff)`);
  assert.deepEqual([r.cors.name, r.cors.metadata.attempts], ['NetworkError', 2]);
  assert.deepEqual([r.notype.name, r.notype.metadata.httpStatusCode, r.notype.retryable, r.notype.metadata.attempts], ['InvalidResponseError', 400, false, 1]);
  assert.match(r.notype.message, /Something is wrong/);
  assert.equal(r.headerOnly.name, 'UserNotFoundException');
  assert.equal(r.after, 'user-ok.after');
});

test('abort: before sending, in flight, and during backoff, each ends at once with AbortError', async () => {
  const r = await run(async (lib, { endpoint, run }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 10 });
    const timed = async (token, abortAfter) => {
      const controller = new AbortController();
      if (abortAfter === 0) controller.abort();
      else setTimeout(() => controller.abort('user left'), abortAfter);
      const t0 = performance.now();
      try {
        await client.getUser({ AccessToken: token + run }, { abortSignal: controller.signal });
        return { threw: false };
      } catch (e) {
        return { ...describe(e), ms: performance.now() - t0 };
      }
    };
    return { early: await timed('ok.abort0', 0), flight: await timed('hang.abort1', 100), backoff: await timed('throttle.99.abort2', 150) };
  }, { endpoint: STUB, run: RUN });
  for (const [when, e] of Object.entries(r)) {
    assert.equal(e.name, 'AbortError', when);
    assert.equal(e.retryable, false);
  }
  assert.equal(r.early.metadata.attempts, 0);
  assert.ok(r.flight.ms < 400, `in-flight abort took ${r.flight.ms} ms`);
  assert.ok(r.backoff.ms < 450, `abort during backoff took ${r.backoff.ms} ms`);
  assert.equal((await stubRequests(`ok.abort0${RUN}`)).length, 0);
});

test('bad input is a ValidationError naming the field, and nothing is sent', async () => {
  const cases = await run(async (lib, { endpoint, token }) => {
    const client = new lib.CognitoClient({ endpoint });
    const calls = [
      ['getUser', undefined],
      ['getUser', null],
      ['getUser', {}],
      ['getUser', { AccessToken: 42 }],
      ['getUser', { AccessToken: 'has space' }],
      ['getUser', { AccessToken: 'line\nbreak' }],
      ['getUserAttributeVerificationCode', { AccessToken: token }],
      ['getUserAttributeVerificationCode', { AccessToken: token, AttributeName: '' }],
      ['getUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'x'.repeat(33) }],
      ['getUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'e\u0000' }],
      ['getUserAttributeVerificationCode', { AccessToken: token, AttributeName: '\ud800' }],
      ['getUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'email', ClientMetadata: JSON.parse('{"__proto__":"x"}') }],
      ['getUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'email', ClientMetadata: { n: 1 } }],
      ['getUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'email', ClientMetadata: [] }],
      ['verifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: '' }],
      ['verifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: '12 34' }],
      ['updateUserAttributes', { AccessToken: token, UserAttributes: [] }],
      ['updateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'email', Value: 5 }] }],
      ['updateUserAttributes', { AccessToken: token, UserAttributes: 'email' }],
      ['initiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: 'abc', AuthParameters: {} }],
      ['initiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'a-b', AuthParameters: {} }],
      ['initiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'abc', AuthParameters: { USERNAME: 'u' } }],
      ['signUp', { ClientId: 'abc', Username: token, Password: 'has space' }],
      ['signUp', { ClientId: 'abc', Username: '', Password: 'long-enough' }],
      ['signUp', { ClientId: 'abc', Username: token, UserAttributes: { email: 'a@b' } }],
      ['confirmSignUp', { ClientId: 'abc', Username: token, ConfirmationCode: '1', ForceAliasCreation: 'yes' }],
      ['confirmSignUp', { ClientId: 'abc', Username: token, ConfirmationCode: '1', Session: 'short' }],
      ['resendConfirmationCode', { ClientId: 'abc', Username: token, SecretHash: 'not a hash' }],
      ['respondToAuthChallenge', { ClientId: 'abc', ChallengeName: 'PASSWORD_VERIFIER', Session: 'x'.repeat(20), ChallengeResponses: { USERNAME: token } }],
      ['respondToAuthChallenge', { ClientId: 'abc', ChallengeName: 'SMS_MFA', Session: 'x'.repeat(20), ChallengeResponses: { USERNAME: token } }],
      ['getTokensFromRefreshToken', { ClientId: 'abc', RefreshToken: token, ClientSecret: 'short' }],
      ['getTokensFromRefreshToken', { ClientId: 'abc', RefreshToken: token, DeviceKey: 'nodash' }],
      ['revokeToken', { ClientId: 'abc' }],
      ['globalSignOut', { AccessToken: ['x'] }],
      ['getUser', { AccessToken: token }, { timeoutMs: 0 }],
      ['getUser', { AccessToken: token }, { abortSignal: 'soon' }],
    ];
    const out = [];
    for (const [method, input, options] of calls) {
      try {
        await client[method](input, options);
        out.push({ method, threw: false });
      } catch (e) {
        out.push({ method, ...describe(e) });
      }
    }
    const configs = [{}, { region: 'us-east-1.evil.example#' }, { region: 'US-EAST-1' }, { endpoint: 'javascript:alert(1)' },
      { endpoint: 'http://example.com' }, { endpoint: 'https://a@b' }, { endpoint: 'https://x.example', useFipsEndpoint: true, region: 'us-east-1' },
      { region: 'eu-west-1', maxAttempts: 0 }, { region: 'eu-west-1', timeoutMs: -1 }, null];
    for (const config of configs) {
      try {
        await new lib.CognitoClient(config).getUser({ AccessToken: token });
        out.push({ config, threw: false });
      } catch (e) {
        out.push({ config, ...describe(e) });
      }
    }
    return out;
  }, { endpoint: STUB, token: `nosend.valid${RUN}` });
  const fields = cases.map((c) => c.field);
  for (const c of cases) {
    assert.equal(c.name, 'ValidationError', JSON.stringify(c));
    assert.equal(c.isCognitoError, true);
    assert.equal(c.metadata.attempts, 0);
    assert.ok(c.message.startsWith(c.field), c.message);
  }
  assert.deepEqual(fields, [
    'input', 'input', 'AccessToken', 'AccessToken', 'AccessToken', 'AccessToken',
    'AttributeName', 'AttributeName', 'AttributeName', 'AttributeName', 'AttributeName',
    'ClientMetadata.__proto__', 'ClientMetadata.n', 'ClientMetadata',
    'Code', 'Code', 'UserAttributes', 'UserAttributes[0].Value', 'UserAttributes',
    'AuthFlow', 'ClientId', 'AuthParameters.PASSWORD',
    'Password', 'Username', 'UserAttributes', 'ForceAliasCreation', 'Session', 'SecretHash',
    'ChallengeName', 'ChallengeResponses.SMS_MFA_CODE', 'ClientSecret', 'DeviceKey', 'Token', 'AccessToken',
    'options.timeoutMs', 'options.abortSignal',
    'region', 'region', 'region', 'endpoint', 'endpoint', 'endpoint', 'useFipsEndpoint', 'maxAttempts', 'timeoutMs', 'config',
  ]);
  for (const c of cases) assert.ok(!c.message.includes('has space') && !c.message.includes('line\nbreak'), 'tokens are never echoed');
  assert.equal((await stubRequests(`nosend.valid${RUN}`)).length, 0, 'no request reached the server');
});

test('the wire: POST, JSON 1.1 headers, target, user agent, token only in the body, no cookies', async () => {
  const token = `ok.wire${RUN}`;
  await run(async (lib, { endpoint, token }) => {
    document.cookie = 'session=should-not-be-sent';
    const client = new lib.CognitoClient({ endpoint, userAgentSuffix: 'demo/1.0' });
    await client.getUserAttributeVerificationCode({ AccessToken: token, AttributeName: 'email' });
  }, { endpoint: STUB, token });
  const [req] = await stubRequests(token);
  assert.equal(req.target, 'AWSCognitoIdentityProviderService.GetUserAttributeVerificationCode');
  assert.equal(req.headers['content-type'], 'application/x-amz-json-1.1');
  assert.match(req.headers['x-amz-user-agent'], /^cognito-verify\/\d+\.\d+\.\d+ demo\/1\.0$/);
  assert.equal(req.headers.cookie, undefined);
  assert.equal(req.url, '/');
  assert.deepEqual(req.body, { AccessToken: token, AttributeName: 'email' });
  for (const [k, v] of Object.entries(req.headers)) assert.ok(!String(v).includes(token), `token in header ${k}`);
});

test('unpaired surrogates are refused before sending, also where String.prototype.isWellFormed is missing', async () => {
  const token = `nosend.surrogate${RUN}`;
  const results = await run(async (lib, { endpoint, token }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 1 });
    const attempt = async (name) => {
      try {
        await client.getUserAttributeVerificationCode({ AccessToken: token, AttributeName: name });
        return 'sent';
      } catch (e) {
        return `${e.name} ${e.field}`;
      }
    };
    const out = [await attempt('a\udc00b')];
    const native = String.prototype.isWellFormed;
    delete String.prototype.isWellFormed; // as in browsers before 2023
    try {
      out.push(await attempt('\ud800'), await attempt('x\ud83d'));
    } finally {
      String.prototype.isWellFormed = native;
    }
    return out;
  }, { endpoint: STUB, token });
  assert.deepEqual(results, Array(3).fill('ValidationError AttributeName'));
  assert.equal((await stubRequests(token)).length, 0, 'nothing reached the server');
});

test('loading: init takes a URL, a Response served with the wrong type, bytes or a Module; a failed load is tried again', async () => {
  // A fresh page per case: the module is loaded once per page.
  const cases = {
    url: `async (lib) => lib.default('/pkg/cognito_verify_bg.wasm')`,
    wrongType: `async (lib) => {
      const bytes = await (await fetch('/pkg/cognito_verify_bg.wasm')).arrayBuffer();
      return lib.default(new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream' } }));
    }`,
    bytes: `async (lib) => lib.default(new Uint8Array(await (await fetch('/pkg/cognito_verify_bg.wasm')).arrayBuffer()))`,
    module: `async (lib) => lib.default(await WebAssembly.compileStreaming(fetch('/pkg/cognito_verify_bg.wasm')))`,
    retry: `async (lib) => {
      const failed = await lib.default('/pkg/missing.wasm').then(() => 'loaded', (e) => e.message);
      if (!/HTTP 404/.test(failed)) throw new Error('a missing module must fail to load: ' + failed);
      return lib.default();
    }`,
  };
  for (const [name, load] of Object.entries(cases)) {
    const page = await open(browser, `${SITE}/tests/pages/blank.html`, { allow: [/Failed to load resource/] });
    try {
      await page.page.waitForFunction(() => window.harnessReady === true);
      const r = await page.page.evaluate(`(async () => {
        const lib = window.lib;
        try {
          const loaded = await (${load})(lib);
          const out = await new lib.CognitoClient({ endpoint: ${JSON.stringify(STUB)} }).getUser({ AccessToken: 'ok.load-${name}' });
          return { loaded, username: out.Username };
        } catch (e) {
          return window.describeError(e);
        }
      })()`);
      assert.deepEqual(r, { loaded: undefined, username: `user-ok.load-${name}` }, `${name}: ${JSON.stringify(r)}`);
      page.expectClean();
    } finally {
      await page.close();
    }
  }
});
