// The demo page (www/) in headless Chromium against cognito-local (fixed code 123456) and the stub.
// Every test fails on a console error, an uncaught exception or a CSP violation. Each state a test
// screenshots (desktop and 360 px wide, into tests/artifacts/screenshots/) is scanned with axe-core
// first: any violation fails the test.
import { test, before, after } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, env } from '../support/browser.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { adminCall, createUser } from '../support/cognito-admin.mjs';
import { addPoolUser, lastMail, stubCall as call } from '../support/stub-admin.mjs';
import { totp } from '../support/totp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'tests', 'artifacts', 'screenshots');
mkdirSync(shots, { recursive: true });

const STUB = env('STUB_URL');
const COGNITO = env('COGNITO_LOCAL_URL');
const CLIENT_ID = env('COGNITO_CLIENT_ID');
const POOL_ID = env('COGNITO_USER_POOL_ID');
// The browser logs every 4xx (and cognito-local's 500 for an operation it lacks) it sees; that is
// the network panel speaking, not the page.
const HTTP_ERRORS = [/Failed to load resource: the server responded with a status of (4\d\d|500)/];
const PHONE = { width: 360, height: 740 };

let browser;
let site;
let users = 0;

before(async () => {
  browser = await launch();
  site = await startStaticServer({
    mounts: { '/': join(root, 'www'), '/js/': join(root, 'js'), '/pkg/': join(root, 'pkg') },
    dynamic: { '/config.json': () => ({ endpoint: COGNITO, clientId: CLIENT_ID, emulator: true }) },
  });
});

after(async () => {
  await site?.close();
  await browser?.close();
});

async function newUser() {
  const username = `demo${++users}-${Date.now()}@example.com`;
  const password = 'Demo-passw0rd!';
  await createUser(COGNITO, POOL_ID, username, password);
  return { username, password };
}

async function openDemo(query = '', options = {}) {
  const tab = await open(browser, `${site.url}/${query}`, { allow: HTTP_ERRORS, ...options });
  await tab.page.waitForSelector('body[data-ready="true"]');
  return tab;
}

/** Opens the demo with settings in the link, and confirms them as a user would. */
async function openViaLink(query, options = {}) {
  const tab = await openDemo(query, options);
  await tab.page.getByRole('button', { name: /^Use endpoint / }).click();
  return tab;
}

/** Opens the demo on the stub's stateless client and signs in by pasting `token` (its words set the stub's answers). */
async function openWithToken(token, options = {}) {
  const tab = await openViaLink(`?endpoint=${encodeURIComponent(STUB)}&clientId=stubclient`, options);
  await tab.page.getByText('Or paste an access token').click();
  await tab.page.getByLabel('Access token').fill(token);
  await tab.page.getByRole('button', { name: 'Use access token' }).click();
  return tab;
}

async function signIn(page, { username, password }, badge = 'Not verified') {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(badge, { exact: true }).waitFor();
  // A test that watches the tokens reads them next: wait until the sign-in reply has been read.
  const seen = watched.get(page);
  if (seen) await until(() => seen.access.length > 0, 'the sign-in reply was read');
}

/** The WCAG 2.2 A and AA rules and axe-core's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function scan(page, name) {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const found = violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(found, [], `${name}: axe-core finds no violation`);
}

async function shoot(page, name) {
  await scan(page, name);
  await page.screenshot({ path: join(shots, `${name}-desktop.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(shots, `${name}-360.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than a 360px screen`);
  await page.setViewportSize(size);
}

const status = (page) => page.locator('#status');

test('whole flow: sign in, send code, verify with the fixed code, state turns Verified', async () => {
  const user = await newUser();
  const tab = await openDemo();
  const { page } = tab;
  await shoot(page, '1-signed-out');
  await signIn(page, user);
  assert.equal(await page.locator('#value').textContent(), user.username);
  await shoot(page, '2-not-verified');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Verification code').waitFor();
  assert.match(await page.locator('#delivery').textContent(), /We sent a code by email to /);
  assert.match(await page.locator('#cooldown').textContent(), /You can send another code in \d+ s/);
  assert.equal(await page.getByRole('button', { name: 'Send code' }).isDisabled(), true, 'cooldown blocks resends');
  await shoot(page, '3-code-sent');
  await page.getByLabel('Verification code').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('Verified', { exact: true }).waitFor();
  await status(page).getByText(/is verified\. Your tokens were renewed, so your ID token says so too\./).waitFor();
  assert.equal(await page.locator('#claim').textContent(), 'Your ID token says email_verified is true.');
  await shoot(page, '4-verified');
  tab.expectClean();
  await tab.close();
});

test('a wrong code says so, and the right one still works', async () => {
  const tab = await openDemo();
  const { page } = tab;
  await signIn(page, await newUser());
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Verification code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('That code is not right').waitFor();
  assert.equal(await status(page).getAttribute('class'), 'status error');
  await shoot(page, '5-wrong-code');
  await page.getByLabel('Verification code').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('Verified', { exact: true }).waitFor();
  tab.expectClean();
  await tab.close();
});

test('change email: a code goes to the new address, verifying it makes it Verified', async () => {
  const tab = await openDemo();
  const { page } = tab;
  const user = await newUser();
  await signIn(page, user);
  const next = `new-${user.username}`;
  await page.getByLabel('New email').fill(next);
  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByText(`We sent a code to ${next}`).waitFor();
  assert.match(await page.locator('#pending-note').textContent(), new RegExp(user.username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await shoot(page, '6-change-email');
  await page.getByLabel('Verification code').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('Verified', { exact: true }).waitFor();
  assert.equal(await page.locator('#value').textContent(), next);
  tab.expectClean();
  await tab.close();
});

test('sign out drops the tokens; nothing is stored and no token reaches the URL', async () => {
  const tab = await openDemo();
  const { page } = tab;
  await signIn(page, await newUser());
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.getByText("You're signed out. Your refresh token was revoked and your tokens were dropped from this page.").waitFor();
  assert.equal(await page.locator('#account').isHidden(), true);
  const stored = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length, cookie: document.cookie, url: location.href,
    idb: (await indexedDB.databases()).length,
  }));
  assert.deepEqual({ ...stored, url: undefined }, { local: 0, session: 0, cookie: '', idb: 0, url: undefined });
  assert.ok(!/eyJ/.test(stored.url), 'no token in the URL');
  tab.expectClean();
  await tab.close();
});

test('LimitExceededException from the service shows its sentence and blocks resending', async () => {
  const tab = await openWithToken('failon.GetUserAttributeVerificationCode.LimitExceededException');
  const { page } = tab;
  await page.getByText('Not verified', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByRole('alert').getByText('Too many attempts').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Send code' }).isDisabled(), true);
  assert.equal(await page.locator('#cooldown').textContent(), 'Too many attempts: you can ask for another code in 15 min.');
  assert.match(await page.locator('#target').textContent(), /came from the link that opened this page/);
  await shoot(page, '7-limit-exceeded');
  tab.expectClean();
  await tab.close();
});

test('signing out while a sign-in is in flight keeps the page signed out', async () => {
  const tab = await openDemo();
  const { page } = tab;
  const user = await newUser();
  // Hold the InitiateAuth reply until the user has pressed Sign out.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(`${COGNITO}/**`, async (route) => {
    if (route.request().method() === 'POST' && route.request().headers()['x-amz-target']?.endsWith('.InitiateAuth')) await held;
    await route.continue();
  });
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.evaluate(() => document.getElementById('sign-out').click());
  release();
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#account').isHidden(), true, 'the late reply must not sign the user back in');
  tab.expectClean();
  await tab.close();
});

test('server text is shown as text, never as HTML', async () => {
  const tab = await openWithToken('xss.demo');
  const { page } = tab;
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByText('CustomMessageException').waitFor();
  const text = await status(page).textContent();
  assert.ok(text.includes('<img src=x onerror="window.__xss=1">Bad <b>code</b>'), text);
  assert.equal(await page.locator('#status img, #status b').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  tab.expectClean();
  await tab.close();
});

test('keyboard alone: sign in, send a code and verify', async () => {
  const tab = await openDemo();
  const { page } = tab;
  const user = await newUser();
  await page.getByLabel('Username').focus();
  await page.keyboard.type(user.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await page.getByText('Not verified', { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'send-code', 'focus moves to Send code');
  await page.keyboard.press('Enter');
  await page.getByLabel('Verification code').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'code', 'focus moves to the code field');
  await page.keyboard.type('123456');
  await page.keyboard.press('Enter');
  await page.getByText('Verified', { exact: true }).waitFor();
  tab.expectClean();
  await tab.close();
});

test('every control has its label as accessible name', async () => {
  const tab = await openDemo();
  const { page } = tab;
  for (const name of ['Username', 'Password', 'Access token']) {
    assert.equal(await page.getByLabel(name, { exact: true }).count(), 1, name);
  }
  assert.equal(await page.getByRole('button', { name: 'Sign in', exact: true }).count(), 1);
  await page.getByText('Or paste an access token').click();
  await page.getByText('Settings', { exact: true }).click();
  await shoot(page, '8-token-and-settings');
  await signIn(page, await newUser());
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.locator('#verify-form').waitFor();
  for (const name of ['Verification code', 'New email']) {
    assert.equal(await page.getByRole('textbox', { name, exact: true }).count(), 1, name);
  }
  for (const name of ['Send code', 'Verify', 'Change email', 'Sign out']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  // The live regions are in the page from the start, so what is put in them is announced.
  assert.equal(await page.locator('#status [role="status"]').count(), 1);
  assert.equal(await page.locator('#status [role="alert"]').count(), 1);
  tab.expectClean();
  await tab.close();
});

test('within a minute of expiry the tokens are refreshed; where GetTokensFromRefreshToken is unknown, REFRESH_TOKEN_AUTH is used from then on, and the page says so', async () => {
  const tab = await openDemo('', { clock: true });
  const { page } = tab;
  const calls = [];
  page.on('request', (req) => {
    const target = req.headers()['x-amz-target']?.split('.')[1];
    if (req.method() === 'POST' && target) calls.push(target === 'InitiateAuth' ? JSON.parse(req.postData()).AuthFlow : target);
  });
  const seen = watchTokens(page);
  await signIn(page, await newUser());
  const expiry = expiryOf(seen.access[0]);
  assert.ok(expiry > Date.now(), 'the access token carries an exp');
  calls.length = 0;
  // Jump to 30 s before the token expires: cognito-local does not know GetTokensFromRefreshToken.
  await page.clock.setSystemTime(expiry - 30_000);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Verification code').waitFor();
  assert.deepEqual(calls, ['GetTokensFromRefreshToken', 'REFRESH_TOKEN_AUTH', 'GetUserAttributeVerificationCode']);
  assert.match(await page.locator('#session-note').textContent(), /does not know GetTokensFromRefreshToken, so your session is refreshed with REFRESH_TOKEN_AUTH/);
  // The next refresh goes straight to REFRESH_TOKEN_AUTH.
  calls.length = 0;
  await page.clock.setSystemTime(expiry - 20_000);
  await page.getByLabel('Verification code').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('Verified', { exact: true }).waitFor();
  assert.deepEqual(calls.slice(0, 2), ['REFRESH_TOKEN_AUTH', 'VerifyUserAttribute']);
  tab.expectClean();
  await tab.close();
});

const stubRequests = async (key) => (await fetch(`${STUB}/__requests?token=${encodeURIComponent(key)}`)).json();

test('settings from a link apply only once confirmed: until then the sign-in goes to the page\'s own pool', async () => {
  const user = await newUser();
  const tab = await openDemo(`?endpoint=${encodeURIComponent(STUB)}&clientId=stubclient`);
  const { page } = tab;
  const confirm = page.getByRole('button', { name: `Use endpoint ${STUB}, app client stubclient` });
  await confirm.waitFor();
  assert.match(await page.locator('#link-text').textContent(), /would see your password/);
  assert.match(await page.locator('#target').textContent(), new RegExp(`emulator at ${COGNITO.replace(/[.:/]/g, '\\$&')}`));
  await signIn(page, user);
  assert.equal((await stubRequests(user.username)).length, 0, 'the password went nowhere but the page\'s own pool');
  await shoot(page, '9-link-settings');
  await confirm.click();
  assert.match(await page.locator('#target').textContent(), new RegExp(`emulator at ${STUB.replace(/[.:/]/g, '\\$&')}`));
  assert.equal(await page.locator('#account').isHidden(), true, 'new settings sign the user out');
  tab.expectClean();
  await tab.close();
});

test('the demo page is never framed: its server sends frame-ancestors none and X-Frame-Options DENY', async () => {
  const res = await fetch(`${site.url}/`);
  assert.equal(res.headers.get('content-security-policy'), "frame-ancestors 'none'");
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
});

test('signing out during a token refresh, or before a send-code reply lands, leaves the page signed out and quiet', async () => {
  const tab = await openDemo('', { clock: true });
  const { page } = tab;
  const seen = watchTokens(page);
  const user = await newUser();
  await signIn(page, user);
  const expiry = expiryOf(seen.access[0]);
  // Hold the refresh (and, the second time, the send-code reply) until Sign out was pressed.
  let release;
  let held = new Promise((done) => (release = done));
  let hold = '.InitiateAuth';
  await page.route(`${COGNITO}/**`, async (route) => {
    if (route.request().headers()['x-amz-target']?.endsWith(hold)) await held;
    await route.continue();
  });
  await page.clock.setSystemTime(expiry - 30_000);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  release();
  await page.waitForTimeout(300);
  assert.equal(await status(page).textContent(), "You're signed out. Your refresh token was revoked and your tokens were dropped from this page.");
  assert.equal(await page.locator('#account').isHidden(), true);

  await page.clock.setSystemTime(Date.now());
  await signIn(page, user);
  held = new Promise((done) => (release = done));
  hold = '.GetUserAttributeVerificationCode';
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  release();
  await page.waitForTimeout(300);
  assert.equal(await status(page).textContent(), "You're signed out. Your refresh token was revoked and your tokens were dropped from this page.");
  assert.equal(await page.getByText('Code sent').count(), 0);
  tab.expectClean();
  await tab.close();
});

test('a 2xx to "Send code" whose body is broken starts the resend wait, and errors are announced as alerts', async () => {
  const tab = await openWithToken('wrongshape.demo');
  const { page } = tab;
  // The stub's GetUser answers with the wrong shape too: the page says so, as an alert.
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /InvalidResponseError/);
  tab.expectClean();
  await tab.close();

  const again = await openViaLink(`?endpoint=${encodeURIComponent(STUB)}&clientId=stubclient`);
  await again.page.getByText('Or paste an access token').click();
  await again.page.getByLabel('Access token').fill('failon.GetUserAttributeVerificationCode.none');
  await again.page.route(`${STUB}/**`, async (route) => {
    if (route.request().headers()['x-amz-target']?.endsWith('.GetUserAttributeVerificationCode')) {
      await route.fulfill({ status: 200, headers: { 'access-control-allow-origin': '*', 'content-type': 'application/x-amz-json-1.1' }, body: '{"CodeDeliveryDetails":' });
      return;
    }
    await route.continue();
  });
  await again.page.getByRole('button', { name: 'Use access token' }).click();
  await again.page.getByText('Not verified', { exact: true }).waitFor();
  await again.page.getByRole('button', { name: 'Send code' }).click();
  await again.page.getByRole('alert').waitFor();
  assert.equal(await again.page.getByRole('button', { name: 'Send code' }).isDisabled(), true, 'the code was probably sent: resending waits');
  assert.match(await again.page.locator('#cooldown').textContent(), /You can send another code in \d+ s/);
  await again.page.getByLabel('Verification code').waitFor();
  again.expectClean();
  await again.close();
});

// ---- sign-up, challenges, refresh, sign-out: the stub's stateful pool, and cognito-local --------

const RUN = Date.now().toString(36);
let pools = 0;
const PASSWORD = 'Pool-passw0rd!';

/** A new pool on the stub (its setup words in the client id) and the demo opened on it. */
async function openPool(words = '', options = {}) {
  const clientId = `pool_${words}_${RUN}_${++pools}`;
  const tab = await openViaLink(`?endpoint=${encodeURIComponent(STUB)}&clientId=${clientId}`, options);
  return { ...tab, clientId };
}

async function poolUser(clientId, options = {}) {
  const username = `p${++users}-${RUN}@example.com`;
  return { username, password: PASSWORD, ...(await addPoolUser(STUB, { clientId, username, password: PASSWORD, ...options })) };
}

const lastCode = async (clientId, username) => (await lastMail(STUB, clientId, username)).code;

/** One raw call to the stub, as another device holding the token would make it. */
const stubCall = (operation, body) => call(STUB, operation, body);

/** The token records of the pages that `watchTokens` watches. */
const watched = new WeakMap();

/** Records every token the page receives from sign-in and refresh replies. */
function watchTokens(page) {
  const seen = { access: [], refresh: [], sentRefresh: [] };
  watched.set(page, seen);
  page.on('request', (req) => {
    const body = req.method() === 'POST' ? JSON.parse(req.postData() ?? '{}') : {};
    if (body.RefreshToken) seen.sentRefresh.push(body.RefreshToken);
  });
  page.on('response', async (res) => {
    const target = res.request().headers()['x-amz-target'] ?? '';
    if (res.status() !== 200 || !/\.(InitiateAuth|RespondToAuthChallenge|GetTokensFromRefreshToken)$/.test(target)) return;
    // A reply the page was closed before reading is of no interest.
    const result = (await res.json().catch(() => null))?.AuthenticationResult;
    if (result?.AccessToken) seen.access.push(result.AccessToken);
    if (result?.RefreshToken) seen.refresh.push(result.RefreshToken);
  });
  return seen;
}

async function until(condition, what) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(condition(), what);
}

const expiryOf = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).exp * 1000;

test('create account: sign up, a wrong code, resend after the cooldown, the replaced code expired, confirm, signed in', async () => {
  const tab = await openPool('signup', { clock: true });
  const { page, clientId } = tab;
  const email = `new${++users}-${RUN}@example.com`;
  await page.getByRole('button', { name: 'Create an account' }).click();
  await shoot(page, '10-sign-up');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByText('We sent a confirmation code by email to n***@e***.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Resend code' }).isDisabled(), true, 'a resend waits for the cooldown');
  assert.match(await page.locator('#resend-cooldown').textContent(), /You can ask for another code in \d+ s/);
  assert.equal(await page.getByLabel('Choose a password').inputValue(), '', 'the password leaves the field');
  await shoot(page, '10-sign-up-code-sent');
  const first = await lastCode(clientId, email);
  await page.getByLabel('Confirmation code').fill(first === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Confirm account' }).click();
  await page.getByText('That code is not right').waitFor();
  await page.clock.fastForward(31_000);
  await page.getByRole('button', { name: 'Resend code' }).click();
  await page.getByText('We sent a new code. Only the most recent code works.').waitFor();
  await page.getByLabel('Confirmation code').fill(first);
  await page.getByRole('button', { name: 'Confirm account' }).click();
  await page.getByText('That code has expired or was replaced by a newer one').waitFor();
  await page.getByLabel('Confirmation code').fill(await lastCode(clientId, email));
  await page.getByRole('button', { name: 'Confirm account' }).click();
  await page.getByText('Verified', { exact: true }).waitFor();
  assert.equal(await page.locator('#value').textContent(), email);
  assert.match(await status(page).textContent(), /Signed in\. Your email is already verified\./);
  tab.expectClean();
  await tab.close();
});

test('when the sign-in after confirming fails, the sign-in form is back with the address filled in', async () => {
  const tab = await openPool('signupfail', { allow: [...HTTP_ERRORS, /net::ERR_FAILED/] });
  const { page, clientId } = tab;
  const email = `fail${++users}-${RUN}@example.com`;
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByLabel('Confirmation code').waitFor();
  await page.route(`${STUB}/**`, (route) => (route.request().headers()['x-amz-target']?.endsWith('.InitiateAuth') ? route.abort() : route.continue()));
  await page.getByLabel('Confirmation code').fill(await lastCode(clientId, email));
  await page.getByRole('button', { name: 'Confirm account' }).click();
  await page.getByText('Cannot reach Cognito').waitFor();
  assert.equal(await page.locator('#signin').isVisible(), true);
  assert.equal(await page.getByLabel('Username').inputValue(), email);
  await page.unroute(`${STUB}/**`);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Verified', { exact: true }).waitFor();
  tab.expectClean();
  await tab.close();
});

test('create account against cognito-local, and a taken address says so', async () => {
  const tab = await openDemo();
  const { page } = tab;
  const email = `local${++users}-${RUN}@example.com`;
  for (const attempt of ['new', 'taken']) {
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Choose a password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    if (attempt === 'taken') {
      await page.getByText('An account with that email address already exists').waitFor();
      break;
    }
    await page.getByLabel('Confirmation code').fill('123456');
    await page.getByRole('button', { name: 'Confirm account' }).click();
    await page.locator('#account').waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByText("You're signed out.", { exact: false }).waitFor();
  }
  tab.expectClean();
  await tab.close();
});

test('signing in to an unconfirmed account leads to its confirmation, then in', async () => {
  const tab = await openPool('', { clock: true });
  const { page, clientId } = tab;
  const user = await poolUser(clientId, { confirmed: false });
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('This account is not confirmed yet').waitFor();
  await page.getByRole('button', { name: 'Resend code' }).click();
  await page.getByText('We sent a new code.', { exact: false }).waitFor();
  await page.getByLabel('Confirmation code').fill(await lastCode(clientId, user.username));
  await page.getByRole('button', { name: 'Confirm account' }).click();
  await page.getByText('Verified', { exact: true }).waitFor();
  tab.expectClean();
  await tab.close();
});

/** Signs in to a pool user whose sign-in has `challenge`, and waits for its form. */
async function toChallenge(challenge, options = {}) {
  const tab = await openPool();
  const user = await poolUser(tab.clientId, { challenge, ...options });
  await tab.page.getByLabel('Username').fill(user.username);
  await tab.page.getByLabel('Password', { exact: true }).fill(user.password);
  await tab.page.getByRole('button', { name: 'Sign in' }).click();
  await tab.page.getByRole('heading', { name: 'One more step' }).waitFor();
  return { ...tab, user };
}

test('a new password challenge has its own form, then the sign-in continues', async () => {
  const tab = await toChallenge('NEW_PASSWORD_REQUIRED');
  const { page } = tab;
  assert.match(await page.locator('#challenge-text').textContent(), /needs a new password/);
  await shoot(page, '11-new-password');
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.getByText('Choose a stronger password').waitFor();
  await page.getByLabel('New password').fill('A-much-longer-passw0rd');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.locator('#account').waitFor();
  tab.expectClean();
  await tab.close();
});

test('a new password challenge from cognito-local (a user created with a temporary password)', async () => {
  const username = `temp${++users}-${RUN}@example.com`;
  await adminCall(COGNITO, 'AdminCreateUser', {
    UserPoolId: POOL_ID, Username: username, MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-passw0rd!',
    UserAttributes: [{ Name: 'email', Value: username }],
  });
  const tab = await openDemo();
  const { page } = tab;
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill('Temp-passw0rd!');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('New password').fill('Permanent-passw0rd!');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.locator('#account').waitFor();
  assert.equal(await page.locator('#value').textContent(), username);
  tab.expectClean();
  await tab.close();
});

test('codes by email and by text message: each says where it went; a wrong one can be typed again', async () => {
  for (const [challenge, where] of [['EMAIL_OTP', 'by email to p'], ['SMS_MFA', 'by text message to +*******4321']]) {
    const tab = await toChallenge(challenge, { phone: '+15550004321' });
    const { page, clientId, user } = tab;
    assert.match(await page.locator('#challenge-text').textContent(), new RegExp(where.replace(/[+*]/g, '\\$&')));
    if (challenge === 'SMS_MFA') await shoot(page, '12-sms-code');
    await page.getByLabel('Sign-in code').fill('00000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('That code is not right').waitFor();
    await page.getByLabel('Sign-in code').fill(await lastCode(clientId, user.username));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#account').waitFor();
    tab.expectClean();
    await tab.close();
  }
});

test('an authenticator code, and a choice of MFA method answered by keyboard', async () => {
  const app = await toChallenge('SOFTWARE_TOKEN_MFA');
  await app.page.getByLabel('Sign-in code').fill(totp(app.user.totpSecret));
  await app.page.getByRole('button', { name: 'Continue' }).click();
  await app.page.locator('#account').waitFor();
  app.expectClean();
  await app.close();

  const choice = await toChallenge('SELECT_MFA_TYPE');
  const { page } = choice;
  await shoot(page, '13-choose-mfa');
  assert.deepEqual(await page.getByRole('group', { name: 'Choose an MFA method' }).getByRole('button').allTextContents(), ['Text me a code', 'Use my authenticator app']);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Text me a code', 'focus moves to the first choice');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByText('Enter the code your authenticator app shows').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'mfa-code');
  await page.keyboard.type(totp(choice.user.totpSecret));
  await page.keyboard.press('Enter');
  await page.locator('#account').waitFor();
  choice.expectClean();
  await choice.close();
});

test('three wrong codes end the sign-in: the page says so and returns to sign in', async () => {
  const tab = await toChallenge('EMAIL_OTP');
  const { page } = tab;
  let answers = 0;
  page.on('request', (req) => req.headers()['x-amz-target']?.endsWith('.RespondToAuthChallenge') && answers++);
  const hiddenAfter = [];
  for (let i = 0; i < 5 && (await page.locator('#challenge').isVisible()); i++) {
    await page.getByLabel('Sign-in code').fill('00000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction(() => document.querySelector('#challenge-submit').getAttribute('aria-busy') === null);
    hiddenAfter.push(await page.locator('#challenge').isHidden());
  }
  // Three CodeMismatchExceptions keep the form; the fourth answer meets an ended session.
  assert.deepEqual(hiddenAfter, [false, false, false, true]);
  assert.equal(answers, 4);
  await page.getByText('This sign-in has expired').waitFor();
  assert.equal(await page.locator('#signin').isVisible(), true);
  tab.expectClean();
  await tab.close();
});

test('under refresh token rotation the page refreshes with GetTokensFromRefreshToken and keeps each new refresh token', async () => {
  const tab = await openPool('rotate', { clock: true });
  const { page, clientId } = tab;
  const seen = watchTokens(page);
  const user = await poolUser(clientId);
  await signIn(page, user);
  const expiry = expiryOf(seen.access[0]);
  // Two sends a cooldown apart, both within a minute of the access token's expiry: two refreshes.
  await page.clock.setSystemTime(expiry - 55_000);
  for (const i of [1, 2]) {
    await page.getByRole('button', { name: 'Send code' }).click();
    await until(() => seen.refresh.length === i + 1, 'each refresh returns a new refresh token');
    assert.equal(seen.sentRefresh.at(-1), seen.refresh.at(-2), 'the newest refresh token was the one sent');
    await page.getByText('Code sent.', { exact: false }).waitFor();
    await page.clock.fastForward(35_000);
  }
  assert.equal(await page.locator('#session-note').isHidden(), true, 'no fallback was needed');
  // Another device presenting the first refresh token now is refused as reuse.
  const reuse = await stubCall('GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: seen.refresh[0] });
  assert.equal(reuse.body.__type.split('#').at(-1), 'RefreshTokenReuseException');
  tab.expectClean();
  await tab.close();
});

test('a pool that does not know GetTokensFromRefreshToken falls back to REFRESH_TOKEN_AUTH, once, and says so', async () => {
  const tab = await openPool('legacy', { clock: true });
  const { page, clientId } = tab;
  const seen = watchTokens(page);
  const targets = [];
  page.on('request', (req) => req.method() === 'POST' && targets.push(req.headers()['x-amz-target']?.split('.')[1]));
  await signIn(page, await poolUser(clientId));
  await page.clock.setSystemTime(expiryOf(seen.access[0]) - 30_000);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Verification code').waitFor();
  assert.equal(targets.filter((t) => t === 'GetTokensFromRefreshToken').length, 1);
  assert.match(await page.locator('#session-note').textContent(), /refreshed with REFRESH_TOKEN_AUTH instead/);
  tab.expectClean();
  await tab.close();
});

test('a reused refresh token ends the session with its own sentence', async () => {
  const tab = await openPool('rotate', { clock: true });
  const { page, clientId } = tab;
  const seen = watchTokens(page);
  await signIn(page, await poolUser(clientId));
  // Someone else refreshed with this token first (and the grace period is 0).
  await stubCall('GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: seen.refresh[0] });
  await page.clock.setSystemTime(expiryOf(seen.access[0]) - 30_000);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByText('its refresh token was used twice').waitFor();
  assert.equal(await page.locator('#signin').isVisible(), true, 'back to sign in');
  tab.expectClean();
  await tab.close();
});

test('Sign out revokes the refresh token; where revocation is off, it says so', async () => {
  const tab = await openPool();
  const { page, clientId } = tab;
  const seen = watchTokens(page);
  await signIn(page, await poolUser(clientId));
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByText("You're signed out. Your refresh token was revoked and your tokens were dropped from this page.").waitFor();
  const after = await stubCall('GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: seen.refresh[0] });
  assert.equal(after.body.message, 'Refresh Token has been revoked');
  const stillUser = await stubCall('GetUser', { AccessToken: seen.access[0] });
  assert.equal(stillUser.body.message, 'Access Token has been revoked');
  tab.expectClean();
  await tab.close();

  const off = await openPool('norevoke');
  const offSeen = watchTokens(off.page);
  await signIn(off.page, await poolUser(off.clientId));
  await off.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await off.page.getByText('token revocation is off for this app client').waitFor();
  assert.equal(await off.page.locator('#account').isHidden(), true, 'signed out of the page all the same');
  await shoot(off.page, '14-revocation-off');
  const works = await stubCall('GetTokensFromRefreshToken', { ClientId: off.clientId, RefreshToken: offSeen.refresh[0] });
  assert.equal(works.status, 200, 'the page said the token still works: it does');
  off.expectClean();
  await off.close();
});

test('Sign out everywhere ends the sessions on other devices too; cognito-local, which lacks GlobalSignOut, says so', async () => {
  const tab = await openPool();
  const { page, clientId } = tab;
  const user = await poolUser(clientId);
  const elsewhere = (await stubCall('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
  })).body.AuthenticationResult;
  await signIn(page, user);
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.getByText("You're signed out everywhere").waitFor();
  assert.equal((await stubCall('GetUser', { AccessToken: elsewhere.AccessToken })).body.message, 'Access Token has been revoked');
  assert.equal((await stubCall('GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: elsewhere.RefreshToken })).body.message, 'Refresh Token has been revoked');
  tab.expectClean();
  await tab.close();

  const local = await openDemo();
  await signIn(local.page, await newUser());
  await local.page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await local.page.getByText('does not know GlobalSignOut').waitFor();
  assert.equal(await local.page.locator('#account').isHidden(), true);
  local.expectClean();
  await local.close();
});

// ---- the verification flow: both pool settings, phone numbers, every error's next step ---------

/** The operations the page calls, in order. */
function watchTargets(page) {
  const targets = [];
  page.on('request', (req) => req.method() === 'POST' && targets.push(req.headers()['x-amz-target']?.split('.')[1]));
  return targets;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a pool that keeps the original address: the old one stays active, "Send code" reaches the new one, verifying moves to it', async () => {
  const tab = await openPool('keep', { clock: true });
  const { page, clientId } = tab;
  const user = await poolUser(clientId, { emailVerified: true });
  await signIn(page, user, 'Verified');
  assert.equal(await page.locator('#cooldown').textContent(), 'Nothing to do: this email address is verified.');
  const next = `new-${user.username}`;
  await page.getByLabel('New email').fill(next);
  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByText(`We sent a code to ${next}`).waitFor();
  assert.equal(await page.locator('#value').textContent(), user.username, 'the original stays');
  assert.equal(await page.locator('#state').textContent(), 'Verified');
  assert.equal(
    await page.locator('#pending-note').textContent(),
    `Your current email address (${user.username}) stays active for sign-in and messages until you verify ${next}.`,
  );
  const first = await lastMail(STUB, clientId, user.username);
  assert.equal(first.to, next);
  assert.match(await page.locator('#cooldown').textContent(), /^You can send another code in \d+ s\.$/);
  await shoot(page, '15-keep-original-pending');

  await page.clock.fastForward(31_000);
  await page.getByText(`Codes go to ${next}, the new email address.`).waitFor();
  const targets = watchTargets(page);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByText('Code sent.').waitFor();
  assert.deepEqual(targets, ['UpdateUserAttributes'], 'the resend submits the update again: GetUserAttributeVerificationCode would go to the old address');
  const second = await lastMail(STUB, clientId, user.username);
  assert.equal(second.to, next);
  await page.getByLabel('Verification code').fill(first.code === second.code ? '000000' : first.code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('That code is not right').waitFor();
  await page.getByLabel('Verification code').fill(second.code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await status(page).getByText(`Your email address ${next} is verified.`).waitFor();
  assert.equal(await page.locator('#value').textContent(), next);
  assert.equal(await page.locator('#pending-note').isHidden(), true);
  assert.equal(await page.locator('#claim').textContent(), 'Your ID token says email_verified is true.');
  await shoot(page, '16-keep-original-verified');
  tab.expectClean();
  await tab.close();
});

test('a pool that takes a new address at once: it replaces the old one unverified, and the page says the old one gets nothing more', async () => {
  const tab = await openPool('', { clock: true });
  const { page, clientId } = tab;
  const user = await poolUser(clientId, { emailVerified: true });
  await signIn(page, user, 'Verified');
  const next = `other-${user.username}`;
  await page.getByLabel('New email').fill(next);
  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByText(`We sent a code to ${next}`).waitFor();
  assert.equal(await page.locator('#value').textContent(), next);
  assert.equal(await page.locator('#state').textContent(), 'Not verified');
  assert.equal(
    await page.locator('#pending-note').textContent(),
    `Your account's email address is now ${next}, not verified until you enter the code sent there. Your old email address (${user.username}) no longer receives account messages.`,
  );
  await shoot(page, '17-replaced-unverified');
  await page.clock.fastForward(31_000);
  const targets = watchTargets(page);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByText('Code sent.').waitFor();
  assert.deepEqual(targets, ['GetUserAttributeVerificationCode']);
  const mail = await lastMail(STUB, clientId, user.username);
  assert.equal(mail.to, next);
  await page.getByLabel('Verification code').fill(mail.code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await status(page).getByText(`Your email address ${next} is verified.`).waitFor();
  assert.equal(await page.locator('#pending-note').isHidden(), true);
  tab.expectClean();
  await tab.close();
});

test('the current address as a change sends nothing and says so', async () => {
  const tab = await openPool('keep');
  const { page, clientId } = tab;
  const user = await poolUser(clientId, { emailVerified: true });
  await signIn(page, user, 'Verified');
  const targets = watchTargets(page);
  await page.getByLabel('New email').fill(user.username.toUpperCase());
  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByRole('alert').getByText(`is already this account's email address: nothing was sent.`).waitFor();
  assert.deepEqual(targets, [], 'no request went out');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'new-value');
  assert.equal((await lastMail(STUB, clientId, user.username)).code, undefined, 'no code was sent');
  await shoot(page, '21-same-value');
  tab.expectClean();
  await tab.close();
});

test('phone by keyboard alone: switch to Phone, send a text, verify, then change the number in a pool that keeps the original', async () => {
  const tab = await openPool('keep');
  const { page, clientId } = tab;
  const user = await poolUser(clientId, { emailVerified: true, phone: '+15555550123' });
  await signIn(page, user, 'Verified');
  await page.getByRole('radio', { name: 'Email' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('heading', { name: 'Your phone number' }).waitFor();
  await page.getByText('Not verified', { exact: true }).waitFor();
  assert.equal(await page.locator('#value').textContent(), '+15555550123');
  assert.equal(await page.getByRole('radio', { name: 'Phone' }).isChecked(), true);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'send-code', 'Send code follows the switch');
  await page.keyboard.press('Enter');
  await page.getByText('We sent a code by text message to +*******0123.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'code');
  const mail = await lastMail(STUB, clientId, user.username);
  assert.deepEqual([mail.medium, mail.to], ['SMS', '+15555550123']);
  await shoot(page, '18-phone-code-sent');
  await page.keyboard.type(mail.code);
  await page.keyboard.press('Enter');
  await status(page).getByText('Your phone number +15555550123 is verified.').waitFor();
  assert.equal(await page.locator('#claim').textContent(), 'Your ID token says phone_number_verified is true.');

  // A number without its country code is refused before the network.
  const targets = watchTargets(page);
  await page.getByLabel('New phone number').focus();
  await page.keyboard.type('555 0199');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').getByText('Enter the phone number with its country code').waitFor();
  assert.deepEqual(targets, []);
  await page.getByLabel('New phone number').fill('');
  await page.keyboard.type('+15555550199');
  await page.keyboard.press('Enter');
  await page.getByText('We sent a code to +15555550199.').waitFor();
  assert.equal(
    await page.locator('#pending-note').textContent(),
    'Your current phone number (+15555550123) stays active for sign-in and messages until you verify +15555550199.',
  );
  assert.equal((await lastMail(STUB, clientId, user.username)).to, '+15555550199');
  await shoot(page, '19-phone-pending');

  // The email's flow is its own: still verified, with nothing pending.
  await page.getByRole('radio', { name: 'Phone' }).focus();
  await page.keyboard.press('ArrowLeft');
  await page.getByRole('heading', { name: 'Your email', exact: true }).waitFor();
  assert.equal(await page.locator('#value').textContent(), user.username);
  assert.equal(await page.locator('#state').textContent(), 'Verified');
  tab.expectClean();
  await tab.close();
});

test('an account without a phone number adds one: a code goes to it, and it is verified', async () => {
  const tab = await openPool('');
  const { page, clientId } = tab;
  const user = await poolUser(clientId);
  await signIn(page, user);
  await page.getByRole('radio', { name: 'Phone' }).check();
  await page.getByText('(no phone number on this account)').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Send code' }).isDisabled(), true, 'nothing to send a code to');
  await shoot(page, '22-no-phone');
  await page.getByLabel('New phone number').fill('+15555550142');
  await page.getByRole('button', { name: 'Add phone number' }).click();
  await page.getByText('We sent a code to +15555550142.').waitFor();
  assert.equal(await page.locator('#value').textContent(), '+15555550142');
  await page.getByLabel('Verification code').fill((await lastMail(STUB, clientId, user.username)).code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await status(page).getByText('Your phone number +15555550142 is verified.').waitFor();
  tab.expectClean();
  await tab.close();
});

/** For each failure: what the page says (its next step), and where it leaves the user. */
const FAILURES = [
  ['VerifyUserAttribute', 'CodeMismatchException', 'That code is not right. Type the code from the latest message again.', 'code'],
  ['VerifyUserAttribute', 'ExpiredCodeException', 'That code has expired or was replaced. Send a new code.', null],
  ['VerifyUserAttribute', 'LimitExceededException', 'Too many attempts. Wait before trying again: trying sooner makes the wait longer.', null],
  ['GetUserAttributeVerificationCode', 'CodeDeliveryFailureException', 'That value cannot be used here. Enter another one.', null],
  ['UpdateUserAttributes', 'AliasExistsException', 'That value cannot be used here. Enter another one.', 'new-value'],
  ['GetUserAttributeVerificationCode', 'InvalidParameterException', 'Check what you typed, then try again.', null],
  ['VerifyUserAttribute', 'NotAuthorizedException', 'Your session has ended or the token is no longer valid. Sign in again.', 'signed out'],
];

test('every error of the flow says its next step, and leaves the user where that step is', async () => {
  for (const [operation, name, sentence, after] of FAILURES) {
    const tab = await openWithToken(`failon.${operation}.${name}.${RUN}`);
    const { page } = tab;
    await page.getByText('Not verified', { exact: true }).waitFor();
    if (operation === 'UpdateUserAttributes') {
      await page.getByLabel('New email').fill('taken@example.com');
      await page.getByRole('button', { name: 'Change email' }).click();
    } else {
      await page.getByRole('button', { name: 'Send code' }).click();
      if (operation === 'VerifyUserAttribute') {
        await page.getByText('Code sent.').waitFor();
        await page.getByLabel('Verification code').fill('123456');
        await page.getByRole('button', { name: 'Verify' }).click();
      }
    }
    const alert = page.getByRole('alert');
    await alert.getByText(sentence).waitFor();
    if (after === 'signed out') {
      assert.equal(await page.locator('#signin').isVisible(), true, `${name}: back to sign in`);
    } else if (after) {
      await page.waitForFunction((id) => document.activeElement?.id === id, after);
    }
    if (name === 'LimitExceededException') {
      assert.equal(await page.getByRole('button', { name: 'Send code' }).isDisabled(), true);
      assert.equal(await page.locator('#cooldown').textContent(), 'Too many attempts: you can ask for another code in 15 min.');
      await shoot(page, '20-limit-wait');
    }
    tab.expectClean();
    await tab.close();
  }
});

test('a session ended elsewhere signs the page out when the other attribute is chosen', async () => {
  const tab = await openPool('');
  const { page, clientId } = tab;
  const seen = watchTokens(page);
  await signIn(page, await poolUser(clientId));
  // "Sign out everywhere" on another device.
  await stubCall('GlobalSignOut', { AccessToken: seen.access[0] });
  await page.getByRole('radio', { name: 'Phone' }).click();
  await page.getByRole('alert').getByText('Your session has ended or the token is no longer valid. Sign in again.').waitFor();
  assert.equal(await page.locator('#signin').isVisible(), true, 'back to sign in');
  assert.equal(await page.locator('#account').isHidden(), true);
  tab.expectClean();
  await tab.close();
});

test('a refusal is said as such, not as the problem before it; while a call is in flight the other attribute waits', async () => {
  const tab = await openWithToken(`failon.UpdateUserAttributes.AliasExistsException.${RUN}`);
  const { page } = tab;
  await page.getByText('Not verified', { exact: true }).waitFor();
  let release;
  const held = new Promise((done) => (release = done));
  await page.route(`${STUB}/**`, async (route) => {
    if (route.request().headers()['x-amz-target']?.endsWith('.GetUserAttributeVerificationCode')) await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.waitForFunction(() => document.getElementById('flow').getAttribute('aria-busy') === 'true');
  assert.equal(await page.getByRole('radio', { name: 'Phone' }).isDisabled(), true, 'no switch while a code is being sent');
  release();
  await page.getByText('Code sent.').waitFor();
  assert.equal(await page.getByRole('radio', { name: 'Phone' }).isDisabled(), false);
  await page.getByLabel('New email').fill('taken@example.com');
  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByRole('alert').getByText('That value cannot be used here').waitFor();
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('alert').getByText('Type the code from the message first.').waitFor();
  tab.expectClean();
  await tab.close();
});

test('a verify whose token renewal fails still says verified, and "Renew tokens" renews them', async () => {
  const tab = await openPool('');
  const { page, clientId } = tab;
  const user = await poolUser(clientId);
  await signIn(page, user);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByText('Code sent.').waitFor();
  const failing = async (route) => {
    if (!route.request().headers()['x-amz-target']?.endsWith('.GetTokensFromRefreshToken')) return route.continue();
    await route.fulfill({
      status: 500,
      headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-amzn-errortype', 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'InternalErrorException:' },
      body: JSON.stringify({ __type: 'InternalErrorException', message: 'Internal error' }),
    });
  };
  await page.route(`${STUB}/**`, failing);
  await page.getByLabel('Verification code').fill((await lastMail(STUB, clientId, user.username)).code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('alert').getByText(`Your email address ${user.username} is verified. Your tokens could not be renewed`).waitFor();
  assert.equal(await page.getByText('Verified', { exact: true }).isVisible(), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'renew');
  assert.match(await page.locator('#claim').textContent(), /^Your ID token was issued before this verify/);
  await shoot(page, '23-renew-failed');
  await page.unroute(`${STUB}/**`, failing);
  await page.getByRole('button', { name: 'Renew tokens' }).click();
  await page.getByText('Your tokens were renewed: your ID token is current.').waitFor();
  assert.equal(await page.locator('#claim').textContent(), 'Your ID token says email_verified is true.');
  assert.equal(await page.locator('#renew').isHidden(), true);
  tab.expectClean();
  await tab.close();
});
