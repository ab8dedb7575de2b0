// Hostile networks and input, in headless Chromium against the fault-injecting stub: every fault
// settles with the right CognitoError and the next call on the same client works; bad input never
// reaches the network; the token goes nowhere but the request body; load keeps results and memory right.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, env } from '../support/browser.mjs';

const SITE = env('SITE_URL');
const STUB = env('STUB_URL');

// Unique per run, so a long-lived stub's counters and logs from earlier runs don't interfere.
const RUN = Date.now().toString(36);
let browser;
let tab;
const consoleLines = [];

before(async () => {
  browser = await launch();
  tab = await open(browser, `${SITE}/tests/pages/blank.html`, {
    allow: [/Failed to load resource/, /has been blocked by CORS policy/, /net::ERR_/],
  });
  tab.page.on('console', (msg) => consoleLines.push(msg.text()));
});

after(async () => {
  await tab?.close();
  await browser?.close();
});

async function run(fn, args = {}) {
  await tab.page.waitForFunction(() => window.harnessReady === true);
  return tab.page.evaluate(`(async () => {
    const describe = window.describeError;
    try {
      return await (${fn.toString()})(window.lib, ${JSON.stringify(args)}, describe);
    } catch (e) {
      return describe(e);
    }
  })()`);
}

const requests = async (token) => (await fetch(`${STUB}/__requests?token=${encodeURIComponent(token)}`)).json();

// The fault table both transports run (tests/faults.json says what each column means).
const TABLE = JSON.parse(readFileSync(new URL('../faults.json', import.meta.url), 'utf8'));

test('every fault of the shared table settles in time as the table says, and the client keeps working', async () => {
  const results = await run(async (lib, { endpoint, table, run }) => {
    const client = new lib.CognitoClient({ endpoint, ...table.client });
    const out = [];
    for (const { scenario } of table.faults) {
      const token = `${scenario}.js${run}`;
      const t0 = performance.now();
      let error, value;
      try {
        value = await client.getUser({ AccessToken: token });
      } catch (e) {
        error = window.describeError(e);
      }
      const ms = performance.now() - t0;
      const next = await client.getUser({ AccessToken: 'ok.next' });
      out.push({ token, error, value, ms, next: next.Username });
    }
    return out;
  }, { endpoint: STUB, table: TABLE, run: RUN });
  for (const [i, expected] of TABLE.faults.entries()) {
    const r = results[i];
    const { token } = r;
    if (expected.name === null) {
      assert.equal(r.error, undefined, `${token} must succeed: ${r.error?.message}`);
      assert.deepEqual(r.value.UserAttributes.map((a) => a.Name), ['sub', 'email', 'email_verified'], token);
      assert.deepEqual([r.value.$metadata.attempts, r.value.$metadata.httpStatusCode], [expected.attempts, expected.status], token);
      if (expected.requestId) assert.ok(r.value.$metadata.requestId?.startsWith(expected.requestId), `${token}: ${r.value.$metadata.requestId}`);
    } else {
      assert.ok(r.error, `${token} must fail`);
      assert.deepEqual(
        [r.error.name, r.error.fault, r.error.retryable, r.error.metadata.attempts, r.error.metadata.httpStatusCode ?? null],
        [expected.name, expected.fault, expected.retryable, expected.attempts, expected.status],
        `${token}: ${r.error.message}`,
      );
      assert.equal(r.error.isCognitoError, true);
      if (expected.message) assert.ok(r.error.message.includes(expected.message), `${token}: ${r.error.message}`);
      if (expected.hidden) assert.ok(!`${r.error.message}${r.error.stack}`.includes(expected.hidden), `${token}: ${r.error.message}`);
    }
    // Two attempts of at most 400 ms plus one backoff (< 100 ms), with room for a slow machine.
    assert.ok(r.ms < 2000, `${token} took ${r.ms} ms`);
    assert.equal(r.next, 'user-ok.next', `the call after ${token} works`);
    if (expected.unreached) {
      const reached = (await requests(token)).filter((q) => q.url.startsWith(expected.unreached));
      assert.equal(reached.length, 0, `${token}: nothing may reach ${expected.unreached}`);
    }
    if (expected.hangsUp) {
      const [seen] = await requests(token);
      assert.ok(seen.hungUp && seen.closedAfter < 300, `${token}: the rest of the stream is cancelled at once (${seen.closedAfter} ms)`);
    }
  }
});

// What each kind of failure may mean: the service did nothing (retried for every operation), or it
// may have acted (retried only for operations that are harmless to repeat).
const REFUSED = ['throttle.1', 'empty503', 'empty429'];
const MAY_HAVE_ACTED = ['slow.1000', 'reset', 'fail500.1', 'err.InternalErrorException', 'empty502', 'empty504'];
const FAILURE = { 'slow.1000': 'TimeoutError', reset: 'NetworkError', 'fail500.1': 'InternalErrorException', 'err.InternalErrorException': 'InternalErrorException', empty502: 'InvalidResponseError', empty504: 'InvalidResponseError', empty503: 'InvalidResponseError', empty429: 'InvalidResponseError' };

test('calls that send a code, check a code or a password, issue tokens or change state are repeated only after a refusal', async () => {
  const rows = await run(async (lib, { endpoint, run, scenarios }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 3, timeoutMs: 300 });
    // The stub reads the scenario from the access token, else the username, refresh token or token.
    const calls = {
      sendCode: [false, (t) => client.getUserAttributeVerificationCode({ AccessToken: t, AttributeName: 'email' })],
      verify: [false, (t) => client.verifyUserAttribute({ AccessToken: t, AttributeName: 'email', Code: '123456' })],
      update: [false, (t) => client.updateUserAttributes({ AccessToken: t, UserAttributes: [{ Name: 'email', Value: 'n@example.com' }] })],
      signIn: [false, (t) => client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client1', AuthParameters: { USERNAME: t, PASSWORD: 'pw' } })],
      getUser: [true, (t) => client.getUser({ AccessToken: t })],
      refresh: [true, (t) => client.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'client1', AuthParameters: { REFRESH_TOKEN: t } })],
      signUp: [false, (t) => client.signUp({ ClientId: 'client1', Username: t, Password: 'long-enough-1' })],
      confirmSignUp: [false, (t) => client.confirmSignUp({ ClientId: 'client1', Username: t, ConfirmationCode: '123456' })],
      resend: [false, (t) => client.resendConfirmationCode({ ClientId: 'client1', Username: t })],
      challenge: [false, (t) => client.respondToAuthChallenge({ ClientId: 'client1', ChallengeName: 'EMAIL_OTP', Session: 'AYAB-session-of-twenty-chars', ChallengeResponses: { USERNAME: t, EMAIL_OTP_CODE: '12345678' } })],
      rotate: [false, (t) => client.getTokensFromRefreshToken({ ClientId: 'client1', RefreshToken: t })],
      globalSignOut: [false, (t) => client.globalSignOut({ AccessToken: t })],
      revoke: [true, (t) => client.revokeToken({ ClientId: 'client1', Token: t })],
    };
    const out = [];
    for (const [method, [repeatable, call]] of Object.entries(calls)) {
      for (const scenario of scenarios) {
        const token = `${scenario}.${method}${run}`;
        try {
          const ok = await call(token);
          out.push({ method, repeatable, scenario, token, attempts: ok.$metadata.attempts });
        } catch (e) {
          out.push({ ...window.describeError(e), method, repeatable, scenario, token });
        }
      }
    }
    return out;
  }, { endpoint: STUB, run: RUN, scenarios: [...REFUSED, ...MAY_HAVE_ACTED] });
  for (const r of rows) {
    const label = `${r.method} after ${r.scenario}`;
    const seen = await requests(r.token);
    // Chromium itself sends a request again when a connection that was kept alive or sat open is
    // reset before any reply (the server may have closed it while idle): a request that follows one
    // on such a connection is the browser's resend, not an attempt.
    const attempts = seen.filter((_, i) => i === 0 || r.scenario !== 'reset' || !seen[i - 1].idleConnection).length;
    const retried = r.repeatable || REFUSED.includes(r.scenario);
    if (r.scenario.startsWith('throttle.') || r.scenario.startsWith('fail500.') && retried) {
      // Fails once, then succeeds: retried, it ends well after 2 attempts.
      assert.equal(r.attempts, 2, `${label}: ${r.message}`);
      assert.equal(attempts, 2, `${label}: two requests at the server`);
      continue;
    }
    assert.equal(r.name, FAILURE[r.scenario], `${label}: ${JSON.stringify(r)}`);
    if (retried) {
      assert.deepEqual([r.metadata.attempts, attempts], [3, 3], `${label}: retried up to maxAttempts`);
      assert.equal(r.retryable, true, label);
    } else {
      assert.deepEqual([r.retryable, r.metadata.attempts], [false, 1], `${label}: ${r.message}`);
      assert.match(r.message, /may have reached Cognito, so it was not repeated/, label);
      assert.equal(attempts, 1, `${label}: one request at the server`);
    }
  }
});

test('throwing getters and Proxies in the input become ValidationErrors, and the client keeps working', async () => {
  const r = await run(async (lib, { endpoint }) => {
    const client = new lib.CognitoClient({ endpoint });
    const revoked = Proxy.revocable([], {});
    revoked.revoke();
    const hostile = [
      ['getUser', { get AccessToken() { throw new Error('getter'); } }],
      ['getUserAttributeVerificationCode', { AccessToken: 'ok.p', AttributeName: 'email', ClientMetadata: new Proxy({}, { ownKeys() { throw new Error('keys'); } }) }],
      ['updateUserAttributes', { AccessToken: 'ok.p', UserAttributes: revoked.proxy }],
      ['updateUserAttributes', { AccessToken: 'ok.p', UserAttributes: new Proxy([], { get() { throw new Error('get'); } }) }],
      ['getUser', revoked.proxy],
    ];
    const out = [];
    for (const [method, input] of hostile) {
      try {
        await client[method](input);
        out.push({ method, passed: true });
      } catch (e) {
        out.push({ method, name: e.name, field: e.field });
      }
    }
    const after = (await client.getUser({ AccessToken: 'ok.after-proxy' })).Username;
    const fresh = new lib.CognitoClient({ endpoint });
    return { out, after, again: (await fresh.getUser({ AccessToken: 'ok.again' })).Username };
  }, { endpoint: STUB });
  assert.ok(Array.isArray(r.out), JSON.stringify(r));
  for (const o of r.out) assert.equal(o.name, 'ValidationError', JSON.stringify(o));
  // A revoked Proxy as the whole input cannot be read at all: the error names the input itself.
  assert.deepEqual(r.out.map((o) => o.field), ['AccessToken', 'ClientMetadata', 'UserAttributes', 'UserAttributes', 'input']);
  assert.equal(r.after, 'user-ok.after-proxy');
  assert.equal(r.again, 'user-ok.again');
});

test('maps must be plain: inherited fields, Maps and Sets are refused, not sent as {}; class instances with own fields are fine', async () => {
  const r = await run(async (lib, { endpoint, run }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 1 });
    const refused = async (call) => call().then(() => 'sent', (e) => `${e.name} ${e.field}: ${e.message}`);
    const token = `ok.plain${run}`;
    const inherited = { __proto__: { plan: 'pro' } };
    return {
      inherited: await refused(() => client.getUserAttributeVerificationCode({ AccessToken: token, AttributeName: 'email', ClientMetadata: inherited })),
      map: await refused(() => client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client1', AuthParameters: new Map([['USERNAME', 'u'], ['PASSWORD', 'p']]) })),
      set: await refused(() => client.getUserAttributeVerificationCode({ AccessToken: token, AttributeName: 'email', ClientMetadata: new Set(['a']) })),
      instance: await client.getUser(new (class Input {
        constructor() {
          this.AccessToken = `ok.instance${run}`;
        }
        describe() {
          return 'a method on the prototype is not a field';
        }
      })()).then((out) => out.Username, (e) => e.message),
    };
  }, { endpoint: STUB, run: RUN });
  assert.equal(r.inherited, 'ValidationError ClientMetadata: ClientMetadata must be an object, not an object with inherited fields');
  assert.equal(r.map, 'ValidationError AuthParameters: AuthParameters must be an object, not a Map');
  assert.equal(r.set, 'ValidationError ClientMetadata: ClientMetadata must be an object, not a Set');
  assert.equal(r.instance, `user-ok.instance${RUN}`);
  assert.equal((await requests(`ok.plain${RUN}`)).length, 0, 'nothing was sent');
});

test('10 MB replies are read only up to the limit: the module memory grows once by about 1 MiB, then hardly at all', async () => {
  const r = await run(async (lib, { endpoint }) => {
    const { default: init } = await import('/pkg/cognito_verify.js');
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 1 });
    await client.getUser({ AccessToken: 'ok.mem' });
    const wasm = await init();
    const sizes = [wasm.memory.buffer.byteLength];
    for (let round = 0; round < 6; round++) {
      for (const token of ['big.m', 'bigchunked.m']) {
        try {
          await client.getUser({ AccessToken: token });
        } catch {}
      }
      sizes.push(wasm.memory.buffer.byteLength);
    }
    return sizes;
  }, { endpoint: STUB });
  const [before, first] = r;
  // The body is held in the module up to the 1 MiB limit (its room doubles on the way there, in
  // powers of two); after that, memory grows at most by a page now and then, the first time a piece
  // of a size not seen before needs a block of its size class.
  assert.ok(first - before <= 2.5 * 1024 * 1024, `memory grew from ${before} to ${first}`);
  assert.ok(r.at(-1) - first <= 4 * 65536, `memory grew again: ${r.join(' -> ')}`);
});

test('a reply is taken once its JSON is whole, not before: a stream that never ends, a reply cut after an inner }', async () => {
  const r = await run(async (lib, { endpoint, run }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 1, timeoutMs: 2000 });
    const describe = window.describeError;
    const settle = (promise) => promise.then((value) => value, describe);
    return {
      // The whole reply, then the response stays open: waiting for the end of the stream times out.
      open: await settle(client.getUserAttributeVerificationCode({ AccessToken: `noend.a${run}`, AttributeName: 'email' })),
      // `{"Username":…,"UserAttributes":[{…}` first, the rest 100 ms later.
      cutUser: await settle(client.getUser({ AccessToken: `splitjson.100.b${run}` })),
      cutSend: await settle(client.getUserAttributeVerificationCode({ AccessToken: `splitjson.100.c${run}`, AttributeName: 'email' })),
      // The whole reply, then junk: the reply stands, and the rest of the stream is cancelled.
      junk: await settle(client.getUserAttributeVerificationCode({ AccessToken: `trailing.d${run}`, AttributeName: 'email' })),
      // A byte-order mark before the JSON, which TextDecoder drops.
      bom: await settle(client.getUserAttributeVerificationCode({ AccessToken: `bom.e${run}`, AttributeName: 'email' })),
    };
  }, { endpoint: STUB, run: RUN });
  const sent = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'd***@e***' };
  assert.deepEqual(r.open.CodeDeliveryDetails, sent, JSON.stringify(r.open));
  assert.equal(r.open.$metadata.httpStatusCode, 200);
  assert.match(r.open.$metadata.requestId, /^stub-\d+$/);
  assert.deepEqual(r.cutUser.UserAttributes?.map((a) => a.Name), ['sub', 'email', 'email_verified'], JSON.stringify(r.cutUser));
  assert.deepEqual(r.cutSend.CodeDeliveryDetails, sent, JSON.stringify(r.cutSend));
  assert.deepEqual(r.junk.CodeDeliveryDetails, sent, JSON.stringify(r.junk));
  assert.deepEqual(r.bom.CodeDeliveryDetails, sent, JSON.stringify(r.bom));
  // The client hangs up once the junk arrives (50 ms after the reply), well before the 2 s timeout.
  let hungUp = false;
  for (let i = 0; i < 40 && !hungUp; i++) {
    await new Promise((done) => setTimeout(done, 25));
    hungUp = (await requests(`trailing.d${RUN}`))[0]?.hungUp === true;
  }
  assert.ok(hungUp, 'the stream after a taken reply is cancelled when more bytes come');
});

test('an endless body is read only up to the limit: the client hangs up, the download stops', async () => {
  const token = `endless.${RUN}`;
  const r = await run(async (lib, { endpoint, token }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 1 });
    try {
      await client.getUser({ AccessToken: token });
      return { passed: true };
    } catch (e) {
      return window.describeError(e);
    }
  }, { endpoint: STUB, token });
  assert.equal(r.name, 'InvalidResponseError', JSON.stringify(r));
  assert.match(r.message, /larger than 1 MiB/);
  let seen;
  for (let i = 0; i < 50 && seen?.hungUp === undefined; i++) {
    await new Promise((done) => setTimeout(done, 100));
    [seen] = await requests(token);
  }
  assert.equal(seen.hungUp, true, 'the client closed the connection');
  assert.ok(seen.sent < 32 * 1024 * 1024, `${seen.sent} bytes went out before the client stopped`);
});

test('throttling storms: N < maxAttempts succeeds after N+1 attempts, N >= maxAttempts fails; backoff within bounds', async () => {
  const r = await run(async (lib, { endpoint, run }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 4 });
    const ok = await client.getUser({ AccessToken: `throttle.3.storm1${run}` });
    let failed;
    try {
      await client.getUser({ AccessToken: `throttle.4.storm2${run}` });
    } catch (e) {
      failed = window.describeError(e);
    }
    return { ok: ok.$metadata, failed };
  }, { endpoint: STUB, run: RUN });
  assert.equal(r.ok.attempts, 4);
  assert.ok(r.ok.totalRetryDelay < 500 + 1000 + 2000);
  assert.deepEqual([r.failed.name, r.failed.metadata.attempts, r.failed.retryable], ['TooManyRequestsException', 4, true]);
  for (const token of [`throttle.3.storm1${RUN}`, `throttle.4.storm2${RUN}`]) {
    const seen = await requests(token);
    assert.equal(seen.length, 4, token);
    for (let k = 1; k < seen.length; k++) {
      const gap = seen[k].at - seen[k - 1].at;
      const bound = Math.min(20_000, 500 * 2 ** (k - 1));
      assert.ok(gap < bound + 150, `${token}: wait ${k} was ${gap.toFixed(0)} ms, policy bound ${bound} ms`);
    }
  }
});

test('bad input never reaches the network: table over every method', async () => {
  const results = await run(async (lib, { endpoint, t }) => {
    const client = new lib.CognitoClient({ endpoint });
    // Bad for every string field; then values bad only for one field's limits.
    const common = [undefined, null, 42, true, {}, [], '', 'a\u0007b', '\udc00', 'sp ace', 'new\nline'];
    const only = {
      AccessToken: ['tok/en', 'tok+en'],
      AttributeName: ['x'.repeat(33), 'y'.repeat(1 << 20), 'zero\u200bwidth'],
      Code: ['9'.repeat(2049)],
      ClientId: ['c'.repeat(129), 'a-b'],
    };
    const inputs = [];
    const each = (field) => [...common, ...only[field]];
    for (const v of each('AccessToken')) inputs.push(['getUser', { AccessToken: v }]);
    for (const v of each('AttributeName')) {
      inputs.push(['getUserAttributeVerificationCode', { AccessToken: t, AttributeName: v }]);
      inputs.push(['updateUserAttributes', { AccessToken: t, UserAttributes: [{ Name: v, Value: 'x' }] }]);
    }
    for (const v of each('Code')) inputs.push(['verifyUserAttribute', { AccessToken: t, AttributeName: 'email', Code: v }]);
    for (const v of each('ClientId')) {
      inputs.push(['initiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: v, AuthParameters: { USERNAME: 'u', PASSWORD: 'p' } }]);
    }
    for (const v of [null, 42, true, [], 'str']) {
      inputs.push(['getUserAttributeVerificationCode', { AccessToken: t, AttributeName: 'email', ClientMetadata: v }]);
      inputs.push(['initiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'abc', AuthParameters: v }]);
      inputs.push(['updateUserAttributes', { AccessToken: t, UserAttributes: v }]);
      inputs.push(['getUser', v]);
    }
    inputs.push(['getUserAttributeVerificationCode', { AccessToken: t, AttributeName: 'email', ClientMetadata: JSON.parse('{"__proto__": "polluted"}') }]);
    inputs.push(['updateUserAttributes', { AccessToken: t, UserAttributes: [{ Name: 'email', Value: 'v'.repeat(2049) }] }]);
    const out = [];
    for (const [method, input] of inputs) {
      try {
        await client[method](input);
        out.push({ method, input: JSON.stringify(input)?.slice(0, 80), passed: true });
      } catch (e) {
        out.push({ method, name: e.name, field: e.field, attempts: e.$metadata.attempts, messageLength: e.message.length });
      }
    }
    const configs = [{ region: '../' }, { region: 'us-east-1.evil.example#' }, { region: 'EU-WEST-1' }, { endpoint: 'file:///etc/passwd' },
      { endpoint: 'javascript:alert(1)' }, { endpoint: 'http://10.0.0.1/' }, { endpoint: 'https://a@b.example/' }, { endpoint: 'https://b.example/#x' },
      { region: 42 }, { endpoint: {} }, { maxAttempts: 1.5, region: 'eu-west-1' }, { timeoutMs: 'soon', region: 'eu-west-1' }];
    for (const config of configs) {
      try {
        await new lib.CognitoClient(config).getUser({ AccessToken: t });
        out.push({ config, passed: true });
      } catch (e) {
        out.push({ config, name: e.name, field: e.field, attempts: e.$metadata.attempts, messageLength: e.message.length });
      }
    }
    return out;
  }, { endpoint: STUB, t: `nosend.hostile${RUN}` });
  assert.ok(results.length > 70, `${results.length} cases`);
  for (const r of results) {
    assert.equal(r.passed, undefined, `accepted: ${JSON.stringify(r)}`);
    assert.equal(r.name, 'ValidationError', JSON.stringify(r));
    assert.ok(typeof r.field === 'string' && r.field.length > 0, JSON.stringify(r));
    assert.equal(r.attempts, 0);
    assert.ok(r.messageLength < 200, 'messages never echo the (possibly huge) input');
  }
  assert.equal((await requests(`nosend.hostile${RUN}`)).length, 0, 'nothing reached the server');
});

test('an endpoint is fetched as it is written: loopback by address only, no encoded dot segments, canonical IPv4', async () => {
  const refused = [
    'https://h.example/a%20b/', 'http://anything.localhost/', 'http://app.localhost:9229/', 'http://localhost./', 'http://127.0.0.010/', 'http://0x7f.1/',
    'http://127.1/', 'http://2130706433/', 'https://127.0.0.1./', 'https://example.0x7f/', 'https://256.0.0.1/',
    'https://h.example/a/%2e%2e/b', 'https://h.example/a/%2E/b', 'https://h.example/.%2e/', 'https://h.example/%2e./x',
  ];
  const accepted = ['http://127.0.0.1:9229/', 'http://localhost:9229/', 'http://[::1]:9229/', 'https://h.example:8443/base/', 'https://10.0.0.1/', 'https://h.example/a/..b/.c./'];
  const r = await run(async (lib, { refused, accepted }) => {
    const out = {};
    for (const endpoint of refused) {
      try {
        await new lib.CognitoClient({ endpoint, maxAttempts: 1, timeoutMs: 50 }).getUser({ AccessToken: 'ok.endpoint' });
        out[endpoint] = 'sent';
      } catch (e) {
        out[endpoint] = e.name === 'ValidationError' ? `${e.field}: refused` : e.name;
      }
    }
    // What the browser's URL parser makes of the accepted ones: the same host and path.
    const parsed = Object.fromEntries(accepted.map((endpoint) => {
      const url = new URL(endpoint);
      return [endpoint, `${url.protocol}//${url.host}${url.pathname}`];
    }));
    return { out, parsed };
  }, { refused, accepted });
  for (const endpoint of refused) assert.equal(r.out[endpoint], 'endpoint: refused', endpoint);
  for (const endpoint of accepted) assert.equal(r.parsed[endpoint], endpoint, `${endpoint} is fetched as written`);
});

test('a stream chunk larger than a piece is handed over whole: junk after a whole first piece makes the reply invalid', async () => {
  const r = await run(async (lib, { endpoint }) => {
    const realFetch = window.fetch;
    // Whole JSON of exactly one piece (64 KiB), so that the first piece alone closes its braces.
    const bare = JSON.stringify({ Username: 'u', UserAttributes: [], Pad: '' });
    const whole = JSON.stringify({ Username: 'u', UserAttributes: [], Pad: 'p'.repeat(65536 - bare.length) });
    const oneChunk = (text) => async () => new Response(new ReadableStream({
      start(stream) {
        stream.enqueue(new TextEncoder().encode(text));
        stream.close();
      },
    }), { status: 200, headers: { 'x-amzn-requestid': 'r-1' } });
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 1 });
    try {
      window.fetch = oneChunk(whole + ' x'.repeat(60000));
      const junk = await client.getUser({ AccessToken: 'ok.synthetic' }).then(() => ({ passed: true }), window.describeError);
      window.fetch = oneChunk(whole + ' '.repeat(120000));
      const blanks = await client.getUser({ AccessToken: 'ok.synthetic' }).then((out) => out.Username, window.describeError);
      return { junk, blanks, size: whole.length };
    } finally {
      window.fetch = realFetch;
    }
  }, { endpoint: STUB });
  assert.equal(r.size, 65536);
  assert.equal(r.junk.name, 'InvalidResponseError', JSON.stringify(r.junk));
  assert.match(r.junk.message, /not JSON/);
  assert.equal(r.blanks, 'u', 'whole JSON and blanks is the reply');
});

test('secrets never surface: no part of a token, no code, password or secret hash in any string of an error', async () => {
  const jwt = (scenario) => {
    const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${part({ alg: 'RS256', kid: `k-${RUN}` })}.${part({ sub: 'u-1', token_use: 'access', scope: 'aws.cognito.signin.user.admin', scenario })}.c2lnbmF0dXJlLSR7UlVOfQ${RUN}`;
  };
  const all = jwt('echoall');
  const type = jwt('echotype');
  const r = await run(async (lib, { endpoint, all, type, run }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 1 });
    const caught = (promise) => promise.then(() => ({ passed: true }), (e) => ({ name: e.name, message: e.message, stack: e.stack, metadata: e.$metadata, field: e.field }));
    return [
      await caught(client.getUser({ AccessToken: all })),
      await caught(client.verifyUserAttribute({ AccessToken: all, AttributeName: 'email', Code: `98${run}` })),
      await caught(client.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client1', AuthParameters: { USERNAME: `echoall.${run}`, PASSWORD: `pw-${run}-secret`, SECRET_HASH: `hash${run}hash` } })),
      await caught(client.getUser({ AccessToken: type })),
    ];
  }, { endpoint: STUB, all, type, run: RUN });
  const secrets = [...all.split('.'), ...type.split('.'), `98${RUN}`, `pw-${RUN}-secret`, `hash${RUN}hash`];
  for (const e of r) {
    const shown = JSON.stringify(e);
    for (const secret of secrets) assert.ok(!shown.includes(secret), `${secret} shown in ${shown}`);
  }
  assert.deepEqual(r.slice(0, 3).map((e) => e.name), ['NotAuthorizedException', 'NotAuthorizedException', 'NotAuthorizedException']);
  assert.match(r[0].message, /^Rejected: \*\*\* \/ \*\*\* \/ \*\*\*$/);
  assert.equal(r[0].metadata.requestId, 'req-***');
  // A header that is not an exception name is not taken as one.
  assert.equal(r[3].name, 'InvalidResponseError');
  assert.match(r[3].message, /not an exception name/);
});

test('the account operations\' secrets never surface: passwords, codes, sessions, refresh tokens, client secrets, secret hashes', async () => {
  const session = `AYAB${RUN}session-session-session`;
  // Refresh tokens are encrypted JWTs (JWE): five parts, the header readable.
  const jwe = (name) => [Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP', scenario: 'echoall' })).toString('base64url'),
    `${name}key${RUN}`, `${name}iv${RUN}`, `${name}text${RUN}`, `${name}tag${RUN}`].join('.');
  const secrets = {
    password: `pw-${RUN}-signup`, hash: `hash${RUN}signup`, code: `77${RUN}`, session, newPassword: `np-${RUN}-new`,
    mfa: `55${RUN}`, refresh: jwe('refresh'), clientSecret: `cs${RUN}secretsecretsecretsecret`, token: jwe('revoke'),
  };
  const r = await run(async (lib, { endpoint, s, run }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 1 });
    const caught = (promise) => promise.then(() => ({ passed: true }), (e) => ({ name: e.name, message: e.message, stack: e.stack, metadata: e.$metadata, field: e.field }));
    const username = `echoall.${run}`;
    return [
      await caught(client.signUp({ ClientId: 'client1', Username: username, Password: s.password, SecretHash: s.hash })),
      await caught(client.confirmSignUp({ ClientId: 'client1', Username: username, ConfirmationCode: s.code, SecretHash: s.hash, Session: s.session })),
      await caught(client.resendConfirmationCode({ ClientId: 'client1', Username: username, SecretHash: s.hash })),
      await caught(client.respondToAuthChallenge({ ClientId: 'client1', ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: s.session, ChallengeResponses: { USERNAME: username, NEW_PASSWORD: s.newPassword, SECRET_HASH: s.hash } })),
      await caught(client.respondToAuthChallenge({ ClientId: 'client1', ChallengeName: 'SMS_MFA', Session: s.session, ChallengeResponses: { USERNAME: username, SMS_MFA_CODE: s.mfa } })),
      await caught(client.getTokensFromRefreshToken({ ClientId: 'client1', RefreshToken: s.refresh, ClientSecret: s.clientSecret })),
      await caught(client.revokeToken({ ClientId: 'client1', Token: s.token, ClientSecret: s.clientSecret })),
    ];
  }, { endpoint: STUB, s: secrets, run: RUN });
  const parts = Object.values(secrets).flatMap((v) => v.split('.'));
  for (const e of r) {
    assert.equal(e.name, 'NotAuthorizedException', JSON.stringify(e));
    const shown = JSON.stringify(e);
    for (const secret of parts) assert.ok(!shown.includes(secret), `${secret} shown in ${shown}`);
  }
  // The stub did quote them: after the username (not a secret), the message is made of redactions.
  assert.equal(r[0].message, `Rejected: echoall / ${RUN} / *** / ***`);
  assert.match(r[5].message, /^Rejected: (\*\*\* \/ ){6}\*\*\*$/, 'each part of the refresh token, and the client secret');
});

test('the token goes only into the request body: not the URL, headers, console, errors or metadata', async () => {
  const token = 'echo.SECRETTOKEN123';
  const seen = [];
  const listener = (req) => seen.push({ url: req.url(), headers: req.headers() });
  tab.page.on('request', listener);
  const r = await run(async (lib, { endpoint, token }) => {
    const inits = [];
    const realFetch = window.fetch;
    window.fetch = (url, init) => {
      inits.push({ credentials: init?.credentials, cache: init?.cache });
      return realFetch(url, init);
    };
    try {
      const client = new lib.CognitoClient({ endpoint, maxAttempts: 1 });
      const errors = [];
      for (const t of [token, 'err.NotAuthorizedException.SECRETTOKEN123', 'html500.SECRETTOKEN123']) {
        try {
          await client.getUser({ AccessToken: t });
        } catch (e) {
          errors.push(JSON.stringify({ message: e.message, stack: e.stack, metadata: e.$metadata, name: e.name }));
        }
      }
      const ok = await client.getUser({ AccessToken: 'ok.SECRETTOKEN123' });
      return {
        errors,
        metadata: JSON.stringify(ok.$metadata),
        inits,
        stored: { local: localStorage.length, session: sessionStorage.length, cookie: document.cookie, idb: (await indexedDB.databases()).length },
      };
    } finally {
      window.fetch = realFetch;
    }
  }, { endpoint: STUB, token });
  tab.page.off('request', listener);
  assert.equal(r.errors.length, 3);
  for (const e of r.errors) assert.ok(!e.includes('SECRETTOKEN123'), `leaked in an error: ${e}`);
  assert.ok(r.errors[0].includes('Invalid Access Token: ***'), 'an echoed token is redacted');
  assert.ok(!r.metadata.includes('SECRETTOKEN123'));
  const calls = seen.filter((s) => s.url.startsWith(STUB));
  assert.ok(calls.length >= 4);
  for (const c of calls) {
    assert.ok(!c.url.includes('SECRETTOKEN'), c.url);
    assert.ok(!JSON.stringify(c.headers).includes('SECRETTOKEN'), 'token in a header');
  }
  assert.ok(!consoleLines.some((l) => l.includes('SECRETTOKEN')), 'token in the console');
  assert.ok(r.inits.length >= 4 && r.inits.every((i) => i.credentials === 'omit' && i.cache === undefined), JSON.stringify(r.inits));
  assert.deepEqual(r.stored, { local: 0, session: 0, cookie: '', idb: 0 });
  const [bodyCall] = await requests(token);
  assert.equal(bodyCall.body.AccessToken, token, 'the body carries it');
});

test('a caller signal that throws once the call is open still closes the call: memory stays flat', async () => {
  const r = await run(async (lib, { endpoint }) => {
    const { default: init } = await import('/pkg/cognito_verify.js');
    const client = new lib.CognitoClient({ endpoint });
    // Passes `instanceof AbortSignal`, but reading `aborted` throws (Illegal invocation).
    const abortSignal = Object.create(AbortSignal.prototype);
    const input = { AccessToken: `ok.${'a'.repeat(4000)}`, AttributeName: 'email' };
    const names = new Set();
    const wasm = await init();
    const samples = [];
    for (let i = 1; i <= 3000; i++) {
      try {
        await client.getUserAttributeVerificationCode(input, { abortSignal });
      } catch (err) {
        names.add(`${err instanceof lib.CognitoError} ${err.name}`);
      }
      if (i % 500 === 0) samples.push(wasm.memory.buffer.byteLength);
    }
    return { names: [...names], samples };
  }, { endpoint: STUB });
  assert.deepEqual(r.names, ['true NetworkError']);
  assert.equal(new Set(r.samples).size, 1, `memory grew: ${r.samples}`);
});

test('load: 1,000 concurrent calls each get their own answer; 5,000 sequential calls keep memory flat', async () => {
  const r = await run(async (lib, { endpoint }) => {
    const { default: init } = await import('/pkg/cognito_verify.js');
    const client = new lib.CognitoClient({ endpoint });
    const tokens = Array.from({ length: 1000 }, (_, i) => `ok.load${i}`);
    const results = await Promise.allSettled(tokens.map((AccessToken) => client.getUser({ AccessToken })));
    const wrong = results.filter((res, i) => res.status !== 'fulfilled' || res.value.Username !== `user-${tokens[i]}`).length;
    const wasm = await init();
    const samples = [];
    for (let i = 1; i <= 5000; i++) {
      await client.getUserAttributeVerificationCode({ AccessToken: 'ok.seq', AttributeName: 'email' });
      if (i % 1000 === 0) samples.push(wasm.memory.buffer.byteLength);
    }
    return { wrong, settled: results.length, samples };
  }, { endpoint: STUB });
  assert.equal(r.settled, 1000);
  assert.equal(r.wrong, 0);
  assert.equal(new Set(r.samples.slice(1)).size, 1, `memory moved after warm-up: ${r.samples}`);
});
