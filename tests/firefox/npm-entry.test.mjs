// The npm entry in Firefox ESR (Debian's, driven through geckodriver over WebDriver: Playwright drives
// only Chromium here), on the same CSP-strict test page and stub server as the Chromium suites: the
// built-in module loads (DecompressionStream, base64), calls succeed and fail with typed errors, and
// a reply is taken once its JSON is whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { env } from '../support/browser.mjs';

const SITE = env('SITE_URL');
const STUB = env('STUB_URL');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const RUN = Date.now().toString(36);
let driver;
let base;
let session;

const freePort = () =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

async function webdriver(method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const out = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(out.value)}`);
  return out.value;
}

before(async () => {
  const port = await freePort();
  driver = spawn(process.env.GECKODRIVER ?? 'geckodriver', ['--port', String(port)], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/status`);
      break;
    } catch (err) {
      if (i > 100) throw err;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  // The repo's webdriver.json: the prefs that keep Firefox off the closed network.
  const { prefs } = JSON.parse(readFileSync(new URL('../../webdriver.json', import.meta.url), 'utf8'))['moz:firefoxOptions'];
  const created = await webdriver('POST', '/session', {
    capabilities: { alwaysMatch: { browserName: 'firefox', 'moz:firefoxOptions': { binary: FIREFOX, args: ['-headless'], prefs } } },
  });
  session = `/session/${created.sessionId}`;
  await webdriver('POST', `${session}/timeouts`, { script: 30_000 });
  await webdriver('POST', `${session}/url`, { url: `${SITE}/tests/pages/blank.html` });
});

after(async () => {
  if (session) await webdriver('DELETE', session).catch(() => {});
  driver?.kill();
});

/** Runs `fn(lib, args)` in the page (once the harness is ready); resolves with its JSON result. */
async function run(fn, args) {
  const script = `const done = arguments[arguments.length - 1];
    (async () => {
      while (!window.harnessReady) await new Promise((r) => setTimeout(r, 10));
      try {
        return await (${fn})(window.lib, ${JSON.stringify(args)});
      } catch (e) {
        return window.describeError(e);
      }
    })().then(done, (e) => done({ scriptError: String(e) }));`;
  return webdriver('POST', `${session}/execute/async`, { script, args: [] });
}

test('Firefox: the built-in module loads; a call succeeds, a failure is a typed CognitoError', async () => {
  const r = await run(async (lib, { endpoint, run }) => {
    await lib.default();
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 1 });
    const sent = await client.getUserAttributeVerificationCode({ AccessToken: `ok.ff${run}`, AttributeName: 'email' });
    let error;
    try {
      await client.verifyUserAttribute({ AccessToken: `err.CodeMismatchException.ff${run}`, AttributeName: 'email', Code: '000000' });
    } catch (e) {
      error = window.describeError(e);
    }
    const invalid = await client.getUser({ AccessToken: '' }).catch(window.describeError);
    return { destination: sent.CodeDeliveryDetails.Destination, metadata: sent.$metadata, error, invalid };
  }, { endpoint: STUB, run: RUN });
  assert.equal(r.destination, 'd***@e***', JSON.stringify(r));
  assert.equal(r.metadata.httpStatusCode, 200);
  assert.match(r.metadata.requestId, /^stub-\d+$/);
  assert.deepEqual([r.error.isCognitoError, r.error.name, r.error.fault, r.error.metadata.attempts], [true, 'CodeMismatchException', 'client', 1]);
  assert.match(r.error.metadata.requestId, /^stub-\d+$/);
  assert.deepEqual([r.invalid.name, r.invalid.field], ['ValidationError', 'AccessToken']);
});

test('Firefox: a reply is taken once its JSON is whole, not before', async () => {
  const r = await run(async (lib, { endpoint, run }) => {
    const client = new lib.CognitoClient({ endpoint, maxAttempts: 1, timeoutMs: 2000 });
    const settle = (promise) => promise.then((out) => out, window.describeError);
    return {
      open: await settle(client.getUserAttributeVerificationCode({ AccessToken: `noend.ff${run}`, AttributeName: 'email' })),
      cut: await settle(client.getUser({ AccessToken: `splitjson.100.ff${run}` })),
      junk: await settle(client.getUserAttributeVerificationCode({ AccessToken: `trailing.ff${run}`, AttributeName: 'email' })),
    };
  }, { endpoint: STUB, run: RUN });
  assert.equal(r.open.CodeDeliveryDetails?.Destination, 'd***@e***', JSON.stringify(r.open));
  assert.deepEqual(r.cut.UserAttributes?.map((a) => a.Name), ['sub', 'email', 'email_verified'], JSON.stringify(r.cut));
  assert.equal(r.junk.CodeDeliveryDetails?.Destination, 'd***@e***', JSON.stringify(r.junk));
});
